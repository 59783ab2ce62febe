/** The CLI over in-memory io (and one smoke test of the real binary). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { main } from '../../src/cli/run.js';
import { memIo } from '../support/mem-io.js';
import { REPO_ROOT } from '../support/corpus.js';


test('layout prints a byte map and exits 0', async () => {
  const io = memIo();
  assert.equal(await main(['layout', '--target', 'aarch64', 'Option<usize>'], io), 0);
  assert.match(io.out, /Option<usize> {2}\(aarch64-unknown-linux-gnu\)/);
  assert.match(io.out, /size 16, align 8, ScalarPair\(u64 \[0\.\.=1\], u64 \(may be uninit\)\)/);
  assert.equal(io.err, '');
});

test('--json prints one array in order, with an error slot for a bad type, exit 1', async () => {
  const io = memIo();
  assert.equal(await main(['layout', '--json', 'u8', 'Vec<', 'bool'], io), 1);
  const out = JSON.parse(io.out) as { type: string; error?: { code: string } }[];
  assert.deepEqual(out.map((o) => o.type), ['u8', 'Vec<', 'bool']);
  assert.equal(out[1]?.error?.code, 'input/expected');
  assert.match(io.err, /<type 2>:1:5: error\[input\/expected\]/);
});

test('--defs and --types-file read files; diagnostics point at file:line:col with a caret', async () => {
  const io = memIo({ 'd.rs': 'pub struct A { x: u8,\n  y: Strng }\n', 'types.txt': '// comment\n\nA\n(u8, u32)\n' });
  assert.equal(await main(['layout', '--defs', 'd.rs', '--types-file', 'types.txt'], io), 1);
  assert.match(io.err, /^d\.rs:2:6: error\[layout\/unknown-by-value\]: cannot find type `Strng`/m);
  assert.match(io.err, /2 \| {3}y: Strng }\n {2}\| {6}\^{5}/);
  assert.match(io.err, /help: a type with a similar name exists: `String`/);
  assert.match(io.out, /\(u8, u32\)/);
});

test('a types-file diagnostic names the file and its real line', async () => {
  const io = memIo({ 't.txt': 'u8\n\nOptoin<u8>\n' });
  assert.equal(await main(['layout', '--types-file', 't.txt'], io), 1);
  assert.match(io.err, /^t\.txt:3:1: error\[input\/unknown-type\]/m);
});

test('usage errors exit 2: no type, unknown flag, unknown target, missing file', async () => {
  for (const argv of [['layout'], ['layout', '--bogus', 'u8'], ['layout', '--target', 'sparc', 'u8'], ['layout', '--defs', 'nope.rs', 'u8'], ['frobnicate']]) {
    const io = memIo();
    assert.equal(await main(argv, io), 2, argv.join(' '));
    assert.notEqual(io.err, '');
    assert.doesNotMatch(io.err, /at .*\.js:\d+/, 'no stack trace');
  }
});

test('real .rs files: impl blocks, fns and macros are skipped with one summary note', async () => {
  const src = `use kernel::prelude::*;\nmodule! { type: M, name: "m" }\n/// doc\n#[repr(C)]\npub struct Dev { id: u32, flags: u8 }\nimpl Dev { pub fn new() -> Self { Dev { id: 0, flags: 0 } } }\nfn helper(x: u8) -> u8 { x }\n`;
  const io = memIo({ 'drv.rs': src });
  assert.equal(await main(['layout', '--defs', 'drv.rs', 'Dev', 'Result<Dev>'], io), 0);
  assert.match(io.err, /^note: drv\.rs: skipped \d+ items/m);
  assert.match(io.out, /Dev {2}\(x86_64-unknown-linux-gnu\)\n {2}size 8, align 4, ScalarPair\(u32, u8\)/);
});

test('smoke: the built binary runs', () => {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli', 'main.js'), 'layout', '--json', 'Option<&u8>'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { size: number; variants: { encoding: string } }[];
  assert.equal(j[0]?.size, 8);
  assert.equal(j[0]?.variants.encoding, 'niche');
});

test('abi explains registers like an expert note, and warns when the return needs an entry stash', async () => {
  const io = memIo();
  assert.equal(await main(['abi', '--target', 'aarch64', 'fn detect_func(x: usize, y: usize, z: Option<usize>) -> Option<usize>', 'fn f() -> Result<usize, kernel::error::Error>'], io), 0);
  assert.match(io.out, /x2 = tag: 0 None, 1 Some \[pt_regs regs\[2\]\]/);
  assert.match(io.out, /x1 = payload Some\.0: usize \[pt_regs regs\[1\]\]/);
  assert.match(io.out, /warning: at return the buffer address is in no register; a kretprobe must stash x8/);
});

test('abi --json follows the contract; a bad signature gets an error slot and exit 1', async () => {
  const io = memIo({ 'drv.rs': 'pub struct Dev { id: u32 }\nimpl Dev { pub fn get(&self, i: usize) -> Option<&u32> { None } }\n' });
  assert.equal(await main(['abi', '--json', '--defs', 'drv.rs', 'Dev::get', 'fn g(x: u8', 'Dev::nope'], io), 1);
  const out = JSON.parse(io.out) as { signature: string; conv?: string; args?: { name: string; mode: string; pieces: { loc: { reg: string }; ptRegs: string; fetcharg: string }[] }[]; error?: { code: string } }[];
  assert.equal(out.length, 3);
  assert.equal(out[0]?.conv, 'rust');
  assert.deepEqual(out[0]?.args?.map((a) => [a.name, a.mode, a.pieces.map((p) => `${p.loc.reg}/${p.ptRegs}/${p.fetcharg}`).join()]), [['self', 'direct', 'rdi/di/%di'], ['i', 'direct', 'rsi/si/%si']]);
  assert.equal(out[1]?.error?.code, 'input/expected');
  assert.equal(out[2]?.error?.code, 'regmap/unknown-fn');
});

test('const items size arrays; alias cycles are diagnosed', async () => {
  const io = memIo({ 'c.rs': 'pub const N: usize = 4;\nconst M: usize = N * 2 + 1;\npub struct A([u8; N], [u16; M]);\npub type X = Y;\npub type Y = (u8, X);\n' });
  assert.equal(await main(['layout', '--json', '--defs', 'c.rs', 'A', 'X'], io), 1);
  const out = JSON.parse(io.out) as { size?: number; error?: { code: string } }[];
  assert.equal(out[0]?.size, 22);
  assert.equal(out[1]?.error?.code, 'layout/recursive-type');
});

test('abi instantiates a generic fn from the definitions with turbofish types', async () => {
  const io = memIo({ 'g.rs': 'pub fn get<T>(x: Option<T>, n: usize) -> Option<T> { x }\n' });
  assert.equal(await main(['abi', '--json', '--defs', 'g.rs', 'get::<u32>', 'get'], io), 1);
  const out = JSON.parse(io.out) as { args?: { type: string; mode: string }[]; error?: { code: string } }[];
  assert.deepEqual(out[0]?.args?.map((a) => `${a.type}:${a.mode}`), ['Option<u32>:pair', 'usize:direct']);
  assert.equal(out[1]?.error?.code, 'regmap/generic-fn');
});
