/**
 * `rustabi decode` over in-memory io: output shape (the return value alone on the last line), register
 * name forms, --json, exit codes, and every kind of bad input → a coded diagnostic with a caret, nothing
 * on stdout. Agreement with compiled code is test/emu/decode.test.ts's job; the register contents here
 * follow the calling-convention digest's worked examples.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/run.js';
import { memIo } from '../support/mem-io.js';


async function run(args: readonly string[], files: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const io = memIo(files);
  const code = await main(['decode', ...args], io);
  return { code, out: io.out, err: io.err };
}

const DETECT = 'fn detect_func(x: usize, y: usize, z: Option<usize>) -> Option<usize>';

test('Option<usize> in rax/rdx; ISA and pt_regs names; hex with or without 0x', async () => {
  for (const regs of ['rax=0x1,rdx=0x2a', 'ax=1 dx=2a', '%ax=1,%DX=0x2A']) {
    const r = await run(['--sig', DETECT, '--regs', regs]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, 'Some(42)\n');
  }
});

test('arguments above the return value with --entry-regs; aarch64 x8 stash with --mem', async () => {
  let r = await run(['--sig', DETECT, '--regs', 'rax=0', '--entry-regs', 'rdi=1,rsi=2,rdx=1,rcx=3']);
  assert.equal(r.out, 'x = 1\ny = 2\nz = Some(3)\nNone\n');
  r = await run(['--target', 'aarch64', '--sig', 'fn f() -> Result<usize, kernel::error::Error>', '--regs', 'x0=0', '--entry-regs', 'regs[8]=0x1000',
    '--mem', '0x1000:0000000000000000_2a00000000000000']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, 'Ok(42)\n');
  r = await run(['--target', 'aarch64', '--sig', 'fn f() -> Result<usize, kernel::error::Error>', '--regs', 'x0=0']);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.match(r.err, /error\[value\/missing-register\].*sret pointer/);
});

test('--json; a snapshot file; invalid bit patterns print and exit 3', async () => {
  let r = await run(['--json', '--sig', 'fn f(a: bool) -> Result<(), kernel::error::Error>', '--regs', 'rax=0xffffffea', '--entry-regs', 'rdi=7']);
  assert.equal(r.code, 3);
  const j = JSON.parse(r.out) as { target: string; args: { name: string; value: string; invalid: boolean }[]; return: { value: string; invalid: boolean } };
  assert.equal(j.target, 'x86_64');
  assert.deepEqual(j.args, [{ name: 'a', type: 'bool', value: '<invalid: bool 0x07>', invalid: true }]);
  assert.deepEqual(j.return, { type: 'Result<(), kernel::error::Error>', value: 'Err(EINVAL)', invalid: false });
  r = await run(['--snapshot', 's.json', '--sig', 'fn f() -> Option<u8>'], { 's.json': '{"target":"riscv64","regs":{"a0":"1","a1":"0x7"}}' });
  assert.equal(r.out, 'Some(7)\n');
});

test('bad input: coded diagnostics with carets, nothing on stdout', async () => {
  const cases: [string[], Record<string, string>, RegExp][] = [
    [['--sig', DETECT, '--regs', 'rax=1,rdz=2'], {}, /--regs:1:7: error\[value\/unknown-register\]: `rdz` is not a register on x86_64 \(did you mean `rdx`\?\)\n[^]*\^\^\^/],
    [['--sig', DETECT, '--regs', 'rax=1,rdx=0xzz'], {}, /--regs:1:11: error\[value\/bad-hex\]/],
    [['--sig', DETECT, '--regs', 'rax=1,rdx'], {}, /error\[value\/bad-register-list\]/],
    [['--sig', DETECT, '--regs', 'rax=1,rdx=0x10000000000000000'], {}, /error\[value\/too-wide\]/],
    [['--sig', DETECT, '--regs', 'rax=1'], {}, /error\[value\/missing-register\].*`rdx`/], // Some(_) needs rdx; None would not
    [['--sig', DETECT, '--regs', 'rax=1,rdx=1', '--mem', '0x10:abc'], {}, /--mem 1:1:6: error\[value\/bad-memory\]/],
    [['--sig', DETECT, '--snapshot', 's.json'], { 's.json': '{"regs": {"rax": "1",}}' }, /s\.json:1:22: error\[value\/bad-snapshot\]: not valid JSON/],
    [['--sig', DETECT, '--snapshot', 's.json'], { 's.json': '{"regs": {"rax": 1.5}}' }, /error\[value\/bad-snapshot\]/],
    [['--sig', DETECT, '--snapshot', 's.json'], { 's.json': '{"regz": {}}' }, /error\[value\/bad-snapshot\]: unknown key `regz`/],
    [['--sig', 'fn f() -> Vec<', '--regs', 'rax=1'], {}, /--sig:1:15: error\[input\/expected\]/],
    [['--sig', 'fn f(x: &u8) -> u8', '--regs', 'rax=1', '--entry-regs', 'rdi=0x1000'], {}, /./],
  ];
  for (const [args, files, re] of cases) {
    const r = await run(args, files);
    if (args.some((a) => a.includes('&u8'))) {
      // A reference whose pointee memory was not given prints `<unread 0x…>`, not an error.
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out, 'x = <unread 0x1000>\n1\n');
      continue;
    }
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.err}`);
    assert.equal(r.out, '', 'no partial output');
    assert.match(r.err, re);
  }
  const u = await run(['--regs', 'rax=1']);
  assert.equal(u.code, 2);
  assert.match(u.err, /give the function with --sig/);
});
