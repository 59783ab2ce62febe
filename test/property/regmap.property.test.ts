/**
 * Random Rust-ABI signatures over the layout arbitraries' types (0–12 parameters, mixed floats), pass
 * modes from rustabi vs rustc 1.95's `#[rustc_abi(debug)]`, on all seven targets: mode, cast shape,
 * extension attributes and on-stack flag must agree. Fixed seed on CI; coverage counts printed.
 *   RUSTABI_ABI_SIGS  signatures per target (default 3000)
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
import { PRELUDE_RS } from '../../src/prelude/core-rs.js';
import { TARGET_IDS, TARGETS } from '../../src/model/target.js';
import { countFromEnv, requireRustc, seedFromEnv } from '../support/env.js';
import { rng } from '../support/fuzz.js';

const SEED = seedFromEnv();
const SIGS = countFromEnv('RUSTABI_ABI_SIGS', 3000);
const EXTRA = ['u8', 'i16', 'u32', 'u64', 'u128', 'i128', 'usize', 'bool', 'char', 'f32', 'f64', '(f32, f32)', '(u64, f64)', 'Option<f64>', 'Option<u128>', '()', '&\'static str', 'Option<usize>', '[u64; 2]', '(u8, u16, u32)'];

function norm(a: ArgAbiJson | OracleArgAbi): unknown {
  return { mode: a.mode, cast: a.cast === undefined ? null : { prefix: a.cast.prefix, unit: a.cast.unit, total: a.cast.total }, ext: a.mode === 'cast' ? null : (a.ext ?? null), onStack: a.onStack === true };
}

function bump(m: Map<string, number>, k: string): void { m.set(k, (m.get(k) ?? 0) + 1); }

for (const [ti, target] of TARGET_IDS.entries()) {
  test(`random Rust-ABI pass modes agree with rustc 1.95 on ${target} (seed ${SEED})`, { timeout: 600_000 }, async (t) => {
    if (requireRustc(t) === null) return;
    const seed = SEED + 100 + ti;
    const r = rng(seed);
    const cases = fc.sample(arbRustCase({ maxItems: 3, maxTypes: 6 }), { seed, numRuns: Math.ceil(SIGS / 3) });
    let defs = '';
    const fns: string[] = [];
    cases.forEach((raw, ci) => {
      const c = renameCase(raw, `c${ci}_`);
      defs += c.defs + '\n';
      const pool = [...c.types, ...EXTRA];
      for (let k = 0; k < 3 && fns.length < SIGS; k++) {
        const n = Math.floor(r() * 13);
        const params = Array.from({ length: n }, (_, i) => `p${i}: ${pool[Math.floor(r() * pool.length)] as string}`);
        const ret = r() < 0.1 ? '' : ` -> ${pool[Math.floor(r() * pool.length)] as string}`;
        fns.push(`pub fn f${fns.length}(${params.join(', ')})${ret}`);
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
      const j = fnAbiJson(f, ours.value.abi, TARGETS[target]);
      const pairs: [string, ArgAbiJson, OracleArgAbi][] = [...j.args.map((a, k) => [`arg ${k}`, a, th.args[k]] as [string, ArgAbiJson, OracleArgAbi]), ['ret', j.ret, th.ret]];
      const diffs: string[] = [];
      for (const [what, a, b] of pairs) {
        if (b === undefined) { diffs.push(`${what}: rustc has no such argument`); continue; }
        bump(coverage, `${what === 'ret' ? 'ret' : 'arg'}:${b.mode}`);
        if (JSON.stringify(norm(a)) !== JSON.stringify(norm(b))) diffs.push(`${what} (${b.type}): rustabi ${JSON.stringify(norm(a))} != rustc ${JSON.stringify(norm(b))}`);
      }
      if (th.args.length !== j.args.length) diffs.push(`argument count ${j.args.length} != ${th.args.length}`);
      if (diffs.length === 0) agreed++;
      else failures.push(`${f}:\n    ${diffs.join('\n    ')}`);
    });
    t.diagnostic(`seed ${seed}: ${agreed}/${compared} signatures agree on ${target} (${skipped} rejected by rustc, e.g. unsized by-value)`);
    t.diagnostic(`coverage: ${[...coverage].sort().map(([k, v]) => `${k}=${v}`).join(' ')}`);
    assert.ok(compared >= SIGS * 0.9, `only ${compared} signatures compared`);
    assert.deepEqual(failures.slice(0, 8), [], `${failures.length} signatures disagree on ${target} (replay: RUSTABI_SEED=${SEED})`);
  });
}
