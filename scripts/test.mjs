#!/usr/bin/env node
// The test command: installs what is missing (npm ci), compiles TypeScript once, runs Node's test runner.
// usage: node scripts/test.mjs [all|unit|golden|property|oracle|cli]   (default: all)
// On CI (CI=true) property tests use a fixed seed (RUSTABI_SEED, default 20261123) and rustc must exist.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const suite = process.argv[2] ?? 'all';
const SUITES = { unit: ['build/test/unit'], golden: ['build/test/golden'], property: ['build/test/property'], oracle: ['build/test/oracle'], cli: ['build/test/cli'] };
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

if (!existsSync(join(root, 'node_modules', 'typescript'))) {
  console.log('# installing dependencies (npm ci)');
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) process.exit(1);
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
