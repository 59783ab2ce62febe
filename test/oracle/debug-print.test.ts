/**
 * `debugValue` against REAL Rust output: fast-check generates (type, value) pairs (seed RUSTABI_SEED,
 * printed), one x86_64 std program built with `rustc -O --edition 2021` (RUSTC_BOOTSTRAP=1 for the
 * f16/f128 features) constructs every value and prints `{:?}` one per line, and each line is compared
 * byte for byte with `debugValue(parseValue(text))` — for the rustc expression and for rustabi's lenient
 * spelling — and with the value after an encode → decode round trip through rustabi's x86_64 layout.
 * The same program re-derives the table of chars Debug escapes as `\u{…}` (src/value/unicode.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { createLayoutSession } from '../../src/query/layout.js';
import type { LayoutSession } from '../../src/query/layout.js';
import { debugValue } from '../../src/value/debug.js';
import { decodeValue, encodeValue } from '../../src/value/codec.js';
import { valuesEqual } from '../../src/value/equal.js';
import { MemoryArena } from '../../src/value/memory.js';
import { parseValue } from '../../src/value/parse.js';
import { escapedRanges } from '../../src/value/unicode.js';
import { countFromEnv, requireRustc, seedFromEnv } from '../support/env.js';
import type { Case } from '../unit/value/debug-cases.js';
import { DEFS, caseArb, edgeCases } from '../unit/value/debug-cases.js';

const CRATE = 'dbg';
const PER_FN = 100;

const HEADER = `#![feature(f16, f128)]
#![allow(warnings)]
use std::cell::*; use std::cmp::Ordering; use std::marker::PhantomData; use std::mem::*; use std::num::*;
use std::rc::Rc; use std::sync::Arc; use std::sync::atomic::AtomicUsize; use std::time::Duration;
`;

const UNICODE_SWEEP = `
fn unicode_sweep() {
    let mut out = String::new();
    let (mut start, mut prev): (i64, i64) = (-1, -2);
    for cp in 0u32..=0x10FFFF {
        let Some(c) = char::from_u32(cp) else { continue };
        if matches!(c, '\\0' | '\\t' | '\\r' | '\\n' | '\\\\' | '\\'' | '"') { continue; }
        if !format!("{:?}", c).starts_with("'\\\\u{") { continue; }
        if cp as i64 != prev + 1 { if start >= 0 { out += &format!("{:x}-{:x},", start, prev); } start = cp as i64; }
        prev = cp as i64;
    }
    out += &format!("{:x}-{:x}", start, prev);
    println!("RANGES\\t{}", out);
}
`;

function program(cases: readonly Case[]): string {
  const fns: string[] = [];
  for (let f = 0; f * PER_FN < cases.length; f++) {
    const body = cases.slice(f * PER_FN, (f + 1) * PER_FN)
      .map((c, k) => `    { let v: ${c.type} = ${c.rust}; println!("{}\\t{:?}", ${f * PER_FN + k}, v); }`);
    fns.push(`fn c${f}() {\n${body.join('\n')}\n}`);
  }
  const calls = fns.map((_, f) => `c${f}();`).join(' ');
  return `${HEADER}${DEFS}\n${fns.join('\n')}\n${UNICODE_SWEEP}\nfn main() { ${calls} unicode_sweep(); }\n`;
}

function runRust(rustc: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rustabi-debug-'));
  try {
    writeFileSync(join(dir, 'main.rs'), text);
    const exe = join(dir, CRATE);
    const env = { ...process.env, RUSTC_BOOTSTRAP: '1' };
    const c = spawnSync(rustc, ['-O', '--edition', '2021', '--crate-name', CRATE, '-o', exe, join(dir, 'main.rs')], { encoding: 'utf8', env, maxBuffer: 1 << 28 });
    if (c.status !== 0) throw new Error(`rustc failed:\n${(c.stderr ?? '').split('\n').slice(0, 60).join('\n')}`);
    const r = spawnSync(exe, [], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(`the program failed (${r.status}): ${r.stderr}`);
    return r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Outcome {
  readonly parsed: string;
  readonly lenient: string;
  readonly roundTrip: string;
  readonly equal: boolean;
}

function ours(s: LayoutSession, c: Case): Outcome | string {
  const tl = s.layoutOfType(c.type);
  if (!tl.ok) return `type: ${tl.errors[0]?.message ?? ''}`;
  const { ty, layout } = tl.value;
  const show = (text: string): string => {
    const p = parseValue(text, ty, s.cx);
    return p.ok ? debugValue(p.value, { crateName: CRATE }) : `<parse error ${p.errors[0]?.code}: ${p.errors[0]?.message}>`;
  };
  const p = parseValue(c.text, ty, s.cx);
  if (!p.ok) return `parse: ${p.errors[0]?.code} ${p.errors[0]?.message}`;
  const mem = new MemoryArena();
  const bytes = encodeValue(p.value, ty, layout, s.cx, { memory: mem });
  if (!bytes.ok) return `encode: ${bytes.errors[0]?.message}`;
  const d = decodeValue(bytes.value, ty, layout, s.cx, { memory: mem });
  if (!d.ok) return `decode: ${d.errors[0]?.message}`;
  return {
    parsed: show(c.rust),
    lenient: debugValue(p.value, { crateName: CRATE }),
    roundTrip: debugValue(d.value, { crateName: CRATE }),
    equal: valuesEqual(p.value, d.value),
  };
}

test('Debug printing matches rustc 1.95 byte for byte', (t) => {
  const rustc = requireRustc(t);
  if (rustc === null) return;
  const seed = seedFromEnv();
  const n = countFromEnv('RUSTABI_DEBUG_CASES', 2400);
  console.log(`# debug-print oracle: seed ${seed} (set RUSTABI_SEED to reproduce), ${n} generated cases`);
  const cases = [...edgeCases(), ...fc.sample(caseArb(), { seed, numRuns: n })];
  const out = runRust(rustc, program(cases));

  const lines = new Map<number, string>();
  let ranges = '';
  for (const line of out.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const key = line.slice(0, tab);
    if (key === 'RANGES') ranges = line.slice(tab + 1);
    else lines.set(Number(key), line.slice(tab + 1));
  }

  const s = createLayoutSession({ defs: [{ name: 'defs.rs', text: DEFS }] });
  assert.ok(s.ok, 'the test definitions resolve');
  const failures: string[] = [];
  const coverage = new Map<string, number>();
  let agreeParse = 0;
  let agreeTrip = 0;
  cases.forEach((c, i) => {
    for (const k of c.kinds) coverage.set(k, (coverage.get(k) ?? 0) + 1);
    const expected = lines.get(i);
    const r = ours(s.value, c);
    const where = `#${i} ${c.type} = ${c.text}${c.text === c.rust ? '' : ` (rustc: ${c.rust})`}`;
    if (expected === undefined) { failures.push(`${where}: rustc printed nothing`); return; }
    if (typeof r === 'string') { failures.push(`${where}: ${r}`); return; }
    if (r.parsed === expected && r.lenient === expected) agreeParse++;
    else failures.push(`${where}:\n    rustc   ${expected}\n    rustabi ${r.lenient}${r.parsed === r.lenient ? '' : `\n    (rustc's spelling) ${r.parsed}`}`);
    if (r.roundTrip === expected && r.equal) agreeTrip++;
    else if (r.parsed === expected) failures.push(`${where}: encode → decode gives ${r.roundTrip}${r.equal ? '' : ' (values differ)'}`);
  });
  const cov = [...coverage.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`# debug-print oracle: ${cases.length} pairs compared; parse → Debug agrees on ${agreeParse}, encode → decode → Debug on ${agreeTrip}`);
  console.log(`# coverage (cases exercising each kind): ${cov}`);

  const table = escapedRanges();
  const mine: string[] = [];
  for (let i = 0; i < table.length; i += 2) mine.push(`${(table[i] as number).toString(16)}-${(table[i + 1] as number).toString(16)}`);
  assert.equal(mine.join(','), ranges, 'the table of chars Debug escapes as \\u{…} (src/value/unicode.ts) matches this rustc');
  assert.ok(cases.length >= 2000, `at least 2000 pairs (have ${cases.length})`);
  assert.deepEqual(failures.slice(0, 25), [], `${failures.length} of ${cases.length} cases disagree with rustc (seed ${seed})`);
});
