/**
 * The kretprobe toolkit in a real kernel (issue 5): Debian's 6.1 kernel under qemu, amd64 and arm64.
 *
 * Rust fixture functions (cases.ts) are compiled for the kernel target and linked into a C module that
 * calls them from a `trigger` parameter. rustabi generates one probe module for all of them and tracefs
 * events for those a return event can read; one kbuild call and one boot per arch. Every line the
 * probe module prints and every call `decode-trace` makes of the captured trace must equal the line
 * the same functions print with std on the host (`{:?}`), never rustabi's own decoder.
 *
 * The same boot checks the module's parameters (loaded with maxactive=16; enabled=0 silences it without
 * unloading, enabled=1 brings it back), that a second probe set's module loads beside the first, and
 * measures the cost of a probe hit with the fixture's own timing.
 *
 * The kernel module prints floats as `f64::from_bits(0x…)` (no floating point in the kernel); those
 * are rewritten with rustabi's float printer, which test/oracle/debug-print.test.ts checks against Rust.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProbes, loadPlan } from '../../src/index.js';
import type { ProbeSpec } from '../../src/index.js';
import { NO_CORE_HEADER, findRustc } from '../../src/testing/oracle.js';
import { PRELUDE_RS } from '../../src/prelude/core-rs.js';
import { FIXTURE_LANG_ITEMS } from '../../src/emu/fixtures.js';
import { debugFloat } from '../../src/value/float.js';
import { FIXTURE_C, KERNEL_DEFS, fnCases, hostProgram, kernelCrate, signature } from './cases.js';
import type { FnCase } from './cases.js';
import { boot, initramfs, kbuild, prepareKernelTools } from './vm.js';
import type { KernelArch } from './vm.js';

const ON_CI = process.env.CI === 'true';
const WANTED = process.env.RUSTABI_KERNEL_E2E;
// Off only when asked (RUSTABI_KERNEL_E2E=0) outside CI, or when the machine cannot (not root, not Debian).
const canRun = process.getuid?.() === 0 && spawnSync('apt-cache', ['--version']).status === 0;
const skip = ON_CI ? false : WANTED === '0' ? 'RUSTABI_KERNEL_E2E=0' : canRun ? false : 'needs root and apt (Debian) to install qemu and the kernel packages';

const cases = fnCases();
/** The function the probe-cost figure calls: the 8-argument one. */
const BENCH_FN = cases.findIndex((c) => c.args.length === 8);
let work = '';
let abi = '';
let expected = new Map<string, string>();

function run(cmd: string, args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.error?.message ?? ''}\n${r.stdout ?? ''}\n${r.stderr ?? ''}`.slice(0, 6000));
  return r.stdout;
}

/** `rustabi: rfx_3(a0=…) = … [812 ns]` → name and the text without the time; null for other lines. */
function callLine(line: string): { name: string; text: string } | null {
  const m = /(rustabi: (rfx_\d+)\(.*\) = .*) \[\d+ ns\]\s*$/.exec(line);
  return m === null ? null : { name: m[2] as string, text: m[1] as string };
}

/** The module's `f32::from_bits(0x…)` / `f64::from_bits(0x…)` as Rust's `{:?}` prints the float. */
function floatsAsRust(text: string): string {
  return text.replace(/\b(f32|f64)::from_bits\(0x([0-9a-f]+)\)/g, (_m, t: string, h: string) => debugFloat(BigInt(`0x${h}`), t === 'f32' ? 'F32' : 'F64'));
}

function kernelTriple(arch: KernelArch): { triple: string; flags: string[] } {
  return arch === 'amd64'
    ? { triple: 'x86_64-unknown-none', flags: ['-C', 'code-model=kernel', '-C', 'relocation-model=static', '-C', 'no-redzone=y'] }
    : { triple: 'aarch64-unknown-none-softfloat', flags: ['-C', 'relocation-model=static', '-Z', 'patchable-function-entry=2'] };
}

interface ArchRun {
  readonly console: string;
  readonly moduleName: string;
  readonly planJson: string | null;
  readonly traced: readonly FnCase[];
}

function prepareArch(arch: KernelArch): ArchRun {
  const dir = join(work, arch);
  mkdirSync(dir, { recursive: true });
  const target = arch === 'amd64' ? 'x86_64-kernel' : 'aarch64-kernel';
  const rustc = findRustc() as string;
  const { triple, flags } = kernelTriple(arch);
  const crate = `${NO_CORE_HEADER}${FIXTURE_LANG_ITEMS}${PRELUDE_RS}\n#[lang = "freeze"] pub unsafe auto trait Freeze {}\n${kernelCrate(cases, arch)}\n`;
  // The source stays out of the kbuild directory: kbuild 6.1 would try to build rfx.o from an rfx.rs.
  const src = join(work, `rfx-${arch}.rs`);
  writeFileSync(src, crate);
  run(rustc, ['--target', triple, ...flags, '-C', 'opt-level=2', '-C', 'panic=abort', '--edition=2021', '-A', 'warnings', '--crate-type=lib', '--emit=obj', '-o', join(dir, 'rfx.o'), src], { env: { ...process.env, RUSTC_BOOTSTRAP: '1' } });
  writeFileSync(join(dir, '.rfx.o.cmd'), `cmd_${join(dir, 'rfx.o')} := true\n`);
  writeFileSync(join(dir, 'main.c'), FIXTURE_C);
  const defs = [{ name: 'defs.rs', text: KERNEL_DEFS }];
  const specs: ProbeSpec[] = cases.map((c) => ({ signature: signature(c) }));
  const kmod = buildProbes(specs, 'kmod', { target, defs });
  assert.ok(kmod.ok, kmod.ok ? '' : JSON.stringify(kmod.errors));
  const name = kmod.value.moduleName as string;
  writeFileSync(join(dir, `${name}.c`), kmod.value.files[`${name}.c`] as string);
  // A second probe set on two of the same functions: its module has another name and loads beside the first.
  const second = buildProbes(cases.slice(1, 3).map((c) => ({ signature: signature(c) })), 'kmod', { target, defs });
  assert.ok(second.ok);
  const name2 = second.value.moduleName as string;
  assert.notEqual(name2, name);
  writeFileSync(join(dir, `${name2}.c`), second.value.files[`${name2}.c`] as string);
  writeFileSync(join(dir, 'Kbuild'), `obj-m := fx.o ${name}.o ${name2}.o\nfx-y := main.o rfx.o\nccflags-y := -Werror\n`);
  kbuild(arch, abi, dir);
  // tracefs: the functions whose return a return event can read (no stash) and whose values are fixed words.
  const plan = kmod.value.plan;
  const traced = cases.filter((c, i) => !(plan.probes[i]?.stash ?? true) && [...c.args, c.ret].every((v) => v.fetchable !== false));
  const tf = buildProbes(traced.map((c) => ({ signature: signature(c) })), 'tracefs', { target, defs });
  assert.ok(tf.ok, tf.ok ? '' : JSON.stringify(tf.errors));
  writeFileSync(join(dir, 'events'), (tf.value.files.kprobe_events as string).split('\n').filter((l) => l !== '' && !l.startsWith('#')).join('\n') + '\n');
  const init = [
    '#!/bin/sh',
    '/bin/busybox --install -s /bin',
    'mount -t proc proc /proc', 'mount -t sysfs sysfs /sys', 'mount -t tracefs tracefs /sys/kernel/tracing',
    'insmod /fx.ko || echo RUSTABI_FAIL insmod fx',
    `insmod /${name}.ko maxactive=16 || echo RUSTABI_FAIL insmod probes`,
    `grep -q '^16$' /sys/module/${name}/parameters/maxactive || echo RUSTABI_FAIL maxactive`,
    'while read -r l; do echo "$l" >> /sys/kernel/tracing/kprobe_events || echo "RUSTABI_FAIL kprobe_events: $l"; done < /events',
    'cat /sys/kernel/tracing/error_log',
    'echo 1 > /sys/kernel/tracing/events/rustabi/enable || echo RUSTABI_FAIL enable',
    `i=0; while [ $i -lt ${cases.length} ]; do echo $i > /sys/module/fx/parameters/trigger; i=$((i+1)); done`,
    'echo 0 > /sys/kernel/tracing/events/rustabi/enable',
    'echo RUSTABI_TRACE_BEGIN; cat /sys/kernel/tracing/trace; echo RUSTABI_TRACE_END',
    "echo RUSTABI_DMESG_BEGIN; dmesg | grep 'rustabi'; echo RUSTABI_DMESG_END",
    'echo > /sys/kernel/tracing/kprobe_events',
    // enabled=0 silences the module without unloading it; enabled=1 brings it back. Then a second module.
    'dmesg -c > /dev/null',
    `echo 0 > /sys/module/${name}/parameters/enabled`,
    'echo 5 > /sys/module/fx/parameters/trigger',
    `echo 1 > /sys/module/${name}/parameters/enabled`,
    'echo 6 > /sys/module/fx/parameters/trigger',
    `insmod /${name2}.ko || echo RUSTABI_FAIL insmod second`,
    'echo 1 > /sys/module/fx/parameters/trigger',
    `rmmod ${name2}`,
    "echo RUSTABI_TOGGLE_BEGIN; dmesg | grep 'rustabi: '; echo RUSTABI_TOGGLE_END",
    `echo ${BENCH_FN} > /sys/module/fx/parameters/bench`,
    `echo 0 > /sys/module/${name}/parameters/enabled`,
    `echo ${BENCH_FN} > /sys/module/fx/parameters/bench`,
    `rmmod ${name}`,
    "echo RUSTABI_BENCH_BEGIN; dmesg | grep -E 'rfx_bench|missed'; echo RUSTABI_BENCH_END",
    // poweroff -f does not wait for the serial console to drain: without the pause the last lines can be lost.
    'echo RUSTABI_INIT_DONE; sync; sleep 2',
    'poweroff -f',
  ].join('\n') + '\n';
  const initrd = initramfs(arch, dir, { 'fx.ko': join(dir, 'fx.ko'), [`${name}.ko`]: join(dir, `${name}.ko`), [`${name2}.ko`]: join(dir, `${name2}.ko`), events: join(dir, 'events') }, init);
  const console = boot(arch, abi, initrd);
  writeFileSync(join(dir, 'console.txt'), console);
  return { console, moduleName: name, planJson: tf.value.files['plan.json'] as string, traced };
}

function section(text: string, name: string): string[] {
  const a = text.indexOf(`${name}_BEGIN`);
  const b = text.indexOf(`${name}_END`, a);
  assert.ok(a >= 0 && b > a, `no ${name} section in the console output:\n${text.slice(-3000)}`);
  return text.slice(a, b).split('\n').slice(1).map((l) => l.replace(/\r$/, ''));
}

describe('kernel end to end: generated kretprobes print Rust values in a real 6.1 kernel', { skip, timeout: 900_000 }, () => {
  before(() => {
    if (!ON_CI && canRun === false) return;
    ({ abi } = prepareKernelTools());
    work = mkdtempSync(join(tmpdir(), 'rustabi-kernel-'));
    const rustc = findRustc();
    assert.ok(rustc !== null, 'rustc is required');
    writeFileSync(join(work, 'host.rs'), hostProgram(cases));
    run(rustc, ['-O', '--edition=2021', '-o', join(work, 'host'), join(work, 'host.rs')]);
    expected = new Map(run(join(work, 'host'), []).split('\n').filter((l) => l !== '').map((l) => [/^rustabi: (rfx_\d+)\(/.exec(l)?.[1] ?? '', l]));
    assert.equal(expected.size, cases.length, 'the host program printed one line per function');
  });
  after(() => { if (work !== '' && process.env.RUSTABI_KEEP_KERNEL_WORK !== '1') rmSync(work, { recursive: true, force: true }); });

  for (const arch of ['amd64', 'arm64'] as const) {
    test(`${arch}: every call printed by the probe module and by decode-trace equals Rust's {:?}`, () => {
      assert.ok(cases.length >= 50, `${cases.length} functions`);
      const r = prepareArch(arch);
      assert.ok(!r.console.includes('RUSTABI_FAIL'), r.console.split('\n').filter((l) => l.includes('RUSTABI_FAIL')).join('\n'));
      // The module's lines.
      const got = new Map<string, string>();
      for (const l of section(r.console, 'RUSTABI_DMESG')) {
        const c = callLine(l);
        if (c !== null && !got.has(c.name)) got.set(c.name, floatsAsRust(c.text));
      }
      const bad: string[] = [];
      for (const c of cases) {
        const want = expected.get(c.name);
        const have = got.get(c.name);
        if (have !== want) bad.push(`${signature(c)}\n    rust:    ${want ?? '(none)'}\n    kprobe:  ${have ?? '(no line)'}`);
      }
      console.log(`# ${arch}: kernel module printed ${got.size} of ${cases.length} calls; ${cases.length - bad.length} equal Rust's {:?}`);
      // decode-trace on the tracefs trace of the same calls.
      const loaded = loadPlan({ name: 'plan.json', text: r.planJson as string });
      assert.ok(loaded.ok, loaded.ok ? '' : JSON.stringify(loaded.errors));
      const traced = new Map<string, string>();
      for (const l of section(r.console, 'RUSTABI_TRACE')) {
        const d = loaded.value.decoder.line(l);
        assert.equal(d.diagnostic, undefined, `decode-trace: ${d.diagnostic?.message ?? ''} in ${l}`);
        const c = d.text === null ? null : callLine(d.text);
        if (c !== null && !traced.has(c.name)) traced.set(c.name, c.text);
      }
      for (const c of r.traced) {
        const want = expected.get(c.name);
        const have = traced.get(c.name);
        if (have !== want) bad.push(`${signature(c)}\n    rust:         ${want ?? '(none)'}\n    decode-trace: ${have ?? '(no line)'}`);
      }
      console.log(`# ${arch}: decode-trace decoded ${traced.size} of ${r.traced.length} traced calls`);
      // enabled=0 → rfx_5 unprinted; enabled=1 → rfx_6 printed; two modules → rfx_1 printed twice.
      const toggled = section(r.console, 'RUSTABI_TOGGLE').flatMap((l) => callLine(l)?.name ?? []);
      assert.deepEqual(toggled.sort(), ['rfx_1', 'rfx_1', 'rfx_6'], `lines after the enable/disable and second-module steps: ${toggled.join(', ')}`);
      const bench = section(r.console, 'RUSTABI_BENCH');
      const ns = bench.flatMap((l) => /rfx_bench: (\d+) ns\/call/.exec(l)?.[1] ?? []);
      const missed = bench.flatMap((l) => /: (\d+) calls missed/.exec(l)?.[1] ?? []).reduce((a, b) => a + Number(b), 0);
      console.log(`# ${arch}: probe cost under TCG (rfx_${BENCH_FN}, mean of 2000 calls): ${ns[0] ?? '?'} ns with the probe printing each call, ${ns[1] ?? '?'} ns with it disabled; nmissed at unload: ${missed}`);
      assert.ok(got.size >= 50 && traced.size >= 20, `too few calls seen: ${got.size} printed, ${traced.size} traced`);
      assert.deepEqual(bad, [], `${bad.length} calls differ from Rust's {:?}:\n${bad.join('\n')}`);
    });
  }
});

