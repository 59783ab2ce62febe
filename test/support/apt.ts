/**
 * Debian packages a test needs (qemu, kernel headers, bpftrace, …): installed on demand when running as
 * root, one apt-get at a time (several test files may ask at once), else a clear error. Tests call this
 * instead of skipping, so a fresh CI machine installs what it needs and a missing tool fails loudly.
 */
import { spawnSync } from 'node:child_process';

/** Packages (names as apt-get takes them) whose `dpkg -s` status is not "installed". */
export function missingPackages(pkgs: readonly string[]): string[] {
  return pkgs.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

/**
 * Installs the missing ones with `apt-get install -y` under `flock /tmp/rustabi-apt.lock` (running
 * `apt-get update` once first if the install fails). Throws with apt's output when that is impossible.
 */
export function ensurePackages(pkgs: readonly string[]): void {
  const missing = missingPackages(pkgs);
  if (missing.length === 0) return;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(`missing Debian packages ${missing.join(', ')}: install them (apt-get install -y ${missing.join(' ')}) or run the tests as root`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = (): ReturnType<typeof spawnSync> =>
    spawnSync('flock', ['/tmp/rustabi-apt.lock', 'apt-get', 'install', '-y', '-q', '--no-install-recommends', ...missing], { encoding: 'utf8', env });
  let r = install();
  if (r.status !== 0) {
    spawnSync('flock', ['/tmp/rustabi-apt.lock', 'apt-get', 'update', '-q'], { encoding: 'utf8', env });
    r = install();
  }
  if (r.status !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed:\n${String(r.stdout)}\n${String(r.stderr)}`);
}
