/**
 * Random signatures over the layout arbitraries' types (0–12 parameters, mixed floats), pass modes from
 * rustabi vs rustc 1.95's `#[rustc_abi(debug)]`, on all seven targets, for the Rust ABI and for
 * `extern "C"`: mode, cast shape (C: also `rest_offset` and `is_consecutive`), extension attributes and
 * the on-stack flag must agree. Fixed seed on CI; coverage counts printed.
 *   RUSTABI_ABI_SIGS  signatures per target (default 3000), half Rust ABI, half extern "C"
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { arbRustCase, renameCase } from '../../src/testing/arbitraries/index.js';
import { rustcFnAbis } from '../../src/testing/rustc-abi.js';
import type { OracleAbiResult, OracleArgAbi } from '../../src/testing/rustc-abi.js';
import { createLayoutSession } from '../../src/query/layout.js';
import { fnAbiOf } from '../../src/query/abi.js';
import { fnAbiJson } from '../../src/regmap/index.js';
import type { ArgAbiJson } from '../../src/regmap/index.js';
import type { PassMode } from '../../src/model/abi.js';
import { PRELUDE_RS } from '../../src/prelude/core-rs.js';
import { TARGET_IDS, TARGETS } from '../../src/model/target.js';
import { countFromEnv, requireRustc, seedFromEnv } from '../support/env.js';
import { rng } from '../support/fuzz.js';

const SEED = seedFromEnv();
const SIGS = countFromEnv('RUSTABI_ABI_SIGS', 3000);
const EXTRA = ['u8', 'i16', 'u32', 'u64', 'u128', 'i128', 'usize', 'bool', 'char', 'f32', 'f64', '(f32, f32)', '(u64, f64)', 'Option<f64>', 'Option<u128>', '()', '&\'static str', 'Option<usize>', '[u64; 2]', '(u8, u16, u32)'];

/** C-flavoured aggregates (the §6/§9.6 shapes) so that extern "C" signatures meet them often. */
const C_DEFS = `
#[repr(C)] pub struct CcF2 { a: f32, b: f32 }
#[repr(C)] pub struct CcF3 { a: f32, b: f32, c: f32 }
#[repr(C)] pub struct CcF4 { a: f32, b: f32, c: f32, d: f32 }
#[repr(C)] pub struct CcD2 { a: f64, b: f64 }
#[repr(C)] pub struct CcD4 { a: f64, b: f64, c: f64, d: f64 }
#[repr(C)] pub struct CcFD { a: f32, b: f64 }
#[repr(C)] pub struct CcDU { a: f64, b: u32 }
#[repr(C)] pub struct CcUD { a: u64, b: f64 }
#[repr(C)] pub struct CcUU { a: u64, b: u64 }
#[repr(C)] pub struct CcU3 { a: u64, b: u64, c: u64 }
#[repr(C)] pub struct CcS8 { a: u8, b: u16, c: u32 }
#[repr(C)] pub struct CcS12 { a: u32, b: u32, c: u32 }
#[repr(C, align(16))] pub struct CcA16 { a: u64, b: u64 }
#[repr(C)] pub struct CcW128 { a: u128 }
#[repr(C, packed)] pub struct CcP5 { a: u8, b: u32 }
#[repr(C)] pub struct CcOne { a: f64 }
#[repr(C)] pub struct CcU8x3 { a: u8, b: u8, c: u8 }
#[repr(C)] pub struct CcZF { a: f32, z: [u64; 0], b: f32 }
#[repr(C)] pub union CcUn { a: f32, b: u32 }
#[repr(transparent)] pub union CcTU { a: f64 }
#[repr(C)] pub enum CcE { A(f32), B(f32) }
#[repr(simd)] pub struct CcV4([f32; 4]);
#[repr(simd)] pub struct CcV2([u32; 2]);
#[repr(C)] pub struct CcHV { a: CcV4 }
#[repr(C)] pub struct CcHV2 { a: CcV2, b: CcV2 }
#[repr(C)] pub struct CcHV4 { a: CcV4, b: CcV4 }
#[repr(C)] pub struct CcVF { a: CcV2, b: f32 }
`;
const C_EXTRA = ['CcF2', 'CcF3', 'CcF4', 'CcD2', 'CcD4', 'CcFD', 'CcDU', 'CcUD', 'CcUU', 'CcU3', 'CcS8', 'CcS12', 'CcA16', 'CcW128', 'CcP5', 'CcOne', 'CcU8x3', 'CcZF', 'CcUn', 'CcTU', 'CcE', 'CcV4', 'CcHV', 'CcHV2', 'CcHV4', 'CcVF', 'f32', 'f64', 'u64', 'u8', 'i32', 'f64', 'u64'];

type Conv = 'rust' | 'c';

function norm(a: ArgAbiJson | OracleArgAbi): unknown {
  return { mode: a.mode, cast: a.cast === undefined ? null : { prefix: a.cast.prefix, unit: a.cast.unit, total: a.cast.total }, ext: a.mode === 'cast' ? null : (a.ext ?? null), onStack: a.onStack === true };
}

/** C casts also carry rustc's `rest_offset` and `is_consecutive`. */
function castExtras(m: PassMode | OracleArgAbi): unknown {
  const c = 'kind' in m ? (m.kind === 'cast' ? m.cast : undefined) : m.cast;
  return c === undefined ? null : { restOffset: c.restOffset ?? null, consecutive: c.consecutive === true };
}

function bump(m: Map<string, number>, k: string): void { m.set(k, (m.get(k) ?? 0) + 1); }

function checkTarget(target: (typeof TARGET_IDS)[number], ti: number, conv: Conv, count: number): void {
  const what = conv === 'rust' ? 'Rust-ABI' : 'extern "C"';
  test(`random ${what} pass modes agree with rustc 1.95 on ${target} (seed ${SEED})`, { timeout: 600_000 }, async (t) => {
    if (requireRustc(t) === null) return;
    const seed = SEED + (conv === 'rust' ? 100 : 200) + ti;
    const r = rng(seed);
    const cases = fc.sample(arbRustCase({ maxItems: 3, maxTypes: 6 }), { seed, numRuns: Math.ceil(count / 3) });
    let defs = conv === 'c' ? C_DEFS : '';
    const fns: string[] = [];
    const pick = (pool: readonly string[]): string => pool[Math.floor(r() * pool.length)] as string;
    cases.forEach((raw, ci) => {
      const c = renameCase(raw, `c${ci}_`);
      defs += c.defs + '\n';
      const pool = [...c.types, ...EXTRA];
      for (let k = 0; k < 3 && fns.length < count; k++) {
        const n = Math.floor(r() * 13);
        // C: half of the types from the C-shaped pool, so that register counting and byval get exercised.
        const ty = (): string => (conv === 'c' && r() < 0.5 ? pick(C_EXTRA) : pick(pool));
        const params = Array.from({ length: n }, (_, i) => `p${i}: ${ty()}`);
        const ret = r() < 0.1 ? '' : ` -> ${ty()}`;
        fns.push(`pub ${conv === 'c' ? 'extern "C" ' : ''}fn f${fns.length}(${params.join(', ')})${ret}`);
      }
    });
    const theirs = await rustcFnAbis({ triple: TARGETS[target].triple, defs: PRELUDE_RS + '\n' + defs, fns });
    const session = createLayoutSession({ target, defs: [{ name: 'case.rs', text: defs }] });
    assert.ok(session.ok);
    const coverage = new Map<string, number>();
    let compared = 0;
    let agreed = 0;
    let skipped = 0;
    const failures: string[] = [];
    fns.forEach((f, i) => {
      const th = theirs[i] as OracleAbiResult;
      const ours = fnAbiOf(session.value, f);
      if ('error' in th) {
        skipped++;
        if (ours.ok) failures.push(`${f}: rustc rejects it (${th.error.code}: ${th.error.message}) but rustabi computed an ABI`);
        return;
      }
      compared++;
      if (!ours.ok) { failures.push(`${f}: rustabi: ${ours.errors[0]?.code} ${ours.errors[0]?.message}`); return; }
      const abi = ours.value.abi;
      const j = fnAbiJson(f, abi, TARGETS[target]);
      const pairs: [string, ArgAbiJson, OracleArgAbi, PassMode][] = [
        ...j.args.map((a, k) => [`arg ${k}`, a, th.args[k], abi.args[k]?.mode] as [string, ArgAbiJson, OracleArgAbi, PassMode]),
        ['ret', j.ret, th.ret, abi.ret.mode],
      ];
      const diffs: string[] = [];
      for (const [w, a, b, m] of pairs) {
        if (b === undefined) { diffs.push(`${w}: rustc has no such argument`); continue; }
        bump(coverage, `${w === 'ret' ? 'ret' : 'arg'}:${b.mode}${b.mode === 'indirect' && b.onStack === true ? '(byval)' : ''}`);
        const x = JSON.stringify([norm(a), conv === 'c' ? castExtras(m) : null]);
        const y = JSON.stringify([norm(b), conv === 'c' ? castExtras(b) : null]);
        if (x !== y) diffs.push(`${w} (${b.type}): rustabi ${x} != rustc ${y}`);
      }
      if (th.args.length !== j.args.length) diffs.push(`argument count ${j.args.length} != ${th.args.length}`);
      if (diffs.length === 0) agreed++;
      else failures.push(`${f}:\n    ${diffs.join('\n    ')}`);
    });
    t.diagnostic(`seed ${seed}: ${agreed}/${compared} ${what} signatures agree on ${target} (${skipped} rejected by rustc: unsized by-value, or a rustc crash rustabi reports as an error)`);
    t.diagnostic(`coverage: ${[...coverage].sort().map(([k, v]) => `${k}=${v}`).join(' ')}`);
    assert.ok(compared >= count * 0.9, `only ${compared} signatures compared`);
    assert.deepEqual(failures.slice(0, 8), [], `${failures.length} signatures disagree on ${target} (replay: RUSTABI_SEED=${SEED})`);
  });
}

for (const [ti, target] of TARGET_IDS.entries()) {
  checkTarget(target, ti, 'rust', Math.ceil(SIGS / 2));
  checkTarget(target, ti, 'c', Math.floor(SIGS / 2));
}
