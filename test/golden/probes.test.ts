/**
 * Generated probe text against the committed goldens (test/golden/probes/expected/<set>/<file>): module
 * C, Kbuild, kprobe_events, bpftrace scripts and plan.json for fixed probe sets (probes/sets.ts).
 * These are printed views whose behaviour other tests prove (see sets.ts); after a deliberate change,
 * regenerate with `npm run goldens:probes` and review the diff.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProbes } from '../../src/index.js';
import { REPO_ROOT } from '../support/corpus.js';
import { GOLDEN_DEFS, GOLDEN_SETS } from './probes/sets.js';

const DIR = join(REPO_ROOT, 'test', 'golden', 'probes', 'expected');

for (const set of GOLDEN_SETS) {
  test(`probe golden ${set.name}`, () => {
    const r = buildProbes(set.sigs.map((signature) => ({ signature })), set.emit, { target: set.target, defs: [{ name: 'defs.rs', text: GOLDEN_DEFS }] });
    assert.ok(r.ok, r.ok ? '' : r.errors.map((e) => e.message).join('\n'));
    for (const [file, text] of Object.entries(r.value.files)) {
      const path = join(DIR, set.name, file.replace(/^rustabi_[0-9a-f]{8}\.c$/, 'module.c'));
      assert.ok(existsSync(path), `${path} is missing: run \`npm run goldens:probes\``);
      assert.equal(text, readFileSync(path, 'utf8'), `${set.name}/${file} differs from the golden; after review: npm run goldens:probes`);
    }
  });
}
