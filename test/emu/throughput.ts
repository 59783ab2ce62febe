/**
 * Emulated calls per second for `add2(a: u64, b: u64) -> u64` (two registers in, one out): place the
 * arguments, one uc_emu_start to the sentinel, read the result. Three ways:
 *   - `harness`: CallHarness.call with snapshots off and no poisoning (what a property test would use);
 *   - `harness+snapshots`: the same with full entry/exit register snapshots and poisoning (the default);
 *   - `raw`: the Emulator interface by hand (two register writes, start, one register read).
 * Run: `npm run build:test && node build/test/emu/throughput.js [calls]`.
 */
import { pathToFileURL } from 'node:url';
import type { TargetId } from '../../src/model/target.js';
import { disposeRigs, rig } from './support.js';
import { u64 } from './values.js';

export interface Throughput {
  readonly target: TargetId;
  readonly mode: 'harness' | 'harness+snapshots' | 'raw';
  readonly calls: number;
  readonly seconds: number;
  readonly perSecond: number;
}

export async function measure(target: TargetId, calls: number): Promise<Throughput[]> {
  const g = await rig(target);
  const abi = g.abi('add2');
  const out: Throughput[] = [];
  const time = (mode: Throughput['mode'], n: number, f: (i: number) => bigint): void => {
    for (let i = 0; i < Math.min(200, n); i++) f(i); // warm up (translation cache, JIT)
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      const got = f(i);
      if (got !== BigInt(i) + 3n * 7n) throw new Error(`add2(${i}, 7) returned ${got}`);
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    out.push({ target, mode, calls: n, seconds, perSecond: Math.round(n / seconds) });
  };
  const seven = u64(7);
  time('harness', calls, (i) => {
    const r = g.harness.call({ image: g.image, name: 'add2' }, abi, [u64(i), seven], { snapshots: 'none', poison: false });
    return new DataView((r.ret as Uint8Array).buffer, (r.ret as Uint8Array).byteOffset).getBigUint64(0, true);
  });
  time('harness+snapshots', Math.ceil(calls / 4), (i) => {
    const r = g.harness.call({ image: g.image, name: 'add2' }, abi, [u64(i), seven]);
    return new DataView((r.ret as Uint8Array).buffer, (r.ret as Uint8Array).byteOffset).getBigUint64(0, true);
  });
  // By hand: the registers rustabi names, the return address by the ISA's convention.
  const emu = g.harness.emu;
  const isa = g.harness.isa;
  const reg = (p: { readonly loc: object } | undefined): string => (p !== undefined && 'reg' in p.loc ? String(p.loc.reg) : '');
  const [ra, rb, rr] = [reg(abi.args[0]?.pieces[0]), reg(abi.args[1]?.pieces[0]), reg(abi.ret.pieces[0])];
  const fn = g.image.address('add2');
  const sentinel = g.harness.plan.sentinel;
  const sp = g.harness.plan.stackBase + BigInt(g.harness.plan.stackSize / 2);
  time('raw', calls, (i) => {
    if (isa.returnAddress.kind === 'stack') {
      emu.writeRegister(isa.sp, sp - 8n);
      emu.writeMemory(sp - 8n, u64(sentinel));
    } else {
      emu.writeRegister(isa.sp, sp);
      emu.writeRegister(isa.returnAddress.reg, sentinel);
    }
    emu.writeRegister(ra, BigInt(i));
    emu.writeRegister(rb, 7n);
    emu.start(fn, sentinel);
    return emu.readRegister(rr);
  });
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const calls = Number(process.argv[2] ?? 20000);
  for (const target of ['x86_64', 'aarch64', 'riscv64'] as const) {
    for (const r of await measure(target, calls)) {
      console.log(`${r.target.padEnd(8)} ${r.mode.padEnd(18)} ${String(r.perSecond).padStart(8)} calls/s  (${r.calls} calls in ${r.seconds.toFixed(3)} s)`);
    }
  }
  await disposeRigs();
}
