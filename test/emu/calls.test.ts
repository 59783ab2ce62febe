/**
 * Register maps confirmed by execution: each fixture function of test/emu/fixtures/calls.rs, compiled
 * by rustc 1.95 for the target (the kernel flavours for their oracle triples), runs in Unicorn with its
 * arguments placed where rustabi's FnAbi says; the result is read from where rustabi says it comes
 * back. Every result depends on every argument, so a misplaced argument or a misnamed return register
 * gives a wrong answer; every register the map does not name holds garbage (POISON).
 */
import type { TestContext } from 'node:test';
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TargetId } from '../../src/model/target.js';
import { EmulatorError } from '../../src/emu/index.js';
import { EMU_TARGETS, disposeRigs, locs, requireEmulator, rig } from './support.js';
import { M64, enumBytes, f32Bits, f64Bits, le, readLe, structBytes, structField, u64, variantField, variantOf } from './values.js';

after(disposeRigs);

const RET2: Readonly<Record<string, readonly [string, string]>> = { x86_64: ['rax', 'rdx'], aarch64: ['x0', 'x1'], riscv64: ['a0', 'a1'] };
const SOME = 1;
const NONE = 0;
const OK = 0;
const ERR = 1;

function forEachTarget(name: string, body: (target: TargetId, t: TestContext) => Promise<void>): void {
  describe(name, () => {
    for (const target of EMU_TARGETS) {
      test(target, async (t) => {
        if (!requireEmulator(t)) return;
        await body(target, t);
      });
    }
  });
}

forEachTarget('detect_func(x: usize, y: usize, z: Option<usize>) -> Option<usize>: tag and payload in two registers', async (target) => {
  const g = await rig(target);
  const abi = g.abi('detect_func');
  const opt = abi.ret.layout;
  assert.deepEqual(locs(abi.ret.pieces), RET2[g.dl.arch], 'rustabi names the two return registers');
  const some = g.call('detect_func', [u64(5), u64(7), enumBytes(opt, SOME, [[8, 100n]])]).r;
  const regs = abi.ret.pieces.map((p) => some.exit?.reg('reg' in p.loc ? p.loc.reg : '') ?? -1n);
  assert.equal(regs[0], BigInt(SOME), `tag register ${RET2[g.dl.arch]?.[0]}`);
  assert.equal(regs[1], 112n, `payload register ${RET2[g.dl.arch]?.[1]}`);
  const ret = some.ret as Uint8Array;
  assert.equal(variantOf(opt, ret), SOME);
  assert.equal(variantField(opt, SOME, 0, ret, 8), 112n);
  const none = g.call('detect_func', [u64(5), u64(7), enumBytes(opt, NONE)]).r;
  assert.equal(variantOf(opt, none.ret as Uint8Array), NONE);
  // The kprobe view: every argument piece with a pt_regs name holds its bytes at the first instruction.
  for (const [i, a] of abi.args.entries()) {
    for (const p of a.pieces) {
      if (p.ptRegs === null) continue;
      const expected = [5n, 7n, readLe(enumBytes(opt, SOME, [[8, 100n]]), p.offset, p.size)][i];
      assert.equal(some.entry?.reg(p.ptRegs), expected, `arg ${i} piece at +${p.offset} in pt_regs ${p.ptRegs}`);
    }
  }
});

forEachTarget('Option<NonZeroUsize> in one register (None = 0)', async (target) => {
  const g = await rig(target);
  const abi = g.abi('nz_from');
  assert.deepEqual(locs(abi.ret.pieces), [RET2[g.dl.arch]?.[0]]);
  const l = abi.ret.layout;
  const some = g.call('nz_from', [u64(4), u64(2)]).r.ret as Uint8Array;
  assert.equal(variantOf(l, some), SOME);
  assert.equal(variantField(l, SOME, 0, some, 8), 10n);
  assert.equal(variantOf(l, g.call('nz_from', [u64(0), u64(0)]).r.ret as Uint8Array), NONE);
  const argL = g.abi('nz_arg').args[0]?.layout;
  assert.ok(argL !== undefined);
  assert.equal(readLe(g.call('nz_arg', [enumBytes(argL, SOME, [[8, 9n]]), u64(4)]).r.ret as Uint8Array, 0, 8), 31n);
  assert.equal(readLe(g.call('nz_arg', [enumBytes(argL, NONE), u64(4)]).r.ret as Uint8Array, 0, 8), 21n);
});

forEachTarget('kernel Result<(), Error> (Error = NonZeroI32 newtype) in one register', async (target) => {
  const g = await rig(target);
  const abi = g.abi('kernel_result');
  assert.deepEqual(locs(abi.ret.pieces), [RET2[g.dl.arch]?.[0]]);
  assert.equal(abi.ret.layout.size, 4);
  const l = abi.ret.layout;
  const ok = g.call('kernel_result', [le(0n, 4), le(3n, 4)]).r;
  assert.equal(variantOf(l, ok.ret as Uint8Array), OK);
  const err = g.call('kernel_result', [le(-20n, 4), le(2n, 4)]).r;
  assert.equal(variantOf(l, err.ret as Uint8Array), ERR);
  assert.equal(BigInt.asIntN(32, variantField(l, ERR, 0, err.ret as Uint8Array, 4)), -22n);
  const reg = RET2[g.dl.arch]?.[0] ?? '';
  assert.equal(BigInt.asUintN(32, err.exit?.reg(reg) ?? 0n), 0xffff_ffean, `-22 in the low 32 bits of ${reg}`);
  const argL = g.abi('kernel_result_arg').args[0]?.layout;
  assert.ok(argL !== undefined);
  assert.equal(BigInt.asIntN(32, readLe(g.call('kernel_result_arg', [enumBytes(argL, ERR, [[4, -5n]]), le(7n, 4)]).r.ret as Uint8Array, 0, 4)), -8n);
  assert.equal(BigInt.asIntN(32, readLe(g.call('kernel_result_arg', [enumBytes(argL, OK), le(7n, 4)]).r.ret as Uint8Array, 0, 4)), 7n);
});

forEachTarget('Result<usize, Error>: 16 bytes, returned where rustabi says', async (target) => {
  const g = await rig(target);
  const abi = g.abi('kernel_result_usize');
  const l = abi.ret.layout;
  const ok = g.call('kernel_result_usize', [u64(20), le(0n, 4)]).r.ret as Uint8Array;
  assert.equal(variantOf(l, ok), OK);
  assert.equal(variantField(l, OK, 0, ok, 8), 41n);
  const err = g.call('kernel_result_usize', [u64(20), le(-12n, 4)]).r.ret as Uint8Array;
  assert.equal(variantOf(l, err), ERR);
  assert.equal(BigInt.asIntN(32, variantField(l, ERR, 0, err, 4)), -12n);
});

forEachTarget('a 40-byte struct comes back through the hidden return pointer', async (target) => {
  const g = await rig(target);
  const abi = g.abi('make_big');
  assert.ok(abi.sret !== null, 'rustabi returns Big indirectly');
  const atEntry = abi.sret.atEntry;
  assert.ok('reg' in atEntry);
  // Stop at the first instruction (the kprobe point): the buffer's address is in the register rustabi names.
  const entry = g.call('make_big', [u64(6), u64(0x1234)], { stopAtEntry: true }).r;
  assert.equal(entry.exit, null);
  assert.equal(entry.entry?.reg(atEntry.reg), entry.sretAddress);
  const { r } = g.call('make_big', [u64(6), u64(0x1234)]);
  assert.equal(r.sretAddress, entry.sretAddress, 'the harness puts the buffer at the same place each call');
  const buf = r.memory.read(r.sretAddress as bigint, 40);
  const l = abi.ret.layout;
  assert.deepEqual([0, 1, 2, 3, 4].map((i) => structField(l, i, buf, 8)), [6n, 0x1234n, 0x123an, 18n, 0x12cbn]);
  if (abi.sret.atReturn !== null) assert.equal(r.sretEchoed, true, `the buffer address is back in ${JSON.stringify(abi.sret.atReturn)}`);
});

forEachTarget('a 40-byte struct argument is passed as a pointer to a copy', async (target) => {
  const g = await rig(target);
  const abi = g.abi('sum_big');
  assert.equal(abi.args[0]?.mode.kind, 'indirect');
  const l = abi.args[0]?.layout;
  assert.ok(l !== undefined);
  const { r } = g.call('sum_big', [structBytes(l, [[8, 1n], [8, 2n], [8, 3n], [8, 4n], [8, 5n]]), u64(100)]);
  assert.equal(readLe(r.ret as Uint8Array, 0, 8), 1n + 2n * 3n + 3n * 5n + 4n * 7n + 5n * 11n + 100n * 13n);
  assert.notEqual(r.argAddresses[0], null);
});

const W = [1n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n];
const weighted = (xs: readonly bigint[]): bigint => M64(xs.reduce((s, x, i) => s + x * (W[i] ?? 0n), 0n));

forEachTarget('a pair split across the last argument register and the stack', async (target) => {
  const g = await rig(target);
  const vals = [0x11n, 0x22n, 0x33n, 0x44n, 0x55n, 0x66n, 0x77n];
  for (const [name, n] of [['split5', 5], ['split7', 7]] as const) {
    const abi = g.abi(name);
    const pair = abi.args[n]?.layout;
    assert.ok(pair !== undefined);
    const args = [...vals.slice(0, n).map(u64), structBytes(pair, [[8, 0x1000n], [8, 0x2000n]]), u64(0x3000)];
    const { r } = g.call(name, args);
    assert.equal(readLe(r.ret as Uint8Array, 0, 8), weighted([...vals.slice(0, n), 0x1000n, 0x2000n, 0x3000n]), `${name} on ${target}: p at ${locs(abi.args[n]?.pieces ?? []).join(', ')}`);
  }
  // The seed's expectations: the pair's halves straddle the last register and the first stack slot.
  const split = g.dl.arch === 'x86_64' ? g.abi('split5').args[5] : g.abi('split7').args[7];
  const expected = { x86_64: ['r9', 'sp+8'], aarch64: ['x7', 'sp+0'], riscv64: ['a7', 'sp+0'] }[g.dl.arch as 'x86_64'];
  assert.deepEqual(locs(split?.pieces ?? []), expected);
});

forEachTarget('u128 arguments and return values take register pairs', async (target) => {
  const g = await rig(target);
  const b = 0x0123_4567_89ab_cdef_fedc_ba98_7654_3210n;
  const r1 = g.call('wide', [u64(0x55), le(b, 16), u64(0x77)]).r.ret as Uint8Array;
  assert.equal(readLe(r1, 0, 16), b ^ (0x55n << 64n) ^ 0x77n);
  const vals = [1n, 2n, 3n, 4n, 5n, 6n, 7n];
  const r2 = g.call('wide7', [...vals.map(u64), le(b, 16), u64(0x99)]).r.ret as Uint8Array;
  assert.equal(readLe(r2, 0, 16), b ^ weighted(vals) ^ (0x99n << 64n));
});

forEachTarget('narrow integers: bytes beyond the value are garbage unless the pass mode extends them', async (target) => {
  const g = await rig(target);
  const { abi, r } = g.call('narrow', [le(200n, 1), le(-300n, 2), le(1n, 1), le(0xfffffff0n, 4), le(-7n, 1)]);
  const got = BigInt.asIntN(64, readLe(r.ret as Uint8Array, 0, 8));
  assert.equal(got, 200n - 900n + 5n + 0xfffffff0n * 7n - 77n, `modes: ${abi.args.map((a) => JSON.stringify(a.mode)).join(' ')}`);
});

forEachTarget('floats travel in float registers (soft-float: integer registers)', async (target) => {
  const g = await rig(target);
  const a = f64Bits(1.5);
  const b = f64Bits(-2.25);
  for (const k of [0n, 1n]) {
    const { abi, r } = g.call('fpick', [le(a, 8), le(b, 8), le(k, 1)]);
    assert.equal(readLe(r.ret as Uint8Array, 0, 8), k === 0n ? a : b, `fpick(k=${k}): args at ${abi.args.map((x) => locs(x.pieces).join('+')).join(', ')}, ret at ${locs(abi.ret.pieces).join(', ')}`);
  }
  const a32 = f32Bits(0.5);
  const b32 = f32Bits(3.75);
  for (const k of [0n, 1n]) {
    const r = g.call('fpick32', [le(a32, 4), le(b32, 4), le(k, 1)]).r;
    assert.equal(readLe(r.ret as Uint8Array, 0, 4), k === 0n ? a32 : b32);
  }
  const { abi, r } = g.call('fpair', [le(a, 8), u64(10)]);
  const l = abi.ret.layout;
  const ret = r.ret as Uint8Array;
  assert.equal(structField(l, 0, ret, 8), a, `fpair ret at ${locs(abi.ret.pieces).join(', ')}`);
  assert.equal(structField(l, 1, ret, 8), 31n);
});

test('a call into unmapped memory is an EmulatorError with a stable code', async (t) => {
  if (!requireEmulator(t)) return;
  const g = await rig('x86_64');
  assert.throws(() => g.harness.call(0xdead_0000n, g.abi('add2'), [u64(1), u64(2)]), (e: unknown) => e instanceof EmulatorError && e.code === 'emu/fetch-unmapped' && e.native === 8);
});

forEachTarget('pointers in data are relocated (R_*_RELATIVE in the cdylibs)', async (target) => {
  const g = await rig(target);
  assert.equal(readLe(g.call('via_table', [le(0n, 1), u64(5)]).r.ret as Uint8Array, 0, 8), 15n);
  assert.equal(readLe(g.call('via_table', [le(1n, 1), u64(5)]).r.ret as Uint8Array, 0, 8), 105n);
  if (g.fixtureKind === 'cdylib') assert.ok(g.image.image.relocations.length > 0, 'the cdylib has dynamic relocations');
});

forEachTarget('extern "C": byval / indirect aggregates, small mixed structs, the C sret', async (target, t) => {
  const g = await rig(target);
  const probe = g.tryAbi('c_sum_big');
  if ('codes' in probe) {
    // Ready for when rustabi models the C ABI of this target; until then a visible skip.
    assert.deepEqual(probe.codes, ['regmap/unsupported'], probe.message);
    t.skip(`rustabi: ${probe.message}`);
    return;
  }
  const big = g.abi('c_sum_big');
  const bl = big.args[0]?.layout;
  assert.ok(bl !== undefined);
  const sum = g.call('c_sum_big', [structBytes(bl, [[8, 1n], [8, 2n], [8, 3n], [8, 4n], [8, 5n]]), u64(100)]).r;
  assert.equal(readLe(sum.ret as Uint8Array, 0, 8), 1n + 6n + 15n + 28n + 55n + 1300n, `CBig passed as ${JSON.stringify(big.args[0]?.mode)} at ${locs(big.args[0]?.pieces ?? []).join(', ')}`);

  const mk = g.abi('c_make_big');
  assert.ok(mk.sret !== null);
  const made = g.call('c_make_big', [u64(6), u64(0x1234)]).r;
  assert.deepEqual([0, 1, 2, 3, 4].map((i) => structField(mk.ret.layout, i, made.ret as Uint8Array, 8)), [6n, 0x1234n, 0x123an, 18n, 0x12cbn]);
  if (mk.sret.atReturn !== null) assert.equal(made.sretEchoed, true);

  const mx = g.abi('c_mixed');
  const ml = mx.args[0]?.layout;
  assert.ok(ml !== undefined);
  const f = f32Bits(2.5);
  const r1 = g.call('c_mixed', [structBytes(ml, [[4, 7n], [4, f]]), le(4n, 4)]).r.ret as Uint8Array;
  assert.deepEqual([structField(ml, 0, r1, 4), structField(ml, 1, r1, 4)], [25n, f], `Mixed: args ${mx.args.map((a) => locs(a.pieces).join('+')).join(', ')}; ret ${locs(mx.ret.pieces).join('+')}`);

  const m2 = g.abi('c_mixed2');
  const m2l = m2.args[0]?.layout;
  assert.ok(m2l !== undefined);
  const d = f64Bits(-0.75);
  const r2 = g.call('c_mixed2', [structBytes(m2l, [[8, d], [8, 9n]]), u64(5)]).r.ret as Uint8Array;
  assert.deepEqual([structField(m2l, 0, r2, 8), structField(m2l, 1, r2, 8)], [d, 32n], `Mixed2: args ${m2.args.map((a) => locs(a.pieces).join('+')).join(', ')}; ret ${locs(m2.ret.pieces).join('+')}`);
});
