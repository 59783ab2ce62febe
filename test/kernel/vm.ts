/**
 * A Debian 6.1 kernel under qemu (TCG) for the kernel end-to-end test (reference/toolchain.md §4):
 * installs qemu, the amd64 headers and the arm64 cross compiler; downloads the kernel images, busybox
 * and the arm64 headers as Debian packages (versions resolved at run time from `linux-image-amd64`),
 * builds modules with kbuild, packs an initramfs (static busybox + files + /init) and boots it once.
 * Downloads are cached under .cache/kernel; nothing here is committed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, chmodSync, copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensurePackages } from '../support/apt.js';

export type KernelArch = 'amd64' | 'arm64';

export const CACHE = resolve('.cache/kernel');

function sh(cmd: string, args: readonly string[], opts: { cwd?: string; input?: Buffer | string; env?: NodeJS.ProcessEnv; timeout?: number } = {}): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.error !== undefined) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${(r.stdout ?? '').slice(-3000)}\n${(r.stderr ?? '').slice(-3000)}`);
  return r.stdout;
}

/** The running Debian's kernel ABI (`6.1.0-57`), from the `linux-image-amd64` metapackage. */
export function kernelAbi(): string {
  const out = sh('apt-cache', ['depends', 'linux-image-amd64']);
  const m = /linux-image-(\d+\.\d+\.\d+-\d+)-amd64/.exec(out);
  if (m === null) throw new Error(`cannot resolve the kernel version from apt-cache depends linux-image-amd64:\n${out}`);
  return m[1] as string;
}

function hasArm64(): boolean {
  return sh('dpkg', ['--print-foreign-architectures']).split('\n').includes('arm64');
}

/** Runs `fn` holding a lock directory (several test files prepare the same cache at once). */
function withLock<T>(dir: string, fn: () => T): T {
  const wait = new Int32Array(new SharedArrayBuffer(4));
  const until = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(dir);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (Date.now() - statSync(dir).mtimeMs > 20 * 60_000) { rmSync(dir, { recursive: true, force: true }); continue; } // left by a killed run
      if (Date.now() > until) throw new Error(`timed out waiting for ${dir}`);
      Atomics.wait(wait, 0, 0, 250);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Host packages, the arm64 dpkg architecture, and the downloaded debs unpacked under CACHE. */
export function prepareKernelTools(): { abi: string } {
  mkdirSync(CACHE, { recursive: true });
  return withLock(join(CACHE, '.lock'), prepareUnlocked);
}

function prepareUnlocked(): { abi: string } {
  ensurePackages(['qemu-system-x86', 'qemu-system-arm', 'linux-headers-amd64', 'gcc-aarch64-linux-gnu', 'bpftrace']);
  const abi = kernelAbi();
  mkdirSync(CACHE, { recursive: true });
  const want: [string, string][] = [
    [`linux-image-${abi}-amd64`, 'amd64'], ['busybox-static', 'amd64'],
    [`linux-image-${abi}-arm64:arm64`, 'arm64'], ['busybox-static:arm64', 'arm64'], [`linux-headers-${abi}-arm64:arm64`, 'arm64'],
  ];
  const stamp = join(CACHE, `unpacked-${abi}`);
  if (existsSync(stamp)) return { abi };
  if (!hasArm64()) {
    sh('flock', ['/tmp/rustabi-apt.lock', 'dpkg', '--add-architecture', 'arm64']);
    spawnSync('flock', ['/tmp/rustabi-apt.lock', 'apt-get', 'update', '-qq'], { encoding: 'utf8' });
  }
  const debs = join(CACHE, 'debs');
  rmSync(debs, { recursive: true, force: true });
  mkdirSync(debs, { recursive: true });
  chmodSync(debs, 0o777);
  let out = spawnSync('apt-get', ['download', ...want.map((w) => w[0])], { cwd: debs, encoding: 'utf8' });
  if (out.status !== 0) {
    spawnSync('flock', ['/tmp/rustabi-apt.lock', 'apt-get', 'update', '-qq'], { encoding: 'utf8' });
    out = spawnSync('apt-get', ['download', ...want.map((w) => w[0])], { cwd: debs, encoding: 'utf8' });
  }
  if (out.status !== 0) throw new Error(`apt-get download failed:\n${out.stdout}\n${out.stderr}`);
  for (const arch of ['amd64', 'arm64'] as const) {
    const root = join(CACHE, arch);
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    for (const f of readdirSync(debs).filter((f) => f.endsWith(`_${arch}.deb`))) sh('dpkg-deb', ['-x', join(debs, f), root]);
  }
  // The arm64 headers use the host's kbuild scripts and tools (toolchain.md §4).
  const hdr = join(CACHE, 'arm64', 'usr', 'src', `linux-headers-${abi}-arm64`);
  for (const l of ['scripts', 'tools']) {
    rmSync(join(hdr, l), { recursive: true, force: true });
    symlinkSync(`/usr/lib/linux-kbuild-${abi.split('-')[0]?.split('.').slice(0, 2).join('.') ?? '6.1'}/${l}`, join(hdr, l));
  }
  rmSync(debs, { recursive: true, force: true });
  writeFileSync(stamp, abi);
  return { abi };
}

export function headersDir(arch: KernelArch, abi: string): string {
  return arch === 'amd64' ? `/usr/src/linux-headers-${abi}-amd64` : join(CACHE, 'arm64', 'usr', 'src', `linux-headers-${abi}-arm64`);
}

/** `make modules` in `dir` for `arch` (one kbuild call builds every module of the directory). */
export function kbuild(arch: KernelArch, abi: string, dir: string): string {
  const args = arch === 'amd64' ? [] : ['ARCH=arm64', 'CROSS_COMPILE=aarch64-linux-gnu-'];
  return sh('make', [...args, '-C', headersDir(arch, abi), `M=${dir}`, 'modules'], { timeout: 300_000 });
}

/** Packs static busybox, `files` (name → host path) and `/init` into a gzip'd newc initramfs. */
export function initramfs(arch: KernelArch, work: string, files: Readonly<Record<string, string>>, init: string): string {
  const root = join(work, 'root');
  rmSync(root, { recursive: true, force: true });
  for (const d of ['bin', 'proc', 'sys', 'dev', 'tmp']) mkdirSync(join(root, d), { recursive: true });
  const busybox = join(CACHE, arch, 'bin', 'busybox');
  copyFileSync(busybox, join(root, 'bin', 'busybox'));
  chmodSync(join(root, 'bin', 'busybox'), 0o755);
  symlinkSync('busybox', join(root, 'bin', 'sh'));
  for (const [name, from] of Object.entries(files)) copyFileSync(from, join(root, name));
  writeFileSync(join(root, 'init'), init);
  chmodSync(join(root, 'init'), 0o755);
  const list = sh('find', ['.'], { cwd: root });
  // The host has no cpio: the amd64 busybox packs it (it runs here whatever the guest arch).
  const cpio = spawnSync(join(CACHE, 'amd64', 'bin', 'busybox'), ['cpio', '-o', '-H', 'newc'], { cwd: root, input: list, maxBuffer: 256 << 20 });
  if (cpio.status !== 0) throw new Error(`busybox cpio failed: ${String(cpio.stderr)}`);
  const gz = spawnSync('gzip', ['-1'], { input: cpio.stdout, maxBuffer: 256 << 20 });
  if (gz.status !== 0) throw new Error('gzip failed');
  const out = join(work, 'initrd.gz');
  writeFileSync(out, gz.stdout);
  return out;
}

/** Boots the kernel with the initramfs; returns the serial console output. */
export function boot(arch: KernelArch, abi: string, initrd: string, timeoutMs = 240_000): string {
  const kernel = join(CACHE, arch, 'boot', `vmlinuz-${abi}-${arch}`);
  const r = arch === 'amd64'
    ? spawnSync('qemu-system-x86_64', ['-accel', 'tcg', '-smp', '1', '-m', '512', '-nographic', '-no-reboot', '-kernel', kernel, '-initrd', initrd,
      '-append', 'console=ttyS0 quiet panic=-1 oops=panic'], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 })
    : spawnSync('qemu-system-aarch64', ['-M', 'virt', '-cpu', 'cortex-a57', '-smp', '1', '-m', '1024', '-nographic', '-no-reboot', '-kernel', kernel,
      '-initrd', initrd, '-append', 'console=ttyAMA0 quiet panic=-1 oops=panic'], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 });
  if (r.error !== undefined) throw new Error(`qemu (${arch}): ${r.error.message}\n${(r.stdout ?? '').slice(-4000)}`);
  return r.stdout;
}
