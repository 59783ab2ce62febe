#!/usr/bin/env node
// The test command: installs what is missing (npm ci), compiles TypeScript once, runs Node's test runner.
// usage: node scripts/test.mjs [all|unit|golden|property|oracle|cli|emu|kernel]   (default: all)
// On CI (CI=true) property tests use a fixed seed (RUSTABI_SEED, default 20261123) and rustc must exist.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const suite = process.argv[2] ?? 'all';
const SUITES = { unit: ['build/test/unit'], golden: ['build/test/golden'], property: ['build/test/property'], oracle: ['build/test/oracle'], cli: ['build/test/cli'], emu: ['build/test/emu'], kernel: ['build/test/kernel'] };
const dirs = suite === 'all' ? Object.values(SUITES).flat() : SUITES[suite];
if (dirs === undefined) {
  console.error(`unknown suite ${suite}; expected all, ${Object.keys(SUITES).join(', ')}`);
  process.exit(2);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

if (!existsSync(join(root, 'node_modules', 'typescript')) || !existsSync(join(root, 'node_modules', 'koffi'))) {
  console.log('# installing dependencies (npm ci)');
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) process.exit(1);
}
// The emulator tests need Debian's libunicorn2 (loaded through koffi). Install it when missing and we
// are root; if that fails the emulator tests fail on CI (CI=true) and skip visibly elsewhere.
function hasUnicorn() {
  const r = spawnSync('ldconfig', ['-p'], { encoding: 'utf8' });
  if (r.status === 0 && /\blibunicorn\.so\.2\b/.test(r.stdout)) return true;
  return ['/usr/lib/x86_64-linux-gnu', '/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib']
    .some((d) => existsSync(join(d, 'libunicorn.so.2')));
}
if ((suite === 'all' || suite === 'emu') && !hasUnicorn()) {
  if (process.getuid?.() === 0) {
    console.log('# installing libunicorn2 (apt-get)');
    const quiet = { stdio: 'pipe', encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
    // `apt-get update` may report errors (e.g. an unsigned extra list) and still leave usable lists: go on.
    const upd = spawnSync('apt-get', ['update', '-qq'], quiet);
    const inst = spawnSync('apt-get', ['install', '-y', '-qq', 'libunicorn2'], quiet);
    if (inst.status !== 0 || !hasUnicorn()) {
      console.error(`# could not install libunicorn2; the emulator tests will ${process.env.CI === 'true' ? 'FAIL' : 'be skipped'}`);
      console.error(`${upd.stderr ?? ''}${inst.stdout ?? ''}${inst.stderr ?? ''}`.trim().split('\n').slice(-10).join('\n'));
    }
  } else {
    console.error(`# libunicorn2 is missing and we are not root: run \`apt-get install libunicorn2\`; the emulator tests will ${process.env.CI === 'true' ? 'FAIL' : 'be skipped'}`);
  }
}
console.log('# compiling TypeScript');
if (run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']) !== 0) {
  console.error('TypeScript compilation failed');
  process.exit(1);
}
if (run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json']) !== 0) {
  console.error('TypeScript build of dist/ failed');
  process.exit(1);
}
const env = { ...process.env };
if (env.CI === 'true' && env.RUSTABI_SEED === undefined) env.RUSTABI_SEED = '20261123';
const existing = dirs.filter((d) => existsSync(join(root, d)));
process.exit(run(process.execPath, ['--test', '--test-concurrency=2', ...existing], { env }));
