/**
 * The curated corpus against rustc's committed dumps (expected/<triple>.json, written from rustc 1.95 by
 * `npm run goldens:rustc`): every key of the JSON contract must agree, on all four targets.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLayoutSession } from '../../src/query/layout.js';
import { ARCHES, TARGETS } from '../../src/model/target.js';
import type { LayoutErrorJson, LayoutJson } from '../../src/model/layout-json.js';
import { CORPUS_DIR, readCorpus } from '../support/corpus.js';
import { diffLayouts } from '../support/compare.js';

interface Expected {
  readonly rustc: string;
  readonly cases: Readonly<Record<string, { type: string; rustc: LayoutJson | LayoutErrorJson }>>;
}

const { source, cases } = readCorpus();

test('the corpus has at least 150 named cases', () => {
  assert.ok(cases.length >= 150, `only ${cases.length} cases`);
});

for (const arch of ARCHES) {
  const triple = TARGETS[arch].triple;
  test(`corpus layouts equal rustc 1.95's on ${triple}`, () => {
    const expected = JSON.parse(readFileSync(join(CORPUS_DIR, 'expected', `${triple}.json`), 'utf8')) as Expected;
    const s = createLayoutSession({ target: arch, defs: [{ name: 'corpus.rs', text: source }] });
    assert.ok(s.ok, 'corpus.rs must parse');
    const failures: string[] = [];
    let compared = 0;
    for (const c of cases) {
      const exp = expected.cases[c.name];
      if (exp === undefined) { failures.push(`${c.name}: no rustc dump committed (run npm run goldens:rustc)`); continue; }
      const ours = s.value.layoutOfTypeJson(c.type);
      const diff = diffLayouts(ours, exp.rustc);
      compared++;
      if (diff.length > 0) failures.push(`${c.name} (corpus.rs:${c.line}: ${c.type}):\n    ${diff.join('\n    ')}`);
    }
    assert.equal(compared, cases.length);
    assert.deepEqual(failures, [], `${failures.length}/${cases.length} cases disagree with rustc (${expected.rustc}):\n${failures.join('\n')}`);
  });
}
