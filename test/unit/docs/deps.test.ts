/** The folder import rules of docs/architecture.md, enforced on src/ (same check as `npm run check:deps`). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDeps, folderOf, formatDepsReport, RULES } from '../../../scripts/check-deps.js';
import { REPO_ROOT } from '../../support/corpus.js';

test('src/ follows the import rules of docs/architecture.md and has no import cycles', (t) => {
  const report = checkDeps(REPO_ROOT);
  const { ok, text } = formatDepsReport(report);
  for (const line of text.split('\n')) if (line.startsWith('note:')) t.diagnostic(line);
  assert.ok(report.files > 0 && report.imports > 0, 'no source files found');
  assert.ok(ok, `${text}\n(rules: docs/architecture.md and RULES/EXCEPTIONS in scripts/check-deps.ts; run: npm run check:deps)`);
});

test('every folder of src/ has a rule', () => {
  const report = checkDeps(REPO_ROOT);
  const missing = report.violations.filter((v) => v.includes('has no row'));
  assert.deepEqual(missing, []);
  assert.equal(folderOf('src/index.ts'), 'root');
  assert.equal(folderOf('src/layout/enum.ts'), 'layout');
  assert.deepEqual(RULES.model, []);
});
