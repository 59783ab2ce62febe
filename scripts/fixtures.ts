/**
 * Builds emulator fixtures into the content-hash cache (.cache/fixtures/) and prints a manifest line per
 * build: rustc version, triple, kind (cdylib ET_DYN / static ET_EXEC), hash, path, exported functions.
 *
 *   node build/scripts/fixtures.js                       # test/emu/fixtures/calls.rs for every emulated target
 *   node build/scripts/fixtures.js --target aarch64 f.rs # one file (after the prelude) for one target
 *
 * Options: --target <short name or triple> (repeatable), --no-prelude, --no-cache.
 * The tests build the same fixtures themselves; this is for inspecting them (llvm-objdump, readelf).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { PRELUDE_RS } from '../src/prelude/core-rs.js';
import { TARGETS, parseTargetId } from '../src/model/target.js';
import type { TargetId } from '../src/model/target.js';
import { buildFixture, parseElf } from '../src/emu/index.js';
import { rustcVersion, findRustc } from '../src/testing/oracle.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFAULT_TARGETS: readonly TargetId[] = ['x86_64', 'aarch64', 'riscv64', 'x86_64-kernel', 'aarch64-kernel', 'riscv64-kernel'];

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { target: { type: 'string', multiple: true }, 'no-prelude': { type: 'boolean' }, 'no-cache': { type: 'boolean' } },
  });
  const rustc = findRustc();
  if (rustc === null) {
    console.error('rustc not found (looked at $RUSTC, PATH and $HOME/.cargo/bin/rustc)');
    return 2;
  }
  const targets: TargetId[] = [];
  for (const t of values.target ?? DEFAULT_TARGETS) {
    const id = parseTargetId(t);
    if (id === undefined || id === 'wasm32') {
      console.error(`unknown or unsupported target ${t}`);
      return 2;
    }
    targets.push(id);
  }
  const files = positionals.length > 0 ? positionals : [join(ROOT, 'test', 'emu', 'fixtures', 'calls.rs')];
  console.log(`# ${await rustcVersion(rustc)}`);
  for (const file of files) {
    const body = readFileSync(file, 'utf8');
    const source = values['no-prelude'] === true ? body : `${PRELUDE_RS}\n${body}`;
    for (const target of targets) {
      const triple = TARGETS[target].triple;
      const fx = await buildFixture({ source, triple, rustc, ...(values['no-cache'] === true ? { cacheDir: null } : {}) });
      const fns = [...parseElf(fx.bytes).symbols.values()].filter((s) => s.type === 2).map((s) => s.name).sort();
      console.log(`${triple}\t${fx.kind}\t${fx.hash}\t${fx.path ?? '(not cached)'}\t${fx.cached ? 'cached' : 'built'}\t${fns.join(' ')}`);
    }
  }
  return 0;
}

process.exitCode = await main();
