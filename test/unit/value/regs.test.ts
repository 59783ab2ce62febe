/** Values in registers (src/value/regs.ts): the README's examples, and a round trip on every target. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FnAbi } from '../../../src/model/abi.js';
import type { RustValue } from '../../../src/model/value.js';
import { fnAbiOf } from '../../../src/query/abi.js';
import { decodeFromRegs, encodeArgs, encodeReturn } from '../../../src/value/codec.js';
import { debugValue } from '../../../src/value/debug.js';
import { valuesEqual } from '../../../src/value/equal.js';
import { MemoryArena } from '../../../src/value/memory.js';
import { parseValue } from '../../../src/value/parse.js';
import type { Placement } from '../../../src/value/regs.js';
import { countFromEnv, seedFromEnv } from '../../support/env.js';
import { caseArb } from './debug-cases.js';
import { session } from './helpers.js';

const TARGETS = ['x86_64', 'aarch64', 'riscv64', 'wasm32', 'x86_64-kernel', 'aarch64-kernel', 'riscv64-kernel'];
const SP = 0x7fff_0000n;

function abi(sig: string, target: string): FnAbi {
  const r = fnAbiOf(session(target), sig);
  if (!r.ok) throw new Error(`${sig}: ${r.errors[0]?.message}`);
  return r.value.abi;
}

/** What a probe would see: registers by name, stack slots in memory above SP. */
function machine(placements: readonly Placement[], mem: MemoryArena, regs: Record<string, bigint> = {}): Record<string, bigint> {
  for (const p of placements) {
    let v = 0n;
    for (let i = p.bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(p.bytes[i] ?? 0);
    if ('reg' in p.loc) regs[p.loc.reg] = v;
    else if ('param' in p.loc) regs[`param${p.loc.param}`] = v;
    else mem.write(SP + BigInt(p.loc.stack), p.bytes);
  }
  return regs;
}

test("the README's aarch64 example: a pair in x2/x3, the return in x0/x1", () => {
  const fn = abi('fn detect_func(x: usize, y: usize, z: Option<usize>) -> Option<usize>', 'aarch64');
  const cx = session('aarch64').cx;
  const z = decodeFromRegs({ x0: 1n, x1: 2n, x2: 1n, x3: 42n }, 2, fn, cx);
  assert.ok(z.ok);
  assert.equal(debugValue(z.value), 'Some(42)');
  const ret = decodeFromRegs({ x0: 0n, x1: 0x5a5an }, 'return', fn, cx);
  assert.ok(ret.ok);
  assert.equal(debugValue(ret.value), 'None');
});

test('kernel results: Result<(), Error> in one register, Result<usize, Error> through the sret pointer', () => {
  const fn = abi('fn probe(dev: usize) -> kernel::error::Result', 'x86_64-kernel');
  const cx = session('x86_64-kernel').cx;
  const r = decodeFromRegs({ ax: 0xffffffean, rax: 0xffffffean }, 'return', fn, cx);
  assert.ok(r.ok);
  assert.equal(debugValue(r.value), 'Err(EINVAL)');
  const big = abi('fn read(dev: usize) -> kernel::error::Result<usize>', 'x86_64-kernel');
  assert.ok(big.sret !== null);
  const mem = new MemoryArena();
  const buf = mem.alloc(new Uint8Array([1, 0, 0, 0, 0xf4, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0]), 8);
  const atReturn = big.sret.atReturn;
  assert.ok(atReturn !== null && 'reg' in atReturn);
  const v = decodeFromRegs({ [atReturn.reg]: buf }, 'return', big, session('x86_64-kernel').cx, { memory: mem });
  assert.ok(v.ok);
  assert.equal(debugValue(v.value), 'Err(ENOMEM)');
  const noMem = decodeFromRegs({ [atReturn.reg]: buf }, 'return', big, session('x86_64-kernel').cx);
  assert.ok(!noMem.ok);
  const missing = decodeFromRegs({}, 0, big, session('x86_64-kernel').cx);
  assert.ok(!missing.ok);
  assert.equal(String(missing.errors[0]?.code), 'value/missing-register');
});

test('round trip through registers, stack slots and sret buffers on every target', () => {
  const seed = seedFromEnv();
  const n = countFromEnv('RUSTABI_REGS_CASES', 150);
  const cases = fc.sample(caseArb(2), { seed, numRuns: n });
  let checked = 0;
  for (const target of TARGETS) {
    const s = session(target);
    for (const c of cases) {
      const sig = `fn f(a: ${c.type}, b: u8, c: ${c.type}, d: ${c.type}) -> ${c.type}`;
      const r = fnAbiOf(s, sig);
      if (!r.ok) continue;
      const fn = r.value.abi;
      const v = parseValue(c.text, fn.ret.ty, s.cx);
      if (!v.ok) {
        assert.equal(String(v.errors[0]?.code), 'value/out-of-range', `${target} ${c.type} = ${c.text}: ${v.errors[0]?.message}`);
        continue; // a 64-bit number on wasm32
      }
      const mem = new MemoryArena();
      const b: RustValue = { kind: 'int', value: 7n, int: 'I8', signed: false };
      const args = encodeArgs([v.value, b, v.value, v.value], fn, s.cx, mem);
      assert.ok(args.ok, `${target} ${sig}: ${args.ok ? '' : args.errors[0]?.message}`);
      const regs = machine(args.value.args.flat(), mem);
      if (args.value.sret !== null) machine([args.value.sret], mem, regs);
      for (const i of [0, 1, 2, 3]) {
        const d = decodeFromRegs(regs, i, fn, s.cx, { memory: mem, sp: SP });
        assert.ok(d.ok, `${target} ${sig} arg ${i}: ${d.ok ? '' : d.errors[0]?.message}`);
        const want = i === 1 ? b : v.value;
        assert.ok(valuesEqual(want, d.value), `${target} ${sig} arg ${i}: ${debugValue(d.value)} != ${debugValue(want)}`);
      }
      const ret = encodeReturn(v.value, fn, s.cx, mem);
      assert.ok(ret.ok);
      const atReturn = machine(ret.value.regs, mem);
      const opts = { memory: mem, sp: SP, entryRegs: regs };
      if (ret.value.indirect) {
        mem.write(args.value.sretAddress as bigint, ret.value.bytes);
        const back = fn.sret?.atReturn ?? null;
        if (back !== null && 'reg' in back) atReturn[back.reg] = args.value.sretAddress as bigint;
      }
      const d = decodeFromRegs(atReturn, 'return', fn, s.cx, opts);
      assert.ok(d.ok && valuesEqual(v.value, d.value), `${target} ${sig} return: ${d.ok ? debugValue(d.value) : d.errors[0]?.message}`);
      checked++;
    }
  }
  assert.ok(checked > TARGETS.length * n * 0.8, `only ${checked} signatures checked`);
});
