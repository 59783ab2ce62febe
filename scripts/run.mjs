#!/usr/bin/env node
// `npm start -- <command> …`: installs and builds on first use, then runs the rustabi CLI.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quiet = { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] };

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

if (!existsSync(join(root, 'node_modules', 'typescript'))) {
  process.stderr.write('rustabi: installing dependencies (npm ci)…\n');
  if (spawnSync('npm', ['ci', '--no-audit', '--no-fund'], quiet).status !== 0) process.exit(1);
}
const main = join(root, 'dist', 'cli', 'main.js');
if (!existsSync(main) || newest(join(root, 'src')) > statSync(main).mtimeMs) {
  process.stderr.write('rustabi: building…\n');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
}
const r = spawnSync(process.execPath, [main, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
