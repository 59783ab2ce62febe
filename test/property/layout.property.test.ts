/**
 * Random definitions and types, laid out by rustabi and by rustc 1.95 (`#[rustc_layout(debug)]`),
 * compared key by key on every target. Fixed seed on CI (RUSTABI_SEED); the seed, coverage counts and,
 * on failure, a shrunk counterexample with rustc's dump beside ours are printed.
 *   RUSTABI_LAYOUT_TYPES  random types per user-space target (default 20000)
 *   RUSTABI_SEED          seed to replay
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { arbRustCase, renameCase } from '../../src/testing/arbitraries/index.js';
import type { RustCase } from '../../src/testing/arbitraries/index.js';
import { rustcLayouts } from '../../src/testing/oracle.js';
import type { OracleLayoutResult } from '../../src/testing/oracle.js';
import { createLayoutSession } from '../../src/query/layout.js';
import { PRELUDE_RS } from '../../src/prelude/core-rs.js';
import { TARGETS } from '../../src/model/target.js';
import type { TargetId } from '../../src/model/target.js';
import { diffLayouts } from '../support/compare.js';
import { countFromEnv, requireRustc, seedFromEnv } from '../support/env.js';

const SEED = seedFromEnv();
const TYPES_PER_TARGET = countFromEnv('RUSTABI_LAYOUT_TYPES', 20000);
const BATCH_TYPES = 1000;

interface Batch { readonly cases: RustCase[]; readonly defs: string; readonly types: string[]; readonly owner: number[] }

function makeBatches(cases: readonly RustCase[]): Batch[] {
  const batches: Batch[] = [];
  let cur: Batch = { cases: [], defs: '', types: [], owner: [] };
  cases.forEach((raw, i) => {
    const c = renameCase(raw, `c${i}_`);
    cur.cases.push(c);
    (cur as { defs: string }).defs += c.defs + '\n';
    for (const t of c.types) { cur.types.push(t); cur.owner.push(i); }
    if (cur.types.length >= BATCH_TYPES) { batches.push(cur); cur = { cases: [], defs: '', types: [], owner: [] }; }
  });
  if (cur.types.length > 0) batches.push(cur);
  return batches;
}

function ours(target: TargetId, defs: string, types: readonly string[]): OracleLayoutResult[] {
  const s = createLayoutSession({ target, defs: [{ name: 'case.rs', text: defs }] });
  if (!s.ok) return types.map((t) => ({ type: t, error: { code: s.errors[0]?.code ?? '?', message: s.errors[0]?.message ?? '' } }));
  return types.map((t) => s.value.layoutOfTypeJson(t));
}

/** Compares one case alone (used to shrink a failure); throws with both dumps when they differ. */
async function checkCase(target: TargetId, c: RustCase): Promise<void> {
  const theirs = await rustcLayouts({ triple: TARGETS[target].triple, defs: PRELUDE_RS + '\n' + c.defs, types: c.types, cacheDir: null });
  const mine = ours(target, c.defs, c.types);
  c.types.forEach((t, i) => {
    const d = diffLayouts(mine[i] as OracleLayoutResult, theirs[i] as OracleLayoutResult);
    if (d.length > 0) {
      throw new Error(`type \`${t}\` on ${target}:\n  ${d.join('\n  ')}\nrustabi: ${JSON.stringify(mine[i])}\nrustc:   ${JSON.stringify(theirs[i])}`);
    }
  });
}

function bump(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

const TARGET_PLAN: readonly [TargetId, number][] = [
  ['x86_64', TYPES_PER_TARGET], ['aarch64', TYPES_PER_TARGET], ['riscv64', TYPES_PER_TARGET], ['wasm32', TYPES_PER_TARGET],
  ['x86_64-kernel', Math.ceil(TYPES_PER_TARGET / 10)], ['aarch64-kernel', Math.ceil(TYPES_PER_TARGET / 10)], ['riscv64-kernel', Math.ceil(TYPES_PER_TARGET / 10)],
];

for (const [target, wanted] of TARGET_PLAN) {
  test(`random layouts agree with rustc 1.95 on ${target} (seed ${SEED})`, { timeout: 900_000 }, async (t) => {
    if (requireRustc(t) === null) return;
    const seed = SEED + TARGET_PLAN.findIndex(([x]) => x === target);
    const cases: RustCase[] = [];
    let types = 0;
    const chunk = fc.sample(arbRustCase(), { seed, numRuns: Math.ceil(wanted / 2) + 50 });
    for (const c of chunk) { if (types >= wanted) break; cases.push(c); types += c.types.length; }
    assert.ok(types >= wanted, `generator produced only ${types} types`);
    const batches = makeBatches(cases);
    const tagCounts = new Map<string, number>();
    const shapeCounts = new Map<string, number>();
    for (const c of cases) for (const tag of c.tags) bump(tagCounts, tag);
    let compared = 0;
    let agreed = 0;
    const firstFailures: { caseIndex: number; message: string }[] = [];
    const results = await Promise.all(batches.map((b) => rustcLayouts({ triple: TARGETS[target].triple, defs: PRELUDE_RS + '\n' + b.defs, types: b.types })));
    for (const [bi, b] of batches.entries()) {
      const theirs = results[bi] as OracleLayoutResult[];
      const mine = ours(target, b.defs, b.types);
      b.types.forEach((ty, i) => {
        const r = theirs[i] as OracleLayoutResult;
        compared++;
        if ('error' in r) bump(shapeCounts, 'rustc-error');
        else {
          bump(shapeCounts, `abi:${r.abi.kind}`);
          bump(shapeCounts, r.variants === null ? 'variants:single' : `encoding:${r.variants.encoding}`);
          if (r.uninhabited) bump(shapeCounts, 'uninhabited');
          if (r.size === 0) bump(shapeCounts, 'zst');
        }
        const d = diffLayouts(mine[i] as OracleLayoutResult, r);
        if (d.length === 0) agreed++;
        else if (firstFailures.length < 5) firstFailures.push({ caseIndex: b.owner[i] as number, message: `${ty}: ${d.join('; ')}` });
      });
    }
    const fmt = (m: Map<string, number>): string => [...m].sort((a, b) => a[0].localeCompare(b[0])).map(([k, v]) => `${k}=${v}`).join(' ');
    t.diagnostic(`seed ${seed}: ${agreed}/${compared} types agree on ${target} (${cases.length} cases, ${batches.length} rustc batches)`);
    t.diagnostic(`coverage (generator tags): ${fmt(tagCounts)}`);
    t.diagnostic(`coverage (rustc shapes): ${fmt(shapeCounts)}`);
    for (const k of ['abi:scalar', 'abi:scalarPair', 'abi:memory', 'abi:vector', 'encoding:direct', 'encoding:niche']) {
      assert.ok((shapeCounts.get(k) ?? 0) > 0, `the generator stopped producing ${k}`);
    }
    if (firstFailures.length > 0) {
      const f = firstFailures[0] as { caseIndex: number; message: string };
      // Replay the first failing case alone and let fast-check shrink it (one rustc run per step).
      const details = await fc.check(fc.asyncProperty(arbRustCase(), (c) => checkCase(target, c)), { seed, path: String(f.caseIndex), numRuns: 1 });
      const shrunk = details.failed
        ? `counterexample (path ${details.counterexamplePath ?? '?'}):\n${JSON.stringify(details.counterexample?.[0], null, 1)}\n${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`
        : '(the case passed when replayed alone)';
      assert.fail(`${compared - agreed}/${compared} random types disagree with rustc on ${target} (seed ${seed}; replay: RUSTABI_SEED=${SEED} npm run test:property)\n` +
        firstFailures.map((x) => `  ${x.message}`).join('\n') + `\nshrunk counterexample:\n${shrunk}`);
    }
    assert.equal(agreed, compared);
  });
}
