/**
 * Probe plans, their emitters and plan.json validation: the plumbing between a register map and the
 * probe text. Whether the registers are right is the register map's (test/emu) and the kernel's
 * (test/kernel) business; here: which fetches a plan makes, what each emitter refuses, and that a
 * plan read back is the plan written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildProbes, planProbes, loadPlan } from '../../../src/index.js';
import { validatePlan } from '../../../src/kretprobe/plan-json.js';
import { emitTracefs } from '../../../src/kretprobe/tracefs.js';
import { renderDiagnostic } from '../../../src/diagnostics/render.js';

const DETECT = 'fn detect_func(x: usize, y: usize, z: Option<usize>) -> Option<usize>';

test('x86_64-kernel: detect_func reads rdi, rsi, rdx, rcx at entry and rax, rdx at return', () => {
  const p = planProbes([{ signature: DETECT }]);
  assert.ok(p.ok);
  const fn = p.value.probes[0];
  assert.ok(fn !== undefined);
  assert.equal(fn.symbol, 'detect_func');
  assert.deepEqual(fn.fetches.map((f) => `${f.id}:${f.src.kind === 'reg' ? f.src.reg : ''}`), ['e0:rdi', 'e1:rsi', 'e2:rdx', 'e3:rcx', 'r0:rax', 'r1:rdx']);
  const t = emitTracefs(p.value);
  assert.ok(t.ok);
  assert.match(t.value, /^p:rustabi\/p0_detect_func detect_func e0=%di:x64 e1=%si:x64 e2=%dx:x64 e3=%cx:x64$/m);
  assert.match(t.value, /^r:rustabi\/p0_detect_func__ret detect_func r0=%ax:x64 r1=%dx:x64$/m);
});

test('a reference argument fetches its pointee; stack arguments read behind sp', () => {
  const p = planProbes([{ signature: 'fn f(a: u64, b: u64, c: u64, d: u64, e: u64, g: u64, h: &(u8, u32)) -> u8' }]);
  assert.ok(p.ok);
  const fs = p.value.probes[0]?.fetches ?? [];
  const sp = fs.find((f) => f.src.kind === 'reg' && f.src.reg === 'rsp');
  assert.ok(sp !== undefined, 'sp is fetched for the stack argument');
  const slot = fs.find((f) => f.src.kind === 'mem' && f.src.base === sp.id && f.src.offset === 8);
  assert.ok(slot !== undefined, 'the 7th argument is 8 bytes above sp at entry');
  assert.ok(fs.some((f) => f.src.kind === 'mem' && f.src.base === slot.id), 'its pointee is read behind it');
  const t = emitTracefs(p.value);
  assert.ok(t.ok);
  assert.match(t.value, /=\+8\(%sp\):x64/);
  assert.match(t.value, /=\+0\(\+8\(%sp\)\):x64/);
});

test('aarch64: a hidden-pointer return needs the x8 stash: kmod and bpftrace keep it, tracefs refuses', () => {
  const sig = 'fn big() -> [u64; 5]';
  const plan = planProbes([{ signature: sig }], { target: 'aarch64-kernel' });
  assert.ok(plan.ok);
  assert.equal(plan.value.probes[0]?.stash, true);
  const t = buildProbes([{ signature: sig }], 'tracefs', { target: 'aarch64-kernel' });
  assert.ok(!t.ok);
  assert.equal(t.errors[0]?.code, 'probe/needs-stash');
  assert.match(renderDiagnostic(t.errors[0] as never), /--emit kmod/);
  const b = buildProbes([{ signature: sig }], 'bpftrace', { target: 'aarch64-kernel' });
  assert.ok(b.ok);
  assert.match(b.value.files['rustabi.bt'] as string, /@p0_big__e0\[tid\] = reg\("r8"\);/);
  assert.match(b.value.files['rustabi.bt'] as string, /\*\(uint64 \*\)\(@p0_big__e0\[tid\] \+ 32\)/);
  const k = buildProbes([{ signature: sig }], 'kmod', { target: 'aarch64-kernel' });
  assert.ok(k.ok);
  assert.match(k.value.files[k.value.main] as string, /d->sret = regs->regs\[8\];/);
  // x86_64 echoes the pointer in rax: no stash, tracefs reads behind %ax.
  const x = buildProbes([{ signature: sig }], 'tracefs');
  assert.ok(x.ok);
  assert.match(x.value.files.kprobe_events as string, /r5=\+32\(%ax\):x64/);
});

test('values that cannot be captured are left out with a warning, the rest is still probed', () => {
  const p = planProbes([{ signature: 'fn f(big: [u64; 40], x: u8) -> [u8; 300]' }]);
  assert.ok(p.ok);
  const fn = p.value.probes[0];
  assert.equal(fn?.args[0]?.captured, false);
  assert.equal(fn?.args[1]?.captured, true);
  assert.equal(fn?.ret.captured, false);
  assert.deepEqual(p.warnings.map((w) => w.code), ['probe/uncapturable', 'probe/uncapturable']);
});

test('bad requests: a user-space target, an anonymous fn type, a bad symbol, a symbol twice', () => {
  const cases: [Parameters<typeof planProbes>, string][] = [
    [[[{ signature: DETECT }], { target: 'x86_64' }], 'probe/not-kernel-target'],
    [[[{ signature: 'fn(u8) -> u8' }]], 'probe/no-symbol'],
    [[[{ signature: DETECT, symbol: 'a b' }]], 'probe/no-symbol'],
    [[[{ signature: DETECT }, { signature: DETECT }]], 'probe/duplicate-symbol'],
    [[[{ signature: 'fn f(x: Nope) -> u8' }]], 'layout/unknown-by-value'],
    [[[]], 'probe/no-symbol'],
  ];
  for (const [args, code] of cases) {
    const r = planProbes(...args);
    assert.ok(!r.ok, JSON.stringify(args));
    assert.equal(r.errors[0]?.code, code, JSON.stringify(args));
  }
});

test('plan.json round-trips; bad plans are diagnostics with a place', () => {
  const p = planProbes([{ signature: DETECT }, { signature: 'fn g(s: &str, b: Option<&u32>) -> (u8, char)' }], { target: 'riscv64-kernel' });
  assert.ok(p.ok);
  const text = JSON.stringify(p.value, null, 2);
  const back = validatePlan({ name: 'plan.json', text });
  assert.ok(back.ok);
  assert.deepEqual(back.value, p.value);
  assert.ok(loadPlan({ name: 'plan.json', text }).ok);
  const bad: [string, RegExp][] = [
    ['{"format": ', /not valid JSON/],
    ['[]', /must be an object/],
    [text.replace('rustabi-probe-plan/1', 'x'), /format must be/],
    [text.replace('"riscv64-kernel"', '"riscv64"'), /not a kernel target/],
    [text.replace('"reg": "a0"', '"reg": "rax"'), /not a pt_regs register of riscv64/],
    [text.replace('"size": 8', '"size": 3'), /size must be 1, 2, 4 or 8/],
    [text.replace('"id": "p1_g"', '"id": "p0_detect_func"'), /used twice/],
    [text.replace('"symbol": "g"', '"symbol": "g\\"); evil();"'), /is not valid here/],
  ];
  for (const [t, re] of bad) {
    const r = validatePlan({ name: 'plan.json', text: t });
    assert.ok(!r.ok, t.slice(0, 40));
    assert.equal(r.errors[0]?.code, 'probe/bad-plan');
    assert.match(r.errors[0]?.message ?? '', re);
  }
  const syntax = validatePlan({ name: 'plan.json', text: '{\n  "format": x\n}' });
  assert.ok(!syntax.ok);
  assert.match(renderDiagnostic(syntax.errors[0] as never), /plan\.json:2:13/);
});

test('module names differ per probe set; C strings are escaped', () => {
  const a = buildProbes([{ signature: DETECT }], 'kmod');
  const b = buildProbes([{ signature: 'fn other(x: u8) -> u8' }], 'kmod');
  assert.ok(a.ok && b.ok);
  assert.notEqual(a.value.moduleName, b.value.moduleName);
  assert.match(a.value.moduleName ?? '', /^rustabi_[0-9a-f]{8}$/);
  const c = buildProbes([{ signature: 'fn f(x: u8) -> u8', path: 'kernel::a"b%s\\c??=' }], 'kmod');
  assert.ok(c.ok);
  assert.match(c.value.files[c.value.main] as string, /"kernel::a\\"b\\045s\\\\c\\\?\\\?="/);
});

test('bpftrace quotes mangled symbols with `$` in their attach points', () => {
  const sym = '_ZN4core3ptr13drop_in_place$LT$u8$GT$17h0123456789abcdefE';
  const r = buildProbes([{ signature: 'fn f(x: u8) -> u8', symbol: sym }], 'bpftrace');
  assert.ok(r.ok);
  assert.match(r.value.files['rustabi.bt'] as string, new RegExp(`^kprobe:"${sym.replace(/\$/g, '\\$')}"$`, 'm'));
  const plain = buildProbes([{ signature: 'fn f(x: u8) -> u8', symbol: 'f.llvm.12' }], 'bpftrace');
  assert.ok(plain.ok);
  assert.match(plain.value.files['rustabi.bt'] as string, /^kprobe:f\.llvm\.12$/m);
});
