/**
 * Fuzz of decoding: random signatures over the layout arbitraries' types, on every target, with random
 * register values at entry and at return and random memory (sometimes none, sometimes truncated).
 * `decodeCall` must always answer with a value (possibly containing `<invalid: …>`) or a diagnostic
 * with a `value/` code — never throw. The register-text parser gets mutated `--regs` strings and must
 * answer with a map or coded diagnostics. Seed: RUSTABI_SEED (printed); count: RUSTABI_DECODE_FUZZ.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createLayoutSession } from '../../src/query/layout.js';
import { fnAbiOf } from '../../src/query/abi.js';
import { TARGET_IDS } from '../../src/model/target.js';
import { REGISTER_FILES } from '../../src/model/registers.js';
import type { RegisterArch } from '../../src/model/registers.js';
import { decodeCall } from '../../src/value/call.js';
import { debugValue } from '../../src/value/debug.js';
import { valueHasInvalid } from '../../src/value/equal.js';
import { SparseMemory, parseRegisterList } from '../../src/value/snapshot.js';
import { arbRustCase, renameCase } from '../../src/testing/arbitraries/index.js';
import { countFromEnv, seedFromEnv } from '../support/env.js';
import { rng } from '../support/fuzz.js';

const SEED = seedFromEnv();
const COUNT = countFromEnv('RUSTABI_DECODE_FUZZ', 1500);

function regNames(arch: string): string[] {
  if (arch === 'wasm32') return Array.from({ length: 16 }, (_, i) => `param${i}`).concat(['result']);
  return REGISTER_FILES[arch as RegisterArch].map((r) => r.name);
}

interface Rng { nextInt(a: number, b: number): number }

function randomRegs(rng: Rng, names: readonly string[], sp: bigint): Map<string, bigint> {
  const m = new Map<string, bigint>();
  for (const n of names) {
    if (rng.nextInt(0, 19) === 0) continue; // sometimes missing
    const kind = rng.nextInt(0, 3);
    const v = kind === 0 ? BigInt(rng.nextInt(0, 3)) : kind === 1 ? BigInt(rng.nextInt(-300, 300)) & 0xffff_ffff_ffff_ffffn : (BigInt(rng.nextInt(0, 0x7fffffff)) << 32n) | BigInt(rng.nextInt(0, 0x7fffffff));
    m.set(n, v);
  }
  m.set('rsp', sp);
  m.set('sp', sp);
  return m;
}

test('decodeCall never throws: a value or value/ diagnostics, on random signatures and registers', (t) => {
  t.diagnostic(`seed ${SEED}, ${COUNT} signatures per target`);
  const cases = fc.sample(arbRustCase({ maxItems: 3, maxTypes: 6 }), { seed: SEED, numRuns: Math.ceil(COUNT / 2) });
  const counts = { decoded: 0, invalid: 0, diagnostics: 0, args: 0 };
  const codes = new Map<string, number>();
  let n = 0;
  for (const target of TARGET_IDS) {
    let done = 0;
    for (const [ci, rc0] of cases.entries()) {
      if (done >= COUNT) break;
      const rc = renameCase(rc0, `F${ci}`);
      const s = createLayoutSession({ target, defs: [{ name: 'case.rs', text: rc.defs }] });
      if (!s.ok) continue;
      const types = rc.types;
      for (let k = 0; k < types.length && done < COUNT; k++) {
        const params = types.slice(0, k).map((ty, i) => `p${i}: ${ty}`).join(', ');
        const sig = `fn f(${params}) -> ${types[k]}`;
        const abi = fnAbiOf(s.value, sig);
        if (!abi.ok) continue;
        done++;
        n++;
        const seedRng = mulberry(SEED ^ (n * 2654435761));
        const names = regNames(s.value.target.arch);
        const sp = 0x7000_0000n;
        const memory = new SparseMemory();
        if (seedRng() % 3 !== 0) {
          const len = seedRng() % 512;
          memory.add(sp, Uint8Array.from({ length: len }, () => seedRng() & 0xff));
        }
        const regsRng: Rng = { nextInt: (a, b) => a + (seedRng() % (b - a + 1)) };
        const snap = { regs: randomRegs(regsRng, names, sp), entryRegs: randomRegs(regsRng, names, sp), memory };
        let call;
        try {
          call = decodeCall(abi.value.abi, s.value.cx, snap);
        } catch (e) {
          assert.fail(`decodeCall threw on ${target} for \`${sig}\` with defs:\n${rc.defs}\n(replay: RUSTABI_SEED=${SEED}): ${(e as Error).stack ?? String(e)}`);
        }
        for (const o of [...(call.args ?? []).map((a) => a.value), ...(call.ret === null ? [] : [call.ret])]) {
          counts.args++;
          if (o.ok) {
            try {
              debugValue(o.value);
            } catch (e) {
              assert.fail(`debugValue threw on ${target} for \`${sig}\`: ${(e as Error).message}`);
            }
            if (valueHasInvalid(o.value)) counts.invalid++; else counts.decoded++;
          } else {
            counts.diagnostics++;
            for (const d of o.errors) {
              assert.match(d.code, /^value\//, `a value/ code for \`${sig}\` on ${target}: ${d.code} ${d.message}`);
              codes.set(d.code, (codes.get(d.code) ?? 0) + 1);
            }
          }
        }
      }
    }
  }
  t.diagnostic(`coverage: ${n} signatures, ${counts.args} values: ${counts.decoded} decoded, ${counts.invalid} with invalid bit patterns, ${counts.diagnostics} diagnostics (${[...codes].map(([c, k]) => `${c}=${k}`).join(' ')})`);
  assert.ok(counts.decoded > 0 && counts.invalid > 0 && counts.diagnostics > 0, 'the fuzz reaches values, invalid patterns and diagnostics');
});

/** uint32 draws from the shared replayable PRNG. */
function mulberry(seed: number): () => number {
  const r = rng(seed);
  return () => Math.floor(r() * 4294967296);
}

test('parseRegisterList never throws on mutated --regs text', (t) => {
  t.diagnostic(`seed ${SEED}`);
  const arches = ['x86_64', 'aarch64', 'riscv64', 'wasm32'] as const;
  const base = ['rax=0x1,rdx=0x2a', 'x0=1 x1=0x2a regs[8]=0x1000', 'a0=ff,a1=0', 'param0=1,result=2', '%di=1,%si=2', 'ax=ffffffffffffffff'];
  let ok = 0;
  let diags = 0;
  fc.assert(fc.property(fc.constantFrom(...base), fc.array(fc.tuple(fc.nat(40), fc.string({ maxLength: 3 }))), fc.constantFrom(...arches), (b, edits, arch) => {
    let s = b;
    for (const [pos, ins] of edits) s = s.slice(0, pos % (s.length + 1)) + ins + s.slice((pos % (s.length + 1)) + 1);
    const r = parseRegisterList(s, arch, { name: '--regs', text: s });
    if (r.ok) ok++;
    else {
      diags++;
      for (const d of r.errors) assert.match(d.code, /^value\//);
    }
  }), { seed: SEED, numRuns: 3000 });
  t.diagnostic(`coverage: ${ok} parsed, ${diags} diagnosed`);
  assert.ok(ok > 0 && diags > 0);
});
