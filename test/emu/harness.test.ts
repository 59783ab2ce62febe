/**
 * The call harness's own plumbing, on the fake emulator (no native engine, no rustc): where it puts
 * each piece, the return address and the stack, Indirect copies, the sret buffer, poisoning and
 * extension, and its errors. The register maps come from rustabi (pure); the "functions" are
 * JavaScript programs that check what they find.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FnAbi } from '../../src/model/abi.js';
import type { TargetId } from '../../src/model/target.js';
import { abiOfSignature } from '../../src/query/abi.js';
import type { EmuArch } from '../../src/emu/index.js';
import { CallHarness, DEFAULT_PLAN, EmulatorError, POISON, leBytes, leValue, ucError } from '../../src/emu/index.js';
import { FakeEmulator } from '../fakes/fake-emulator.js';
import { le, u64 } from './values.js';

const FN = 0x1000_0000n;
const DEFS = 'pub struct Big { a: u64, b: u64, c: u64, d: u64, e: u64 }';

function abiOf(sig: string, target: TargetId): FnAbi {
  const r = abiOfSignature(sig, { target, defs: [{ name: 'defs.rs', text: DEFS }] });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.value.abi;
}

function setup(arch: EmuArch, program: (emu: FakeEmulator) => void): { emu: FakeEmulator; h: CallHarness } {
  const emu = new FakeEmulator(arch);
  const h = new CallHarness(emu);
  emu.mapMemory(FN, 0x1000);
  emu.programs.set(FN, program);
  return { emu, h };
}

test('x86_64: registers per the map, sentinel pushed at [rsp], rsp+8 16-byte aligned, result from rax/rdx', () => {
  const abi = abiOf('fn f(x: usize, y: usize, z: Option<usize>) -> Option<usize>', 'x86_64');
  const { emu, h } = setup('x86_64', (e) => {
    const rsp = e.readRegister('rsp');
    assert.equal(leValue(e.readMemory(rsp, 8)), DEFAULT_PLAN.sentinel);
    assert.equal((rsp + 8n) % 16n, 0n);
    assert.deepEqual(['rdi', 'rsi', 'rdx', 'rcx'].map((r) => e.readRegister(r)), [5n, 7n, 1n, 100n]);
    e.writeRegister('rax', 1n);
    e.writeRegister('rdx', e.readRegister('rdi') + e.readRegister('rsi') + e.readRegister('rcx'));
  });
  const z = new Uint8Array(16);
  z.set(u64(1), 0);
  z.set(u64(100), 8);
  const r = h.call(FN, abi, [u64(5), u64(7), z]);
  assert.equal(leValue((r.ret as Uint8Array).subarray(0, 8)), 1n);
  assert.equal(leValue((r.ret as Uint8Array).subarray(8, 16)), 112n);
  assert.equal(r.entry?.reg('di'), 5n, 'pt_regs name');
  assert.equal(r.exit?.reg('ax'), 1n);
  assert.equal(r.exit?.reg('rip'), DEFAULT_PLAN.sentinel);
  assert.equal(emu.starts.length, 1);
  assert.equal(emu.starts[0]?.until, DEFAULT_PLAN.sentinel);
});

test('stack slots are relative to sp at entry (x86_64 from rsp+8; aarch64 from sp, return address in x30)', () => {
  const x86 = abiOf('fn f(a: u64, b: u64, c: u64, d: u64, e: u64, p: (u64, u64), z: u64) -> u64', 'x86_64');
  const { h } = setup('x86_64', (e) => {
    const sp = e.readRegister('rsp');
    e.writeRegister('rax', e.readRegister('r9') * 1000n + leValue(e.readMemory(sp + 8n, 8)) * 10n + leValue(e.readMemory(sp + 16n, 8)));
  });
  const r = h.call(FN, x86, [1, 2, 3, 4, 5].map(u64).concat([new Uint8Array([...u64(6), ...u64(7)]), u64(8)]));
  assert.equal(leValue(r.ret as Uint8Array), 6078n);

  const a64 = abiOf('fn f(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64, g: u64, p: (u64, u64), z: u64) -> u64', 'aarch64');
  const { h: h2 } = setup('aarch64', (e) => {
    assert.equal(e.readRegister('lr'), DEFAULT_PLAN.sentinel);
    const sp = e.readRegister('sp');
    assert.equal(sp % 16n, 0n);
    e.writeRegister('x0', e.readRegister('x7') * 1000n + leValue(e.readMemory(sp, 8)) * 10n + leValue(e.readMemory(sp + 8n, 8)));
  });
  const r2 = h2.call(FN, a64, [1, 2, 3, 4, 5, 6, 7].map(u64).concat([new Uint8Array([...u64(6), ...u64(7)]), u64(8)]));
  assert.equal(leValue(r2.ret as Uint8Array), 6078n);
  assert.equal(r2.spAtEntry % 16n, 0n);
});

test('Indirect arguments: a scratch copy, its address in the register', () => {
  const abi = abiOf('fn f(b: Big, k: u64) -> u64', 'riscv64');
  const bytes = new Uint8Array(40).map((_, i) => i);
  const { h } = setup('riscv64', (e) => {
    const p = e.readRegister('a0');
    assert.deepEqual(e.readMemory(p, 40), bytes);
    e.writeRegister('a0', e.readRegister('a1'));
  });
  const r = h.call(FN, abi, [bytes, u64(9)]);
  assert.equal(leValue(r.ret as Uint8Array), 9n);
  assert.equal(r.argAddresses[0] !== null && (r.argAddresses[0] as bigint) % 8n, 0n);
});

test('sret: buffer address where atEntry says; x86_64 checks that rax echoes it', () => {
  const a64 = abiOf('fn f(x: u64) -> Big', 'aarch64');
  const { h } = setup('aarch64', (e) => {
    const p = e.readRegister('x8');
    e.writeMemory(p, new Uint8Array(40).fill(0x11));
  });
  const at = h.call(FN, a64, [u64(1)], { stopAtEntry: true });
  assert.equal(at.exit, null);
  assert.equal(at.entry?.reg('x8'), at.sretAddress);
  const r = h.call(FN, a64, [u64(1)]);
  assert.deepEqual(r.ret, new Uint8Array(40).fill(0x11));
  assert.equal(r.sretEchoed, null, 'aarch64 names no register for the address at return');

  const x86 = abiOf('fn f(x: u64) -> Big', 'x86_64');
  for (const echo of [true, false]) {
    const { h: hx } = setup('x86_64', (e) => { if (echo) e.writeRegister('rax', e.readRegister('rdi')); });
    assert.equal(hx.call(FN, x86, [u64(1)]).sretEchoed, echo);
  }
});

test('poison: registers without arguments hold POISON; narrow pieces are extended only as the mode says', () => {
  const abi = abiOf('fn f(a: u8, b: i16, c: bool) -> u64', 'riscv64');
  const { h } = setup('riscv64', () => { /* reads nothing */ });
  const r = h.call(FN, abi, [le(0xf0n, 1), le(-2n, 2), le(1n, 1)]);
  const modes = abi.args.map((a) => (a.mode.kind === 'direct' ? a.mode.ext : 'other'));
  const expect = (v: bigint, size: number, ext: unknown): bigint => {
    if (ext === 'sext') return BigInt.asUintN(64, BigInt.asIntN(size * 8, v));
    if (ext === 'zext') return v;
    return BigInt.asUintN(64, (POISON << BigInt(size * 8)) | v);
  };
  assert.equal(r.entry?.reg('a0'), expect(0xf0n, 1, modes[0]));
  assert.equal(r.entry?.reg('a1'), expect(0xfffen, 2, modes[1]));
  assert.equal(r.entry?.reg('a2'), expect(1n, 1, modes[2]));
  assert.equal(r.entry?.reg('a3'), POISON);
  assert.equal(r.entry?.reg('s1'), POISON);
  const { h: h2 } = setup('riscv64', () => undefined);
  const quiet = h2.call(FN, abi, [le(0xf0n, 1), le(-2n, 2), le(1n, 1)], { poison: false });
  assert.equal(quiet.entry?.reg('a3'), 0n, 'without poisoning the harness leaves other registers alone');
});

test('riscv64: an f32 in an f register is NaN-boxed', () => {
  const abi = abiOf('fn f(a: f32) -> f32', 'riscv64');
  const { h } = setup('riscv64', (e) => e.writeRegister('fa0', e.readRegister('fa0')));
  const r = h.call(FN, abi, [le(0x3f800000n, 4)]);
  assert.equal(r.entry?.reg('fa0'), 0xffff_ffff_3f80_0000n);
  assert.deepEqual(r.ret, le(0x3f800000n, 4));
});

test('errors: wrong argument count or size, a run that does not return, a disposed engine', () => {
  const abi = abiOf('fn f(a: u64) -> u64', 'x86_64');
  const { emu, h } = setup('x86_64', () => undefined);
  const code = (c: string) => (e: unknown) => e instanceof EmulatorError && e.code === c;
  assert.throws(() => h.call(FN, abi, []), code('emu/bad-argument'));
  assert.throws(() => h.call(FN, abi, [le(1n, 4)]), code('emu/bad-argument'));
  emu.stopAt = FN + 4n;
  assert.throws(() => h.call(FN, abi, [u64(1)]), (e: unknown) => code('emu/did-not-return')(e) && (e as EmulatorError).pc === FN + 4n);
  h.dispose();
  assert.throws(() => h.call(FN, abi, [u64(1)]), code('emu/disposed'));
});

test('ucError: the one conversion of uc_err codes', () => {
  assert.equal(ucError(8, 'uc_emu_start').code, 'emu/fetch-unmapped');
  assert.equal(ucError(6, 'x').code, 'emu/read-unmapped');
  assert.equal(ucError(10, 'x').code, 'emu/invalid-instruction');
  assert.equal(ucError(21, 'x').code, 'emu/cpu-exception');
  assert.equal(ucError(99, 'x').code, 'emu/unknown');
  const e = ucError(7, 'uc_mem_write', 0x1234n);
  assert.equal(e.native, 7);
  assert.equal(e.pc, 0x1234n);
  assert.match(e.message, /uc_mem_write: .*UC_ERR_WRITE_UNMAPPED.*pc 0x1234/);
  assert.deepEqual(leBytes(-1n, 2), Uint8Array.of(0xff, 0xff));
});
