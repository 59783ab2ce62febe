/**
 * Generated probes over random signatures are accepted by the real tools: the kernel module builds
 * with -Werror against Debian's 6.1 headers for x86_64 and arm64 (one kbuild call each), and Debian's
 * bpftrace parses and type-checks the x86_64 script (`bpftrace -d`, no attach). Types come from the
 * value generator (Option/Result nesting, tuples, arrays, references, floats, chars, user structs and
 * enums with niches and explicit discriminants), so the C printers meet every shape it makes.
 *
 * Seed: RUSTABI_SEED; functions: RUSTABI_BUILD_FNS (default 150).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildProbes, createLayoutSession } from '../../src/index.js';
import type { ProbeSpec } from '../../src/index.js';
import { caseArb } from '../unit/value/debug-cases.js';
import { countFromEnv, seedFromEnv } from '../support/env.js';
import { KERNEL_DEFS } from './cases.js';
import { kbuild, prepareKernelTools } from './vm.js';

const SEED = seedFromEnv();
const COUNT = countFromEnv('RUSTABI_BUILD_FNS', 150);
const ON_CI = process.env.CI === 'true';
const canRun = process.getuid?.() === 0 && spawnSync('apt-cache', ['--version']).status === 0;
const skip = ON_CI ? false : process.env.RUSTABI_KERNEL_E2E === '0' ? 'RUSTABI_KERNEL_E2E=0' : canRun ? false : 'needs root and apt (Debian) for the kernel headers and bpftrace';

function randomSpecs(target: string): ProbeSpec[] {
  const s = createLayoutSession({ target, defs: [{ name: 'defs.rs', text: KERNEL_DEFS }] });
  assert.ok(s.ok);
  const types = fc.sample(caseArb(), { seed: SEED + 11, numRuns: COUNT * 3 }).map((c) => c.type.replace(/&(?!')/g, "&'static "))
    .filter((t) => { const l = s.value.layoutOfType(t); return l.ok && !l.value.layout.uninhabited; });
  const specs: ProbeSpec[] = [];
  for (let i = 0; specs.length < COUNT && i + 2 < types.length; i += 3) {
    specs.push({ signature: `fn rnd_${specs.length}(a: ${types[i] as string}, b: ${types[i + 1] as string}) -> ${types[i + 2] as string}` });
  }
  return specs;
}

describe('generated probes build with the real tools', { skip, timeout: 600_000 }, () => {
  test('kernel modules for random signatures build with -Werror (x86_64, arm64) and bpftrace -d accepts the script', () => {
    const { abi } = prepareKernelTools();
    const work = mkdtempSync(join(tmpdir(), 'rustabi-build-'));
    try {
      for (const [arch, target] of [['amd64', 'x86_64-kernel'], ['arm64', 'aarch64-kernel']] as const) {
        const specs = randomSpecs(target);
        const r = buildProbes(specs, 'kmod', { target, defs: [{ name: 'defs.rs', text: KERNEL_DEFS }] });
        assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors.slice(0, 3)));
        const dir = join(work, arch);
        mkdirSync(dir);
        for (const [name, text] of Object.entries(r.value.files)) writeFileSync(join(dir, name), text);
        kbuild(arch, abi, dir);
        const c = r.value.files[r.value.main] as string;
        console.log(`# ${arch}: ${specs.length} probes, ${c.split('\n').length} lines of C, ${(c.match(/^static void pr_\d+\(/gm) ?? []).length} printers: built with -Werror`);
      }
      // Plus a legacy-mangled symbol: its `$` escapes need a quoted attach point.
      const specs = [...randomSpecs('x86_64-kernel'), { signature: 'fn mangled(x: u8) -> Option<u8>', symbol: '_ZN4core3ptr13drop_in_place$LT$u8$GT$17h0123456789abcdefE' }];
      const bt = buildProbes(specs, 'bpftrace', { target: 'x86_64-kernel', defs: [{ name: 'defs.rs', text: KERNEL_DEFS }] });
      assert.ok(bt.ok);
      const script = join(work, 'rustabi.bt');
      writeFileSync(script, bt.value.files['rustabi.bt'] as string);
      const d = spawnSync('bpftrace', ['-d', script], { encoding: 'utf8', maxBuffer: 256 << 20, timeout: 300_000 });
      assert.equal(d.status, 0, `bpftrace -d rejected the script:\n${(d.stderr ?? '').slice(-3000)}`);
      console.log(`# bpftrace -d accepted ${specs.length} kprobe/kretprobe pairs`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
