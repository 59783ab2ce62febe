/**
 * Regenerates test/golden/layout/expected/<triple>.json from rustc 1.95's own `#[rustc_layout(debug)]`
 * dumps of the curated corpus (test/golden/layout/corpus.rs). rustabi only translates type names
 * (e.g. `kernel::error::Error` → the prelude item `Error`) so rustc can compile them; the expected
 * values are rustc's. Run: `npm run goldens:rustc`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLayoutSession } from '../src/query/layout.js';
import { PRELUDE_RS } from '../src/prelude/core-rs.js';
import { rustTypeText } from '../src/testing/rust-text.js';
import { TARGETS, ARCHES } from '../src/model/target.js';
import { rustcLayouts, rustcVersion } from '../src/testing/oracle.js';
import { CORPUS_DIR, readCorpus } from '../test/support/corpus.js';

export function rustcTypeText(source: string, target: string, type: string): string {
  const s = createLayoutSession({ target, defs: [{ name: 'corpus.rs', text: source }] });
  if (!s.ok) return type;
  const parsed = s.value.layoutOfType(type);
  return parsed.ok ? rustTypeText(parsed.value.ty) : type;
}

async function main(): Promise<void> {
  const { source, cases } = readCorpus();
  const version = await rustcVersion();
  const dir = join(CORPUS_DIR, 'expected');
  mkdirSync(dir, { recursive: true });
  for (const arch of ARCHES) {
    const triple = TARGETS[arch].triple;
    const rustcTypes = cases.map((c) => rustcTypeText(source, arch, c.type));
    const results = await rustcLayouts({ triple, defs: PRELUDE_RS + '\n' + source, types: rustcTypes, cacheDir: null });
    const out: Record<string, unknown> = {};
    cases.forEach((c, i) => { out[c.name] = { type: c.type, rustcType: rustcTypes[i], rustc: results[i] }; });
    const file = join(dir, `${triple}.json`);
    writeFileSync(file, JSON.stringify({ rustc: version, target: triple, generatedBy: 'npm run goldens:rustc', cases: out }, null, 1) + '\n');
    console.log(`wrote ${file} (${cases.length} cases)`);
  }
}

await main();
