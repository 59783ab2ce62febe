/**
 * Emulator benchmark: emulated calls per second on a 1,000-function x86_64 fixture (five signature
 * shapes: scalars, a ScalarPair `Option<u64>` in and out, narrow integers, a pair in and out, seven
 * arguments with one on the stack), rustabi's CallHarness against python3-unicorn (Debian) on the same
 * `.so` image and the same calls, measured in one run. A call is the full work on both sides: place the
 * arguments (registers and stack), one `uc_emu_start` to the sentinel return address, read the result
 * registers; no batching. The Python peer (bench/emu_peer.py) gets the mapped image bytes, the address
 * plan and the per-call register/stack writes from a JSON file; both sides add up the results into a
 * checksum that must agree. Goal (issue 4): ≥ 100,000 calls/s and ≥ 2× python3-unicorn.
 *
 *   npm run bench:emu     (or: node build/bench/emu.js [--calls N] [--reps N])
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createLayoutSession } from '../src/query/layout.js';
import { fnAbiOf } from '../src/query/abi.js';
import type { FnAbi } from '../src/model/abi.js';
import { PRELUDE_RS } from '../src/prelude/core-rs.js';
import { CallHarness, buildFixture, openUnicorn } from '../src/emu/index.js';
import { REPO_ROOT } from '../test/support/corpus.js';

const { values: opts } = parseArgs({ options: { calls: { type: 'string', default: '100000' }, reps: { type: 'string', default: '3' } } });
const CALLS = Number(opts.calls);
const REPS = Number(opts.reps);
const FNS = 1000;

const SHAPES: readonly ((k: number) => { sig: string; body: string; args: (i: number) => Uint8Array[] })[] = [
  (k) => ({ sig: `fn f${k}(a: u64, b: u64) -> u64`, body: `a * ${k} + b`, args: (i) => [u64(BigInt(i)), u64(7n)] }),
  (k) => ({
    sig: `fn f${k}(a: u64, z: Option<u64>) -> Option<u64>`,
    body: `match z { Option::Some(v) => Option::Some(v * ${k} + a), Option::None => Option::None }`,
    args: (i) => [u64(BigInt(i)), cat(u64(BigInt(i & 1)), u64(5n))],
  }),
  (k) => ({ sig: `fn f${k}(a: u32, b: u8, c: u16, d: u64) -> u64`, body: `(a as u64) * ${k} + (b as u64) + (c as u64) * 3 + d`, args: (i) => [le(BigInt(i), 4), le(3n, 1), le(9n, 2), u64(11n)] }),
  (k) => ({ sig: `fn f${k}(p: (u64, u64), k: u64) -> (u64, u64)`, body: `(p.0 * ${k} + k, p.1 + k)`, args: (i) => [cat(u64(BigInt(i)), u64(2n)), u64(1n)] }),
  (k) => ({ sig: `fn f${k}(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64, g: u64) -> u64`, body: `a * ${k} + b + c * 3 + d + e * 5 + f + g * 7`, args: (i) => [BigInt(i), 1n, 2n, 3n, 4n, 5n, 6n].map(u64) }),
];

function le(v: bigint, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = Number((v >> BigInt(8 * i)) & 0xffn);
  return b;
}
function u64(v: bigint): Uint8Array { return le(v, 8); }
function cat(a: Uint8Array, b: Uint8Array): Uint8Array { const o = new Uint8Array(a.length + b.length); o.set(a); o.set(b, a.length); return o; }
function readU64(b: Uint8Array, off: number): bigint { return off + 8 <= b.length ? new DataView(b.buffer, b.byteOffset, b.byteLength).getBigUint64(off, true) : 0n; }
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const fns = Array.from({ length: FNS }, (_, k) => (SHAPES[k % SHAPES.length] as (k: number) => ReturnType<(typeof SHAPES)[0]>)(k));
const source = fns.map((f) => `#[no_mangle] #[inline(never)] pub extern "Rust" ${f.sig} { ${f.body} }`).join('\n');
const s = createLayoutSession({ target: 'x86_64' });
if (!s.ok) throw new Error('session');
const abis: FnAbi[] = fns.map((f) => {
  const r = fnAbiOf(s.value, f.sig);
  if (!r.ok) throw new Error(f.sig);
  return r.value.abi;
});
const fx = await buildFixture({ source: `${PRELUDE_RS}\n${source}`, triple: s.value.target.triple });
const h = new CallHarness(openUnicorn('x86_64'));
const image = h.load(fx.bytes);
const addrs = fns.map((_, k) => image.address(`f${k}`));
const argsOf = (i: number): Uint8Array[] => (fns[i % FNS] as (typeof fns)[0]).args(i);

// ---- rustabi: CallHarness.call (arguments placed per the FnAbi, one emu_start, result read back) ----
let tsSum = 0n;
const tsRates: number[] = [];
for (let rep = 0; rep < REPS; rep++) {
  const pre = Array.from({ length: CALLS }, (_, i) => argsOf(i));
  let sum = 0n;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) {
    const k = i % FNS;
    const r = h.call(addrs[k] as bigint, abis[k] as FnAbi, pre[i] as Uint8Array[], { snapshots: 'none', poison: false });
    const ret = r.ret as Uint8Array;
    sum += readU64(ret, 0) + (ret.length >= 16 ? readU64(ret, 8) : 0n);
  }
  tsRates.push(CALLS / (Number(process.hrtime.bigint() - t0) / 1e9));
  tsSum = BigInt.asUintN(64, sum);
}

// ---- the peer: python3-unicorn with the same image, plan and register/stack writes ----
const plan = h.plan;
const callSp = (plan.stackBase + BigInt(plan.stackSize - plan.stackArgArea)) & ~15n;
const spec = fns.map((_, k) => {
  const abi = abis[k] as FnAbi;
  const sample = argsOf(k);
  const regs: [string, number, number, number][] = [];   // reg, arg, offset, size
  const stack: [number, number, number, number][] = [];  // slot offset from sp at entry, arg, offset, size
  abi.args.forEach((a, ai) => a.pieces.forEach((p) => {
    if ('reg' in p.loc) regs.push([p.loc.reg, ai, p.offset, p.size]);
    else if ('stack' in p.loc) stack.push([p.loc.stack, ai, p.offset, p.size]);
  }));
  void sample;
  return { addr: Number(addrs[k]), regs, stack, ret: abi.ret.pieces.map((p) => ('reg' in p.loc ? p.loc.reg : '')) };
});
const dir = mkdtempSync(join(tmpdir(), 'rustabi-bench-emu-'));
try {
  const peerCalls = Math.min(CALLS, 50_000);
  const job = {
    image: { start: Number(image.start), hex: hex(h.emu.readMemory(image.start, Number(image.end - image.start))) },
    stack: { base: Number(plan.stackBase), size: plan.stackSize }, sentinel: Number(plan.sentinel), callSp: Number(callSp),
    fns: spec,
    calls: Array.from({ length: peerCalls }, (_, i) => argsOf(i).map(hex)),
    reps: REPS,
  };
  writeFileSync(join(dir, 'job.json'), JSON.stringify(job));
  const py = spawnSync('/usr/bin/python3', [join(REPO_ROOT, 'bench', 'emu_peer.py'), join(dir, 'job.json')], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (py.status !== 0) {
    console.log(`python3-unicorn peer failed (install Debian's python3-unicorn): ${py.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    process.exitCode = 1;
  } else {
    const peer = JSON.parse(py.stdout) as { rate: number; sum: string };
    // The checksum over the peer's calls, from the rustabi side.
    let check = 0n;
    for (let i = 0; i < peerCalls; i++) {
      const k = i % FNS;
      const r = h.call(addrs[k] as bigint, abis[k] as FnAbi, argsOf(i), { snapshots: 'none', poison: false });
      const ret = r.ret as Uint8Array;
      check += readU64(ret, 0) + (ret.length >= 16 ? readU64(ret, 8) : 0n);
    }
    const same = BigInt.asUintN(64, check).toString() === peer.sum;
    const ours = median(tsRates);
    console.log(`emulated calls on a ${FNS}-function x86_64 fixture (median of ${REPS} runs; ${CALLS} calls rustabi, ${peerCalls} python)`);
    console.log(`  rustabi CallHarness    ${Math.round(ours).toLocaleString('en-US').padStart(10)} calls/s`);
    console.log(`  python3-unicorn        ${Math.round(peer.rate).toLocaleString('en-US').padStart(10)} calls/s`);
    console.log(`  ratio ${(ours / peer.rate).toFixed(2)}x; results ${same ? 'agree' : 'DISAGREE'} (checksum ${peer.sum})`);
    console.log(`goal ≥ 100,000 calls/s and ≥ 2x: ${ours >= 100_000 && ours >= 2 * peer.rate ? 'met' : 'NOT met'}`);
    if (!same) process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  h.dispose();
}
void tsSum;
