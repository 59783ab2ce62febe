/**
 * Generates docs/api.md from the public surface: the export lists of src/index.ts (`rustabi`) and
 * src/testing/index.ts (`rustabi/testing`). For each exported name it follows re-exports to the
 * declaration and prints its signature and leading `/** … *\/` doc comment, using the TypeScript
 * parser (no type checking, so it is fast and needs no build of src).
 *
 * Run: `npm run docs:api`. test/unit/docs/api-docs.test.ts fails when docs/api.md is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

export const API_DOC = 'docs/api.md';
const ENTRIES: readonly { readonly module: string; readonly file: string }[] = [
  { module: 'rustabi', file: 'src/index.ts' },
  { module: 'rustabi/testing', file: 'src/testing/index.ts' },
];

interface Found {
  readonly file: string;
  readonly kind: string;
  readonly signature: string;
  readonly doc: string;
}

const parsed = new Map<string, ts.SourceFile>();

function parse(path: string): ts.SourceFile {
  let sf = parsed.get(path);
  if (sf === undefined) {
    sf = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
    parsed.set(path, sf);
  }
  return sf;
}

/** `./query/layout.js` seen from src/index.ts → src/query/layout.ts. */
function resolveModule(from: string, spec: string): string {
  return join(dirname(from), spec.replace(/\.js$/, '.ts'));
}

/** The text of the last `/** … *\/` comment right before `node`, without the comment markers. */
function docOf(node: ts.Node): string {
  const sf = node.getSourceFile();
  const ranges = ts.getLeadingCommentRanges(sf.text, node.getFullStart()) ?? [];
  const last = [...ranges].reverse().find((r) => sf.text.startsWith('/**', r.pos));
  if (last === undefined) return '';
  const body = sf.text.slice(last.pos + 3, last.end - 2);
  const lines = body.split('\n').map((l) => l.replace(/^\s*\* ?/, '').trimEnd());
  while (lines.length > 0 && lines[0]?.trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop();
  return lines.map((l) => l.trim() === '' ? '' : l).join('\n').trim();
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim();
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

/** A function or method header: everything before the body. */
function header(node: ts.FunctionLikeDeclaration): string {
  const text = node.getText();
  const body = node.body;
  return oneLine(body === undefined ? text.replace(/;$/, '') : text.slice(0, body.getStart() - node.getStart()));
}

function classSignature(node: ts.ClassDeclaration): string {
  const heritage = (node.heritageClauses ?? []).map((h) => ` ${h.getText()}`).join('');
  const lines = [`export class ${node.name?.text ?? ''}${heritage} {`];
  for (const m of node.members) {
    if (hasModifier(m, ts.SyntaxKind.PrivateKeyword) || hasModifier(m, ts.SyntaxKind.ProtectedKeyword)) continue;
    const name = m.name?.getText() ?? '';
    if (name.startsWith('#') || name.startsWith('_')) continue;
    let sig: string;
    if (ts.isPropertyDeclaration(m)) {
      const mods = (ts.getModifiers(m) ?? []).map((x) => x.getText()).join(' ');
      sig = oneLine(`${mods === '' ? '' : `${mods} `}${name}${m.questionToken === undefined ? '' : '?'}: ${m.type?.getText() ?? 'unknown'}`);
    } else if (ts.isMethodDeclaration(m) || ts.isConstructorDeclaration(m) || ts.isGetAccessorDeclaration(m) || ts.isSetAccessorDeclaration(m)) {
      sig = header(m);
    } else {
      continue;
    }
    const doc = docOf(m);
    if (doc !== '') lines.push(`  /** ${oneLine(doc)} */`);
    lines.push(`  ${sig};`);
  }
  lines.push('}');
  return lines.join('\n');
}

/** The declaration of `name` in `file`, following `export { … } from` re-exports. */
function findDeclaration(file: string, name: string, depth = 0): Found {
  if (depth > 10) throw new Error(`re-export chain too long for ${name}`);
  const sf = parse(file);
  const found = (kind: string, signature: string, node: ts.Node): Found => ({ file, kind, signature, doc: docOf(node) });
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name?.text === name) {
      const overloads = sf.statements.filter((s): s is ts.FunctionDeclaration => ts.isFunctionDeclaration(s) && s.name?.text === name);
      const sigs = overloads.length > 1 ? overloads.filter((o) => o.body === undefined) : overloads;
      return found('function', sigs.map(header).join('\n'), sigs[0] ?? st);
    }
    if (ts.isClassDeclaration(st) && st.name?.text === name) return found('class', classSignature(st), st);
    if (ts.isInterfaceDeclaration(st) && st.name.text === name) return found('interface', st.getText(), st);
    if (ts.isTypeAliasDeclaration(st) && st.name.text === name) return found('type', st.getText(), st);
    if (ts.isEnumDeclaration(st) && st.name.text === name) return found('enum', st.getText(), st);
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || d.name.text !== name) continue;
        const keyword = (st.declarationList.flags & ts.NodeFlags.Const) !== 0 ? 'const' : 'let';
        const type = d.type !== undefined ? `: ${oneLine(d.type.getText())}` : '';
        return found('constant', `export ${keyword} ${name}${type}`, st);
      }
    }
  }
  for (const st of sf.statements) {
    if (!ts.isExportDeclaration(st) || st.moduleSpecifier === undefined || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const target = resolveModule(file, st.moduleSpecifier.text);
    const clause = st.exportClause;
    if (clause === undefined) {
      try { return findDeclaration(target, name, depth + 1); } catch { continue; } // `export *`
    }
    if (!ts.isNamedExports(clause)) continue;
    const el = clause.elements.find((e) => e.name.text === name);
    if (el !== undefined) return findDeclaration(target, el.propertyName?.text ?? name, depth + 1);
  }
  throw new Error(`cannot find the declaration of \`${name}\` in ${file}`);
}

/** The names an entry file exports, in order, with whether the export is type-only. */
function exportsOf(file: string): { name: string; from: string; typeOnly: boolean }[] {
  const out: { name: string; from: string; typeOnly: boolean }[] = [];
  for (const st of parse(file).statements) {
    if (!ts.isExportDeclaration(st)) continue;
    if (st.moduleSpecifier === undefined || !ts.isStringLiteral(st.moduleSpecifier)) throw new Error(`${file}: only \`export { … } from '…'\` lists are supported`);
    const clause = st.exportClause;
    if (clause === undefined || !ts.isNamedExports(clause)) throw new Error(`${file}: \`export *\` is not allowed in an entry point`);
    for (const el of clause.elements) {
      out.push({ name: el.name.text, from: resolveModule(file, st.moduleSpecifier.text), typeOnly: st.isTypeOnly || el.isTypeOnly });
    }
  }
  return out;
}

/** docs/api.md's full text for the repository at `root`. */
export function generateApiDocs(root: string): string {
  parsed.clear();
  const out: string[] = [
    '<!-- DO NOT EDIT: generated by scripts/gen-api-docs.ts (`npm run docs:api`) from the export lists of',
    '     src/index.ts and src/testing/index.ts. Edit the doc comments in src/ and regenerate. -->',
    '',
    '# API reference',
    '',
    'Every public name, in the order of its entry point\'s export list, with its signature and doc comment.',
    'Functions return `Outcome<T>` (`{ ok: true, value, warnings }` or `{ ok: false, errors }`) for anything',
    'the input can cause; see [diagnostics.md](diagnostics.md). The `--json` shapes are described in',
    '[json.md](json.md).',
  ];
  for (const entry of ENTRIES) {
    const file = join(root, entry.file);
    const names = exportsOf(file);
    out.push('', `## \`${entry.module}\``, '');
    const moduleDoc = docOf(parse(file).statements[0] ?? parse(file));
    if (moduleDoc !== '') out.push(moduleDoc, '');
    const anchors = new Map<string, string>();
    const taken = new Set<string>();
    for (const n of names) {
      let a = anchor(entry.module, n.name);
      while (taken.has(a)) a += '-';
      taken.add(a);
      anchors.set(n.name, a);
    }
    out.push(names.map((n) => `[\`${n.name}\`](#${anchors.get(n.name) ?? ''})`).join(' · '));
    for (const n of names) {
      const d = findDeclaration(n.from, n.name);
      const src = relative(root, d.file).split('\\').join('/');
      out.push('', `<a id="${anchors.get(n.name) ?? ''}"></a>`, `### \`${n.name}\``, '');
      out.push(`${d.kind}${n.typeOnly ? ' (type-only export)' : ''} · \`${src}\``, '');
      out.push('```ts', d.signature, '```', '');
      out.push(d.doc === '' ? '_No doc comment._' : d.doc);
    }
  }
  return out.join('\n') + '\n';
}

function anchor(module: string, name: string): string {
  return `${module.replace(/[^a-z]/g, '-')}-${name}`.toLowerCase();
}

function main(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const text = generateApiDocs(root);
  writeFileSync(join(root, API_DOC), text);
  console.log(`wrote ${API_DOC} (${text.split('\n').length} lines)`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
