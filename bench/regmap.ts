/**
 * Register-map benchmark: FnAbi for the same 10,000 random Rust-ABI signatures with rustabi and with
 * rustc 1.95 (`#[rustc_abi(debug)]`, batches of 1,000 fns per crate, one rustc process per batch, run one
 * after another), in one run; prints both times and the ratio.
 *
 *   npm run bench:regmap     (or: node build/bench/regmap.js [--sigs N] [--reps N])
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { arbRustCase, renameCase } from '../src/testing/arbitraries/index.js';
import { NO_CORE_HEADER, findRustc } from '../src/testing/oracle.js';
import { PRELUDE_RS } from '../src/prelude/core-rs.js';
import { createLayoutSession } from '../src/query/layout.js';
import { signatureOf } from '../src/query/abi.js';
import { computeFnAbi } from '../src/regmap/index.js';
import type { FnSig } from '../src/regmap/index.js';
import { LayoutCx } from '../src/layout/index.js';
import { rng } from '../test/support/fuzz.js';

const { values: opts } = parseArgs({ options: { sigs: { type: 'string', default: '10000' }, reps: { type: 'string', default: '7' } } });
const N = Number(opts.sigs);
const REPS = Number(opts.reps);
const SEED = 515151;
const EXTRA = ['u8', 'u32', 'u64', 'u128', 'usize', 'bool', 'char', 'f32', 'f64', '(f32, f32)', 'Option<f64>', 'Option<usize>', "&'static str", '[u64; 2]'];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

const r = rng(SEED);
const cases = fc.sample(arbRustCase({ maxItems: 3, maxTypes: 6 }), { seed: SEED, numRuns: Math.ceil(N / 3) });
let defs = '';
const fns: string[] = [];
cases.forEach((raw, ci) => {
  const c = renameCase(raw, `c${ci}_`);
  defs += c.defs + '\n';
  const pool = [...c.types, ...EXTRA];
  for (let k = 0; k < 3 && fns.length < N; k++) {
    const n = Math.floor(r() * 13);
    const params = Array.from({ length: n }, (_, i) => `p${i}: ${pool[Math.floor(r() * pool.length)] as string}`);
    fns.push(`pub fn f${fns.length}(${params.join(', ')}) -> ${pool[Math.floor(r() * pool.length)] as string}`);
  }
});

// rustabi: signatures parsed and resolved once (not timed); then FnAbi (layouts + pass modes + registers)
// with a fresh layout cache per repetition, as rustc computes each fn's ABI once.
const session = createLayoutSession({ target: 'x86_64', defs: [{ name: 'defs.rs', text: defs }] });
if (!session.ok) throw new Error('corpus does not parse');
const sigs: FnSig[] = [];
for (const f of fns) { const s = signatureOf(session.value, f); if (s.ok) sigs.push(s.value); }
const times: number[] = [];
for (let rep = 0; rep < REPS; rep++) {
  const cx = new LayoutCx(session.value.target);
  const t0 = performance.now();
  for (const s of sigs) computeFnAbi(s, cx);
  times.push(performance.now() - t0);
}
const ours = median(times);

// rustc: the same fns, 1,000 per crate, stderr (the dumps) to a file.
const rustc = findRustc();
if (rustc === null) throw new Error('rustc not found');
const dir = mkdtempSync(join(tmpdir(), 'rustabi-bench-'));
let theirs = 0;
for (let b = 0; b < fns.length; b += 1000) {
  const lines = fns.slice(b, b + 1000).map((f) => `#[rustc_abi(debug)] ${f} { loop {} }`);
  const file = join(dir, `b${b}.rs`);
  writeFileSync(file, `#![feature(unsized_fn_params)]\n${NO_CORE_HEADER}\n${PRELUDE_RS}\n${defs}\n${lines.join('\n')}\n`);
  const err = openSync(join(dir, `b${b}.err`), 'w');
  const t0 = performance.now();
  spawnSync(rustc, ['--target', 'x86_64-unknown-linux-gnu', '--edition=2021', '--crate-name', 'bench', '--emit=metadata', '-o', join(dir, 'out.rmeta'), '-A', 'warnings', file], { stdio: ['ignore', 'ignore', err], env: { ...process.env, RUSTC_BOOTSTRAP: '1' } });
  theirs += performance.now() - t0;
  closeSync(err);
}
rmSync(dir, { recursive: true, force: true });

console.log(`register maps for ${sigs.length} random Rust-ABI signatures (x86_64, seed ${SEED})`);
console.log(`  rustabi (in process, cold cache, median of ${REPS}): ${ours.toFixed(1)} ms  (${(sigs.length / ours * 1000).toFixed(0)} signatures/s)`);
console.log(`  rustc #[rustc_abi(debug)], ${Math.ceil(fns.length / 1000)} processes:  ${theirs.toFixed(0)} ms`);
console.log(`  ratio rustc / rustabi: ${(theirs / ours).toFixed(1)}x  (goal >= 50x)`);
