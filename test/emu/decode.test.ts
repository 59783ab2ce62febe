/**
 * `rustabi decode` on real register snapshots: fixture functions of test/emu/fixtures/calls.rs run in
 * Unicorn on every emulated target; the entry and return registers (by their pt_regs names, as a probe
 * would record them), the stack and the memory behind hidden/indirect pointers go into a `--snapshot`
 * file, and the CLI must print the arguments and the return value as Rust's `{:?}` prints the values
 * the Rust code was given and computed (the expected text follows from calls.rs, not from rustabi).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/run.js';
import { memIo } from '../support/mem-io.js';
import { REGISTER_FILES } from '../../src/model/registers.js';
import type { RegisterArch } from '../../src/model/registers.js';
import type { CallResult, EmuSnapshot } from '../../src/emu/index.js';
import { EMU_TARGETS, disposeRigs, requireEmulator, rig } from './support.js';
import type { TargetRig } from './support.js';
import { enumBytes, le, u64 } from './values.js';

after(disposeRigs);


const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** The GPRs and sp of a snapshot by their pt_regs names (what a kprobe records). */
function ptRegs(s: EmuSnapshot | null, arch: RegisterArch): Record<string, string> {
  assert.ok(s !== null, 'the harness took the snapshot');
  const out: Record<string, string> = {};
  for (const r of REGISTER_FILES[arch]) {
    if (r.ptRegs === null || r.class === 'pc' || r.class === 'flags') continue;
    out[r.ptRegs] = '0x' + s.reg(r.name).toString(16);
  }
  return out;
}

async function decodeRun(g: TargetRig, fn: string, args: readonly Uint8Array[]): Promise<{ lines: string[]; r: CallResult }> {
  const { abi, r } = g.call(fn, args);
  const arch = g.dl.arch as RegisterArch;
  const memory = [{ addr: '0x' + r.spAtEntry.toString(16), hex: hex(r.memory.read(r.spAtEntry, 256)) }];
  if (r.sretAddress !== null) memory.push({ addr: '0x' + r.sretAddress.toString(16), hex: hex(r.memory.read(r.sretAddress, abi.ret.layout.size)) });
  for (const [i, a] of r.argAddresses.entries()) {
    const size = abi.args[i]?.layout.size ?? 0;
    if (a !== null && size > 0) memory.push({ addr: '0x' + a.toString(16), hex: hex(r.memory.read(a, size)) });
  }
  const snapshot = JSON.stringify({ target: g.target, regs: ptRegs(r.exit, arch), entryRegs: ptRegs(r.entry, arch), memory });
  const io = memIo({ 'snap.json': snapshot, 'calls.rs': (await import('./support.js')).FIXTURE_RS });
  const code = await main(['decode', '--defs', 'calls.rs', '--sig', fn, '--snapshot', 'snap.json'], io);
  assert.doesNotMatch(io.err, /error/, 'no diagnostics');
  assert.equal(code, 0);
  return { lines: io.out.trimEnd().split('\n'), r };
}

describe('decode: arguments at entry and the return value at return, from emulator snapshots', () => {
  for (const target of EMU_TARGETS) {
    test(target, async (t) => {
      if (!requireEmulator(t)) return;
      const g = await rig(target);
      const opt = g.abi('detect_func').args[2]?.layout;
      assert.ok(opt !== undefined);
      let d = await decodeRun(g, 'detect_func', [u64(5), u64(7), enumBytes(opt, 1, [[8, 100n]])]);
      assert.deepEqual(d.lines, ['x = 5', 'y = 7', 'z = Some(100)', 'Some(112)']);
      d = await decodeRun(g, 'detect_func', [u64(5), u64(7), enumBytes(opt, 0)]);
      assert.deepEqual(d.lines, ['x = 5', 'y = 7', 'z = None', 'None']);

      d = await decodeRun(g, 'nz_from', [u64(4), u64(2)]);
      assert.deepEqual(d.lines, ['x = 4', 'y = 2', 'Some(10)']);
      d = await decodeRun(g, 'nz_from', [u64(0), u64(0)]);
      assert.deepEqual(d.lines.at(-1), 'None');

      d = await decodeRun(g, 'kernel_result', [le(0n, 4), le(3n, 4)]);
      assert.deepEqual(d.lines, ['code = 0', 'bias = 3', 'Ok(())']);
      d = await decodeRun(g, 'kernel_result', [le(BigInt.asUintN(32, -19n), 4), le(3n, 4)]);
      assert.deepEqual(d.lines, ['code = -19', 'bias = 3', 'Err(EINVAL)']);
      d = await decodeRun(g, 'kernel_result', [le(BigInt.asUintN(32, -1000n), 4), le(0n, 4)]);
      // rust/kernel/error.rs prints an unnamed errno as `Error(-self.0)`: the positive number.
      assert.deepEqual(d.lines.at(-1), 'Err(Error(1000))');

      // Through the hidden return pointer (x86_64 echoes it in rax; aarch64/riscv64 need x8/a0 from entry).
      d = await decodeRun(g, 'kernel_result_usize', [u64(20), le(0n, 4)]);
      assert.deepEqual(d.lines, ['x = 20', 'code = 0', 'Ok(41)']);
      d = await decodeRun(g, 'kernel_result_usize', [u64(20), le(BigInt.asUintN(32, -12n), 4)]);
      assert.deepEqual(d.lines.at(-1), 'Err(ENOMEM)');
      d = await decodeRun(g, 'make_big', [u64(3), u64(4)]);
      assert.deepEqual(d.lines, ['x = 3', 'y = 4', 'Big { a: 3, b: 4, c: 7, d: 9, e: 251 }']);

      // Stack arguments (split7's pair and z go past the argument registers on every target).
      d = await decodeRun(g, 'split7', [1n, 2n, 3n, 4n, 5n, 6n, 7n].map(u64).concat([new Uint8Array([...u64(8n), ...u64(9n)]), u64(10n)]));
      assert.deepEqual(d.lines.slice(0, 9), ['a = 1', 'b = 2', 'c = 3', 'd = 4', 'e = 5', 'f = 6', 'g = 7', 'p = (8, 9)', 'z = 10']);
    });
  }
});
