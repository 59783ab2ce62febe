/**
 * `rustabi verify`: echo fixtures compiled by the installed rustc, run in Unicorn — every parameter and
 * the return value must read back on each emulated target; bad input gives diagnostics.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/run.js';
import { memIo } from '../support/mem-io.js';
import { requireEmulator } from '../emu/support.js';

const DEFS = `pub struct Dev { id: u32, flags: u8, name: [u8; 11] }
pub enum Cmd { Stop, Go(u16), Jump { to: u64, ok: bool } }
impl Dev { pub fn poke(&self, c: Cmd, n: Option<core::num::NonZeroU64>) -> Result<Cmd, kernel::error::Error> { todo!() } }`;

test('verify agrees on every emulated target, parameters one line each', async (t) => {
  if (!requireEmulator(t)) return;
  for (const target of ['x86_64', 'aarch64', 'riscv64', 'x86_64-kernel', 'aarch64-kernel', 'riscv64-kernel']) {
    const io = memIo({ 'dev.rs': DEFS });
    const code = await main(['verify', '--target', target, '--cases', '40', '--defs', 'dev.rs',
      'fn f(a: u8, b: (u64, bool), c: Cmd, d: Dev, e: char, f: u64, g: u64, h: u64, i: Option<u16>, j: f64) -> Result<usize, kernel::error::Error>'], io);
    assert.equal(code, 0, `${target}:\n${io.out}${io.err}`);
    assert.match(io.out, /rustabi's map agrees with the compiled code\n$/);
    assert.equal((io.out.match(/40\/40 calls read back ok/g) ?? []).length, 11, io.out);
    const m = memIo({ 'dev.rs': DEFS });
    assert.equal(await main(['verify', '--target', target, '--cases', '20', '--defs', 'dev.rs', '--json', 'Dev::poke'], m), 0, m.err);
    const j = JSON.parse(m.out) as { params: { name: string; agreed: number; calls: number }[]; ret: { agreed: number; calls: number } };
    assert.deepEqual(j.params.map((p) => p.name), ['self', 'c', 'n']);
    assert.ok(j.params.every((p) => p.calls === 20 && p.agreed === 20) && j.ret.agreed === 20, m.out);
  }
});

test('verify: bad input is a diagnostic', async (t) => {
  if (!requireEmulator(t)) return;
  let io = memIo();
  assert.equal(await main(['verify', 'fn f(x: Nope) -> u8'], io), 1);
  assert.match(io.err, /error\[/);
  io = memIo();
  assert.equal(await main(['verify', '--target', 'wasm32', 'fn f(x: u8) -> u8'], io), 1);
  assert.match(io.err, /wasm32 is checked by the test suite/);
  io = memIo();
  assert.equal(await main(['verify', '--cases', 'zero', 'fn f() -> u8'], io), 2);
});
