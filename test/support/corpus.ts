/** Reads the curated layout corpus: `//@ NAME: TYPE` lines in test/golden/layout/corpus.rs. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT: string = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CORPUS_DIR: string = join(REPO_ROOT, 'test', 'golden', 'layout');

export interface CorpusCase {
  readonly name: string;
  readonly type: string;
  readonly line: number;
}

export function readCorpus(): { readonly source: string; readonly cases: CorpusCase[] } {
  const source = readFileSync(join(CORPUS_DIR, 'corpus.rs'), 'utf8');
  const cases: CorpusCase[] = [];
  source.split('\n').forEach((l, i) => {
    const m = /^\/\/@ ([a-z0-9_]+): (.+)$/.exec(l);
    if (m !== null) cases.push({ name: m[1] as string, type: (m[2] as string).trim(), line: i + 1 });
  });
  return { source, cases };
}
