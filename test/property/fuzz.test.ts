/** The text front end never throws: ≥ 20,000 fuzzed definitions and types per run, plus deep nesting. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzz, fuzzSignatures } from '../support/fuzz.js';
import { countFromEnv, seedFromEnv } from '../support/env.js';
import { layoutOfType } from '../../src/query/layout.js';
import { parseSourceFile, parseTypeExpr } from '../../src/input/parser.js';

const SEED = seedFromEnv();

test(`fuzzed definitions and types always give a layout or diagnostics (seed ${SEED})`, (t) => {
  const n = countFromEnv('RUSTABI_FUZZ_CASES', 20000);
  const s = fuzz(n, SEED);
  t.diagnostic(`seed ${SEED}: ${s.inputs} inputs, ${s.parsedOk} definition sets parsed, ${s.laidOut} laid out, ${s.diagnostics} with diagnostics`);
  assert.equal(s.inputs, n);
  assert.ok(s.parsedOk > n / 10 && s.diagnostics > n / 10, 'the fuzzer must exercise both paths');
});

test('10,000-deep nesting is a depth diagnostic, not a crash', () => {
  const deepOpt = 'Option<'.repeat(10000) + 'u8' + '>'.repeat(10000);
  const deepTuple = '('.repeat(10000) + 'u8' + ')'.repeat(10000);
  const deepArr = '['.repeat(10000) + 'u8' + '; 1]'.repeat(10000);
  const deepRef = '&'.repeat(10000) + 'u8';
  for (const ty of [deepOpt, deepTuple, deepArr, deepRef]) {
    const r = layoutOfType(ty);
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.errors[0]?.code, 'input/too-deep');
  }
  const deepMod = 'mod m { '.repeat(10000) + '}'.repeat(10000);
  const m = parseSourceFile({ name: 'deep.rs', text: deepMod });
  assert.equal(m.ok, false);
  const deepConst = parseTypeExpr({ name: 't', text: '[u8; ' + '('.repeat(10000) + '1' + ')'.repeat(10000) + ']' });
  assert.equal(deepConst.ok, false);
});

test('deep but legal nesting (200 levels) still lays out', () => {
  const r = layoutOfType('Option<'.repeat(100) + 'bool' + '>'.repeat(100));
  assert.equal(r.ok, true);
});

test(`fuzzed signatures always give a register map or diagnostics (seed ${SEED})`, (t) => {
  const n = countFromEnv('RUSTABI_FUZZ_CASES', 20000);
  const s = fuzzSignatures(n, SEED);
  t.diagnostic(`seed ${SEED}: ${s.inputs} signatures, ${s.laidOut} mapped, ${s.diagnostics} with diagnostics`);
  assert.ok(s.laidOut > n / 20 && s.diagnostics > n / 20, 'the fuzzer must exercise both paths');
});
