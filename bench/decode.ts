/**
 * Decode benchmark: values per second that `decodeFromRegs` reads from a register snapshot and
 * `debugValue` prints as `{:?}`, per return type (FnAbi precomputed, snapshots pre-built with varied
 * register contents), against a peer measured in the same run: a hand-written decoder for the one type
 * `Option<usize>` (tag in rax, payload in rdx → `Some(n)` / `None`), the code a person would write for a
 * single probe. The peer bounds what a generic decoder can hope for; the ratio shows the generality's cost.
 * Goal (issue 4): ≥ 1,000,000 values/s for two-register values.
 *
 *   npm run bench:decode     (or: node build/bench/decode.js [--n N] [--reps N])
 */
import { parseArgs } from 'node:util';
import { createLayoutSession } from '../src/query/layout.js';
import { fnAbiOf } from '../src/query/abi.js';
import { decodeFromRegs } from '../src/value/regs.js';
import { debugValue } from '../src/value/debug.js';
import { SparseMemory } from '../src/value/snapshot.js';
import { rng } from '../test/support/fuzz.js';

const { values: opts } = parseArgs({ options: { n: { type: 'string', default: '200000' }, reps: { type: 'string', default: '5' } } });
const N = Number(opts.n);
const REPS = Number(opts.reps);

const s = createLayoutSession({ target: 'x86_64', defs: [{ name: 'b.rs', text: 'pub struct Big { a: u64, b: u64, c: u64, d: u64, e: u64 }' }] });
if (!s.ok) throw new Error('session');
const session = s.value;

interface Case { readonly label: string; readonly sig: string; readonly twoRegs: boolean }
const CASES: readonly Case[] = [
  { label: 'Option<usize> (rax tag, rdx payload)', sig: 'fn f() -> Option<usize>', twoRegs: true },
  { label: 'Result<u32, kernel Error> (ScalarPair)', sig: 'fn f() -> Result<u32, kernel::error::Error>', twoRegs: true },
  { label: '(u64, bool) (ScalarPair)', sig: 'fn f() -> (u64, bool)', twoRegs: true },
  { label: 'Result<(), Error> (niche, one register)', sig: 'fn f() -> Result<(), kernel::error::Error>', twoRegs: false },
  { label: 'Big, 40 bytes (hidden pointer + memory)', sig: 'fn f() -> Big', twoRegs: false },
];

const r = rng(4242);
function snapshots(): Map<string, bigint>[] {
  return Array.from({ length: 1024 }, () => new Map<string, bigint>([
    ['rax', BigInt(r() < 0.5 ? 0 : 1)], ['rdx', BigInt(Math.floor(r() * 0x7fffffff))],
  ]));
}
const memory = new SparseMemory();
memory.add(0x1000n, Uint8Array.from({ length: 40 }, (_, i) => i));

function median(xs: number[]): number {
  const v = [...xs].sort((a, b) => a - b);
  return v[Math.floor(v.length / 2)] as number;
}

function rate(body: () => number): number {
  const rates: number[] = [];
  for (let k = 0; k < REPS; k++) {
    const t0 = process.hrtime.bigint();
    const n = body();
    rates.push(n / (Number(process.hrtime.bigint() - t0) / 1e9));
  }
  return median(rates);
}

let sink = 0;
const snaps = snapshots();
const peer = rate(() => {
  for (let i = 0; i < N; i++) {
    const regs = snaps[i & 1023] as Map<string, bigint>;
    const tag = regs.get('rax') as bigint;
    const text = tag === 0n ? 'None' : `Some(${(regs.get('rdx') as bigint).toString()})`;
    sink += text.length;
  }
  return N;
});

console.log(`decode benchmark: ${N} values per run, median of ${REPS} runs (x86_64)`);
console.log(`  peer: hand-written Option<usize> decoder   ${(peer / 1e6).toFixed(2)} M values/s`);
let worstTwo = Infinity;
for (const c of CASES) {
  const abi = fnAbiOf(session, c.sig);
  if (!abi.ok) throw new Error(c.sig);
  const fnAbi = abi.value.abi;
  const opts = { memory, sretAddress: 0x1000n };
  const v = rate(() => {
    for (let i = 0; i < N; i++) {
      const d = decodeFromRegs(snaps[i & 1023] as Map<string, bigint>, 'return', fnAbi, session.cx, opts);
      if (d.ok) sink += debugValue(d.value).length;
    }
    return N;
  });
  if (c.twoRegs) worstTwo = Math.min(worstTwo, v);
  console.log(`  rustabi ${c.label.padEnd(42)} ${(v / 1e6).toFixed(2)} M values/s  (${(v / peer).toFixed(2)}x the peer)`);
}
console.log(`two-register values: slowest ${(worstTwo / 1e6).toFixed(2)} M values/s — goal 1.00 M/s ${worstTwo >= 1e6 ? 'met' : 'NOT met'}`);
if (sink === -1) console.log(sink);
