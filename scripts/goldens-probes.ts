/**
 * Regenerates test/golden/probes/expected/ from the emitters (rustabi's printed views; see
 * test/golden/probes/sets.ts for what proves them). Run: `npm run goldens:probes`, then review the diff.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProbes } from '../src/index.js';
import { REPO_ROOT } from '../test/support/corpus.js';
import { GOLDEN_DEFS, GOLDEN_SETS } from '../test/golden/probes/sets.js';

const DIR = join(REPO_ROOT, 'test', 'golden', 'probes', 'expected');
rmSync(DIR, { recursive: true, force: true });
for (const set of GOLDEN_SETS) {
  const r = buildProbes(set.sigs.map((signature) => ({ signature })), set.emit, { target: set.target, defs: [{ name: 'defs.rs', text: GOLDEN_DEFS }] });
  if (!r.ok) throw new Error(`${set.name}: ${r.errors.map((e) => e.message).join('; ')}`);
  mkdirSync(join(DIR, set.name), { recursive: true });
  for (const [file, text] of Object.entries(r.value.files)) writeFileSync(join(DIR, set.name, file.replace(/^rustabi_[0-9a-f]{8}\.c$/, 'module.c')), text);
  console.log(`wrote ${set.name}: ${Object.keys(r.value.files).join(', ')}`);
}
