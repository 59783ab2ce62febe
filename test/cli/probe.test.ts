/**
 * `rustabi probe` and `rustabi decode-trace` over in-memory io: what goes to stdout and to --out, usage
 * errors (exit 2), diagnostics (exit 1, nothing on stdout), symbol lookup through --kallsyms and the
 * blacklist, and decode-trace streaming over tracefs and bpftrace lines. The trace lines here are
 * hand-made in the documented formats; lines from real runs are test/emu/trace.test.ts's and
 * test/kernel/e2e.test.ts's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/run.js';
import { memIo } from '../support/mem-io.js';

const DETECT = 'fn detect_func(x: usize, y: usize, z: Option<usize>) -> Option<usize>';

async function run(args: readonly string[], files: Record<string, string> = {}, stdin = ''): Promise<{ code: number; out: string; err: string; files: Record<string, string> }> {
  const io = memIo(files, stdin);
  const code = await main(args, io);
  return { code, out: io.out, err: io.err, files: io.files };
}

test('probe prints the module C by default, the events or the script with --emit', async () => {
  let r = await run(['probe', DETECT]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^\/\/ SPDX-License-Identifier: GPL-2.0/);
  assert.match(r.out, /\.kp\.symbol_name = "detect_func",/);
  r = await run(['probe', '--emit', 'tracefs', DETECT]);
  assert.equal(r.code, 0);
  assert.match(r.out, /^p:rustabi\/p0_detect_func detect_func e0=%di:x64/m);
  r = await run(['probe', '--emit', 'bpftrace', '--target', 'aarch64-kernel', DETECT]);
  assert.equal(r.code, 0);
  assert.match(r.out, /reg\("r0"\)/);
});

test('probe --out writes the module directory and plan.json', async () => {
  const r = await run(['probe', '--out', 'o', DETECT, 'fn other(a: (u8, u32)) -> Result<u32, u8>']);
  assert.equal(r.code, 0, r.err);
  const names = Object.keys(r.files).sort();
  assert.equal(names.length, 4);
  assert.ok(names.includes('o/Kbuild') && names.includes('o/Makefile') && names.includes('o/plan.json'));
  assert.match(r.files['o/Kbuild'] as string, /^obj-m := rustabi_[0-9a-f]{8}\.o$/m);
  assert.match(r.err, /wrote 4 files to o/);
  assert.equal(r.out, '');
});

test('probe: usage errors exit 2, diagnostics exit 1 and print nothing', async () => {
  for (const args of [['probe'], ['probe', '--emit', 'perf', DETECT], ['probe', '--symbol', 's', DETECT, DETECT], ['probe', '--bogus', DETECT]]) {
    const r = await run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, /usage: rustabi probe/);
  }
  const r = await run(['probe', '--target', 'x86_64', DETECT]);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.match(r.err, /error\[probe\/not-kernel-target\]/);
  const s = await run(['probe', 'fn f(x: Optoin<u8>) -> u8']);
  assert.equal(s.code, 1);
  assert.match(s.err, /<signature 1>:1:/);
  assert.match(s.err, /Option/);
  const t = await run(['probe', '--emit', 'tracefs', '--target', 'aarch64-kernel', 'fn big() -> [u64; 8]']);
  assert.equal(t.code, 1);
  assert.match(t.err, /error\[probe\/needs-stash\]/);
});

test('probe --kallsyms resolves Rust paths to mangled symbols; --blacklist refuses', async () => {
  const files = {
    ks: 'ffffffffc0a01000 t _ZN6kernel4sync4misc11detect_func17h0123456789abcdefE\t[rust_mod]\nffffffff81000000 T vfs_read\n',
    bl: '0xffffffff81000000-0xffffffff81000010\tvfs_read\n',
    'defs.rs': 'pub struct Dev { id: u32 }\nimpl Dev { pub fn id(&self) -> u32 { self.id } }\n',
  };
  let r = await run(['probe', '--emit', 'tracefs', '--kallsyms', 'ks', DETECT], files);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^p:rustabi\/p0_detect_func _ZN6kernel4sync4misc11detect_func17h0123456789abcdefE /m);
  r = await run(['probe', '--kallsyms', 'ks', 'fn detect_fnuc(x: u8) -> u8'], files);
  assert.equal(r.code, 1);
  assert.match(r.err, /error\[symbol\/unknown\][^\n]*detect_fnuc[\s\S]*did you mean: kernel::sync::misc::detect_func/);
  r = await run(['probe', '--kallsyms', 'ks', '--blacklist', 'bl', 'fn vfs_read(x: u8) -> isize'], files);
  assert.equal(r.code, 1);
  assert.match(r.err, /error\[symbol\/blacklisted\]/);
  r = await run(['probe', '--kallsyms', 'nope', DETECT], files);
  assert.equal(r.code, 2);
  r = await run(['probe', '--kallsyms', 'defs.rs', DETECT], files);
  assert.equal(r.code, 2);
  assert.match(r.err, /no `ADDRESS TYPE NAME` lines/);
  r = await run(['probe', '--defs', 'defs.rs', 'Dev::id'], files);
  assert.equal(r.code, 1);
  assert.match(r.err, /probe\/no-symbol/);
  r = await run(['probe', '--defs', 'defs.rs', '--symbol', '_ZN3dev3Dev2id17h0123456789abcdefE', 'Dev::id'], files);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /rustabi: %s\(%s\) = %s \[%llu ns\]\\n", "Dev::id"/);
});

const TRACE = [
  '# tracer: nop',
  '      insmod-77      [000] d..1.    12.000100: p0_detect_func: (detect_func+0x0/0x20) e0=0x1 e1=0x2 e2=0x1 e3=0x3',
  '      insmod-77      [000] d..1.    12.000101: some_other_event: (x+0x0/0x1) a=1',
  '      insmod-77      [000] d..1.    12.000912: p0_detect_func__ret: (caller+0x2c/0x40 <- detect_func) r0=0x1 r1=0x6',
].join('\n') + '\n';

test('decode-trace: tracefs lines from a file or stdin, bpftrace lines, one decoded call per line', async () => {
  const p = await run(['probe', '--emit', 'tracefs', '--out', 'o', DETECT]);
  assert.equal(p.code, 0);
  const files = { ...p.files, trace: TRACE };
  let r = await run(['decode-trace', '--plan', 'o/plan.json', 'trace'], files);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, 'rustabi: detect_func(x=1, y=2, z=Some(3)) = Some(6) [812000 ns]\n');
  r = await run(['decode-trace', '--plan', 'o/plan.json'], files, TRACE);
  assert.equal(r.out, 'rustabi: detect_func(x=1, y=2, z=Some(3)) = Some(6) [812000 ns]\n');
  r = await run(['decode-trace', '--plan', 'o/plan.json'], files, 'rustabi p0_detect_func 77 812 e0=1 e1=2 e2=0 e3=ffff r0=0 r1=5\n');
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, 'rustabi: detect_func(x=1, y=2, z=None) = None [812 ns]\n');
});

test('decode-trace: lines that do not fit the plan are diagnostics, the stream goes on; bad plans', async () => {
  const p = await run(['probe', '--emit', 'tracefs', '--out', 'o', DETECT]);
  const bad = TRACE.replace('e3=0x3', 'e3=0xzz') + TRACE + 'rustabi p9_nope 1 2 e0=1\n';
  let r = await run(['decode-trace', '--plan', 'o/plan.json'], p.files, bad);
  assert.equal(r.code, 1);
  assert.equal(r.out, 'rustabi: detect_func(…) = Some(6)\nrustabi: detect_func(x=1, y=2, z=Some(3)) = Some(6) [812000 ns]\n');
  assert.match(r.err, /error\[probe\/bad-trace\]: <stdin>: line 2: `e3=0xzz`/);
  assert.match(r.err, /line 9: probe `p9_nope` is not in the plan/);
  r = await run(['decode-trace', '--plan', 'o/plan.json', '--max-errors', '1'], p.files, bad);
  assert.match(r.err, /stopped after 1 lines/);
  r = await run(['decode-trace', '--plan', 'missing.json'], p.files);
  assert.equal(r.code, 2);
  r = await run(['decode-trace', '--plan', 'x.json'], { 'x.json': '{\n  "format": "rustabi-probe-plan/1",\n  "target": 7\n}' });
  assert.equal(r.code, 1);
  assert.match(r.err, /error\[probe\/bad-plan\]: x.json: target must be a string/);
  r = await run(['decode-trace'], p.files);
  assert.equal(r.code, 2);
});
