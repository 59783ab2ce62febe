/**
 * Enforces the folder import rules of docs/architecture.md on src/ (no npm dependency: the imports are
 * read with the TypeScript parser):
 *   - each folder imports only the folders its row of the table allows (its own files always);
 *   - only src/cli and src/testing import packages or Node built-ins (the rest is pure);
 *   - no import cycles between files (type-only imports excluded: they vanish at run time).
 * Known departures from the rules are listed in EXCEPTIONS with a reason; an exception that no import
 * needs any more is an error too, so the list only shrinks.
 *
 * Run: `npm run check:deps`. test/unit/docs/deps.test.ts runs the same check in CI.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

/** The folders of src/ and what each may import (docs/architecture.md); `root` is src/*.ts itself. */
export const RULES: Readonly<Record<string, readonly string[]>> = {
  root: ['*'], // src/index.ts: the public surface re-exports from everywhere
  model: [],
  internal: [],
  prelude: [],
  input: ['model'],
  layout: ['model', 'internal'],
  regmap: ['model', 'layout', 'internal'],
  query: ['model', 'input', 'layout', 'regmap', 'prelude', 'kretprobe', 'symbols'],
  // value: Rust values (parse, codec, `{:?}` printer) over layouts and register maps.
  value: ['model', 'input', 'layout'],
  // kretprobe: probe plans, their emitters (tracefs, bpftrace, kernel module C) and the trace decoder.
  kretprobe: ['model', 'layout', 'regmap', 'value', 'internal'],
  diagnostics: ['model'],
  testing: ['model'],
  // symbols: Rust symbol demangling, /proc/kallsyms and the kprobes blacklist; pure text in, data out.
  symbols: ['model'],
  // emu: the verification harness (tests and the `verify` command only); never imported by the solver.
  // It reaches the library (sessions, register maps, the value codec) through the public root for `verify`.
  emu: ['model', 'testing', 'root', 'internal'],
  // cli: only the public entry points (src/index.ts, src/testing/index.ts, src/emu/index.ts), see ENTRY_POINTS.
  cli: [],
};

/** What src/cli may import besides its own files. */
export const ENTRY_POINTS: readonly string[] = ['src/index.ts', 'src/testing/index.ts', 'src/emu/index.ts'];

/** Folders that may import npm packages and `node:` modules. */
const IMPURE: readonly string[] = ['cli', 'testing', 'emu'];

export interface Exception {
  readonly from: string;
  readonly to: string;
  /** The exception covers type-only imports only. */
  readonly typeOnly: boolean;
  readonly reason: string;
}

/** Departures the code has today; each one is reported (not an error) until it is fixed and removed. */
export const EXCEPTIONS: readonly Exception[] = [
  { from: 'cli', to: 'model', typeOnly: true, reason: 'commands import model types (Source, LayoutJson, …) directly; src/index.ts re-exports them' },
  { from: 'cli', to: 'diagnostics', typeOnly: false, reason: 'commands import renderDiagnostic from diagnostics/render.ts; src/index.ts exports it' },
  { from: 'testing', to: 'prelude', typeOnly: false, reason: 'rustabi/testing re-exports PRELUDE_RS, which the oracle crates need' },
  { from: 'regmap', to: 'input', typeOnly: true, reason: 'regmap/signature.ts takes the parsed fn item (input/ast.ts) and the Resolver type' },
];

export interface Import {
  readonly from: string;
  /** Repository-relative path of the imported file, or the package specifier. */
  readonly to: string;
  readonly typeOnly: boolean;
  readonly line: number;
}

export interface DepsReport {
  readonly files: number;
  readonly imports: number;
  readonly violations: readonly string[];
  readonly cycles: readonly (readonly string[])[];
  /** Exceptions in use, with how many imports each covers. */
  readonly excepted: readonly { readonly exception: Exception; readonly uses: number }[];
  readonly staleExceptions: readonly Exception[];
}

function walk(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : n.endsWith('.ts') && !n.endsWith('.d.ts') ? [p] : [];
  });
}

const rel = (root: string, p: string): string => relative(root, p).split('\\').join('/');

/** Every import, `export … from` and `import()` of one file. */
export function importsOf(root: string, file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: Import[] = [];
  const add = (spec: string, typeOnly: boolean, node: ts.Node): void => {
    const to = spec.startsWith('.') ? rel(root, join(dirname(file), spec.replace(/\.js$/, '.ts'))) : spec;
    out.push({ from: rel(root, file), to, typeOnly, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const c = node.importClause;
      const named = c?.namedBindings !== undefined && ts.isNamedImports(c.namedBindings) ? c.namedBindings.elements : [];
      const typeOnly = c !== undefined && (c.isTypeOnly || (c.name === undefined && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, typeOnly, node);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause !== undefined && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : [];
      add(node.moduleSpecifier.text, node.isTypeOnly || (named.length > 0 && named.every((e) => e.isTypeOnly)), node);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const a = node.arguments[0];
      if (a !== undefined && ts.isStringLiteral(a)) add(a.text, false, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** `src/layout/enum.ts` → `layout`; `src/index.ts` → `root`. */
export function folderOf(path: string): string {
  const parts = path.split('/');
  return parts.length <= 2 ? 'root' : (parts[1] as string);
}

/** Strongly connected components with more than one file (Tarjan), each sorted. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const strong = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (on.has(w)) {
        low.set(v, Math.min(low.get(v) as number, idx.get(w) as number));
      }
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) strong(v);
  return out.sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}

export function checkDeps(root: string): DepsReport {
  const files = walk(join(root, 'src'));
  const imports = files.flatMap((f) => importsOf(root, f));
  const violations: string[] = [];
  const uses = new Map<Exception, number>();
  for (const im of imports) {
    const from = folderOf(im.from);
    const where = `${im.from}:${im.line}`;
    if (!im.to.startsWith('src/')) {
      if (!IMPURE.includes(from)) violations.push(`${where}: src/${from} is pure and may not import the package \`${im.to}\``);
      continue;
    }
    const to = folderOf(im.to);
    const allowed = RULES[from];
    if (allowed === undefined) {
      violations.push(`${where}: src/${from} has no row in the rules of docs/architecture.md (add one to scripts/check-deps.ts)`);
      continue;
    }
    if (to === from || allowed.includes('*') || allowed.includes(to)) continue;
    if (from === 'cli' && ENTRY_POINTS.includes(im.to)) continue;
    const ex = EXCEPTIONS.find((e) => e.from === from && e.to === to && (im.typeOnly || !e.typeOnly));
    if (ex !== undefined) {
      uses.set(ex, (uses.get(ex) ?? 0) + 1);
      continue;
    }
    const may = from === 'cli' ? 'only the public entry points' : allowed.length === 0 ? 'nothing in src/' : allowed.join(', ');
    violations.push(`${where}: src/${from} may import ${may}, not ${im.to}${im.typeOnly ? ' (type-only)' : ''}`);
  }
  const graph = new Map<string, string[]>();
  for (const f of files) graph.set(rel(root, f), []);
  for (const im of imports) if (!im.typeOnly && graph.has(im.to)) graph.get(im.from)?.push(im.to);
  return {
    files: files.length,
    imports: imports.length,
    violations,
    cycles: cycles(graph),
    excepted: EXCEPTIONS.filter((e) => uses.has(e)).map((exception) => ({ exception, uses: uses.get(exception) as number })),
    staleExceptions: EXCEPTIONS.filter((e) => !uses.has(e)),
  };
}

/** The report as text, and whether the check passed. */
export function formatDepsReport(r: DepsReport): { ok: boolean; text: string } {
  const lines: string[] = [];
  for (const v of r.violations) lines.push(`error: ${v}`);
  for (const c of r.cycles) lines.push(`error: import cycle among ${c.join(', ')}`);
  for (const e of r.staleExceptions) lines.push(`error: exception src/${e.from} → src/${e.to} is no longer needed; delete it from EXCEPTIONS in scripts/check-deps.ts`);
  for (const { exception: e, uses } of r.excepted) {
    lines.push(`note: known exception src/${e.from} → src/${e.to}${e.typeOnly ? ' (type-only)' : ''}, ${uses} import${uses === 1 ? '' : 's'}: ${e.reason}`);
  }
  const ok = r.violations.length === 0 && r.cycles.length === 0 && r.staleExceptions.length === 0;
  lines.push(`check:deps: ${r.files} files, ${r.imports} imports: ${ok ? 'ok' : 'FAILED'}`);
  return { ok, text: lines.join('\n') };
}

function main(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const { ok, text } = formatDepsReport(checkDeps(root));
  console.log(text);
  process.exitCode = ok ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
