/**
 * Docs that cannot rot: every example in README.md and docs/*.md that is marked as checked is run here.
 *
 * - ```ts run        imported as an ES module (self-referencing the package, so `from 'rustabi'` and
 *                    `from 'rustabi/testing'` resolve through package.json "exports" to dist/); it must not
 *                    throw, must type-check against dist/*.d.ts, and every `console.log(x); // expected` line
 *                    must print `expected`. `ts run rustc` blocks need rustc 1.95 (skipped without it, except
 *                    on CI).
 * - ```rust file=NAME.rs   (any language) written to the document's scratch directory, for `--defs NAME.rs`
 *                    or a trace file for `decode-trace`.
 * - ```sh block whose command is `rustabi CMD …` / `npx rustabi CMD …` (CMD: layout, abi, decode, probe,
 *                    decode-trace; a `probe --out DIR` example writes into the scratch directory): run with dist/cli/main.js in
 *                    that scratch directory; the ```text block right after it must equal stdout + stderr,
 *                    a ```json block right after it must equal stdout (after trimming trailing whitespace).
 *                    The exit code must be 0, or N when the command ends with `# exit N`.
 * - ```text block whose first line is `$ rustabi CMD …` / `$ npm start -- CMD …`: the same, with the
 *                    output below the command line.
 *
 * Update every expected output after a deliberate change: `RUSTABI_DOCS_UPDATE=1 npm run test:unit`
 * (review the diff: the tool's output is the behaviour change).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import ts from 'typescript';
import { REPO_ROOT } from '../../support/corpus.js';
import { requireRustc } from '../../support/env.js';

const CLI = join(REPO_ROOT, 'dist', 'cli', 'main.js');
const UPDATE = process.env.RUSTABI_DOCS_UPDATE === '1';
const FIX = 'RUSTABI_DOCS_UPDATE=1 npm run test:unit';
/** Inside the package, so bare `rustabi` and `fast-check` imports resolve like a user's would. */
const SCRATCH = join(REPO_ROOT, 'build', 'doc-examples');

interface Block {
  readonly lang: string;
  readonly attrs: readonly string[];
  /** 0-based line index of the opening fence. */
  readonly open: number;
  /** 0-based line index of the closing fence. */
  readonly close: number;
  readonly body: string;
}

function docFiles(): string[] {
  const docs = readdirSync(join(REPO_ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`);
  return ['README.md', ...docs];
}

function parseBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(`{3,})(.*)$/.exec(lines[i] as string);
    if (m === null) continue;
    const fence = m[1] as string;
    const [lang = '', ...attrs] = (m[2] as string).trim().split(/\s+/).filter((x) => x !== '');
    let j = i + 1;
    while (j < lines.length && !(lines[j] as string).startsWith(fence)) j++;
    blocks.push({ lang, attrs, open: i, close: j, body: lines.slice(i + 1, j).join('\n') });
    i = j;
  }
  return blocks;
}

/** Splits a shell command line (single and double quotes, backslash escapes; no expansion). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' in: ${line}`);
      cur += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) cur += line[j] === '\\' && j + 1 < line.length ? line[++j] : line[j];
      if (j >= line.length) throw new Error(`unterminated " in: ${line}`);
      i = j;
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

interface Command {
  readonly args: string[];
  readonly exit: number;
}

/** The commands whose examples are run (`verify` needs the emulator: its examples are shown, not run). */
const CHECKED: readonly string[] = ['layout', 'abi', 'decode', 'probe', 'decode-trace'];
const SH_PREFIXES: readonly (readonly string[])[] = [['rustabi'], ['npx', 'rustabi']];
const TRANSCRIPT_PREFIXES: readonly (readonly string[])[] = [...SH_PREFIXES, ['npm', 'start', '--']];

/** `rustabi layout … [# exit N]` → CLI arguments, or null when the text is no checked command. */
function parseCommand(text: string, prefixes: readonly (readonly string[])[]): Command | null {
  const line = text.replace(/\\\n\s*/g, ' ').trim();
  const m = /^(.*?)\s+#\s*exit\s+(\d+)\s*$/.exec(line);
  const words = shellWords(m === null ? line : (m[1] as string));
  for (const p of prefixes) {
    if (p.every((w, i) => words[i] === w) && CHECKED.includes(words[p.length] ?? '')) {
      return { args: words.slice(p.length), exit: m === null ? 0 : Number(m[2]) };
    }
  }
  return null;
}

function trimOutput(s: string): string {
  return s.split('\n').map((l) => l.trimEnd()).join('\n').replace(/\n+$/, '');
}

interface CliCheck {
  readonly doc: string;
  /** 1-based line of the command, for messages. */
  readonly line: number;
  readonly command: Command;
  readonly stream: 'both' | 'stdout';
  /** The block holding the expected output, and the lines of it that precede the output. */
  readonly expected: Block | null;
  readonly skipLines: number;
}

interface DocPlan {
  readonly doc: string;
  readonly lines: string[];
  readonly files: Map<string, string>;
  readonly cli: CliCheck[];
  readonly ts: { readonly line: number; readonly code: string; readonly rustc: boolean }[];
  /** Malformed examples. */
  readonly problems: string[];
}

function plan(doc: string): DocPlan {
  const lines = readFileSync(join(REPO_ROOT, doc), 'utf8').split('\n');
  const blocks = parseBlocks(lines);
  const p: DocPlan = { doc, lines, files: new Map(), cli: [], ts: [], problems: [] };
  blocks.forEach((b, k) => {
    const next = blocks[k + 1];
    const adjacent = next !== undefined && lines.slice(b.close + 1, next.open).every((l) => l.trim() === '');
    const file = b.attrs.find((a) => a.startsWith('file='));
    if (file !== undefined) p.files.set(file.slice('file='.length), b.body + '\n');
    if (b.lang === 'ts' && b.attrs.includes('run')) p.ts.push({ line: b.open + 1, code: b.body, rustc: b.attrs.includes('rustc') });
    if (b.lang === 'sh') {
      const cmd = parseCommand(b.body, SH_PREFIXES);
      if (cmd === null) return;
      if (b.body.replace(/\\\n/g, ' ').trim().includes('\n')) p.problems.push(`${doc}:${b.open + 2}: a checked \`rustabi\` block must hold exactly one command`);
      const out = adjacent && (next.lang === 'text' || next.lang === 'json') ? next : null;
      p.cli.push({ doc, line: b.open + 2, command: cmd, stream: out?.lang === 'json' ? 'stdout' : 'both', expected: out, skipLines: 0 });
    }
    if (b.lang === 'text' && b.body.startsWith('$ ')) {
      // The command: the first line and its `\` continuation lines.
      const body = b.body.split('\n');
      let n = 1;
      while (n < body.length && (body[n - 1] as string).trimEnd().endsWith('\\')) n++;
      const cmd = parseCommand(body.slice(0, n).join('\n').slice(2), TRANSCRIPT_PREFIXES);
      if (cmd !== null) p.cli.push({ doc, line: b.open + 2, command: cmd, stream: 'both', expected: b, skipLines: n });
    }
  });
  return p;
}

function runCli(cwd: string, c: Command): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...c.args], { cwd, encoding: 'utf8' });
  if (r.error !== undefined) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const plans = docFiles().map(plan);
rmSync(SCRATCH, { recursive: true, force: true }); // no stale examples of earlier runs

test('doc examples are well-formed and found', () => {
  assert.deepEqual(plans.flatMap((p) => p.problems), []);
  const cli = plans.reduce((n, p) => n + p.cli.length, 0);
  const tsRun = plans.reduce((n, p) => n + p.ts.length, 0);
  assert.ok(cli >= 1 && tsRun >= 1, `found ${cli} CLI examples and ${tsRun} runnable ts blocks`);
});

for (const p of plans) {
  if (p.cli.length === 0) continue;
  test(`${p.doc}: rustabi CLI examples print what the doc shows`, () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run \`npm run build\` first`);
    const cwd = mkdtempSync(join(tmpdir(), 'rustabi-docs-'));
    const failures: string[] = [];
    const edits: { block: Block; skipLines: number; text: string }[] = [];
    try {
      for (const [name, text] of p.files) writeFileSync(join(cwd, name), text);
      for (const c of p.cli) {
        const r = runCli(cwd, c.command);
        const actual = trimOutput(c.stream === 'stdout' ? r.stdout : r.stdout + r.stderr);
        const where = `${p.doc}:${c.line}: rustabi ${c.command.args.join(' ')}`;
        if (r.code !== c.command.exit) failures.push(`${where}\n  exit code ${r.code}, the doc says ${c.command.exit} (end the command with \`# exit ${r.code}\`)\n${r.stderr}`);
        if (c.expected === null) continue;
        const expected = trimOutput(c.expected.body.split('\n').slice(c.skipLines).join('\n'));
        if (actual === expected) continue;
        if (UPDATE) edits.push({ block: c.expected, skipLines: c.skipLines, text: actual });
        else failures.push(`${where}\n--- the doc shows\n${expected}\n--- the tool prints\n${actual}`);
      }
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
    if (edits.length > 0) {
      const lines = [...p.lines];
      for (const e of [...edits].sort((a, b) => b.block.open - a.block.open)) {
        const keep = lines.slice(e.block.open + 1, e.block.open + 1 + e.skipLines);
        lines.splice(e.block.open + 1, e.block.close - e.block.open - 1, ...keep, ...e.text.split('\n'));
      }
      writeFileSync(join(REPO_ROOT, p.doc), lines.join('\n'));
    }
    if (failures.length > 0) {
      assert.fail(`${failures.length} example(s) in ${p.doc} are out of date; after checking the change, update them with: ${FIX}\n\n${failures.join('\n\n')}`);
    }
  });
}

/** Where a runnable block is written: under build/, inside the package, so self-references resolve. */
function examplePath(doc: string, line: number, ext: string): string {
  return join(SCRATCH, `${doc.replace(/[/.]/g, '_')}_${line}.${ext}`);
}

const runnable = plans.flatMap((p) => p.ts.map((b) => ({ doc: p.doc, ...b })));

test('runnable ts examples type-check against dist/*.d.ts', () => {
  assert.ok(existsSync(join(REPO_ROOT, 'dist', 'index.d.ts')), 'dist/ is missing: run `npm run build` first');
  mkdirSync(SCRATCH, { recursive: true });
  const files = runnable.map((b) => {
    const f = examplePath(b.doc, b.line, 'ts');
    writeFileSync(f, b.code + '\n');
    return f;
  });
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022,
    strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, noEmit: true, skipLibCheck: true,
    types: ['node'], typeRoots: [join(REPO_ROOT, 'node_modules', '@types')],
  });
  const diags = ts.getPreEmitDiagnostics(program).map((d) => {
    const msg = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (d.file === undefined || d.start === undefined) return msg;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    const b = runnable.find((x) => examplePath(x.doc, x.line, 'ts') === d.file?.fileName);
    return `${b === undefined ? relative(REPO_ROOT, d.file.fileName) : `${b.doc}:${b.line + 1 + line}`}: ${msg}`;
  });
  if (diags.length > 0) assert.fail(`doc examples do not type-check:\n${diags.join('\n')}`);
});

for (const b of runnable) {
  test(`${b.doc}:${b.line}: the ts example runs`, async (t) => {
    if (b.rustc && requireRustc(t) === null) return;
    assert.ok(existsSync(join(REPO_ROOT, 'dist', 'index.js')), 'dist/ is missing: run `npm run build` first');
    mkdirSync(SCRATCH, { recursive: true });
    const js = ts.transpileModule(b.code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    const file = examplePath(b.doc, b.line, 'mjs');
    writeFileSync(file, js);
    const expected = b.code.split('\n').flatMap((l) => {
      const m = /console\.log\(.*\);\s*\/\/\s*(.*?)\s*$/.exec(l);
      return m === null ? [] : [m[1] as string];
    });
    const printed: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]): void => { printed.push(format(...args)); };
    try {
      await import(`${pathToFileURL(file).href}?t=${Date.now()}`);
    } finally {
      console.log = log;
    }
    if (expected.length > 0) assert.deepEqual(printed, expected, `${b.doc}:${b.line}: console.log output differs from the // comments`);
  });
}
