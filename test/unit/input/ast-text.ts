/**
 * Test helpers for the input parser: print syntax trees back as compact Rust-like text, so that
 * expectations stay readable, and format the first diagnostic of a failed parse with its span.
 */
import assert from 'node:assert/strict';
import type { Attr, ConstExpr, FnItem, GenericArg, Item, Meta, SourceFile, TypeExpr } from '../../../src/input/ast.js';
import { parseSourceFile, parseTypeExpr } from '../../../src/input/parser.js';
import type { Diagnostic, Outcome } from '../../../src/model/diagnostics.js';

export function pc(e: ConstExpr): string {
  switch (e.kind) {
    case 'lit': return `${e.value}${e.suffix ?? ''}`;
    case 'path': return e.name;
    case 'unary': return `(${e.op}${pc(e.expr)})`;
    case 'binary': return `(${pc(e.left)} ${e.op} ${pc(e.right)})`;
  }
}
export function pa(a: GenericArg): string {
  return a.kind === 'type' ? pt(a.ty) : `{${pc(a.expr)}}`;
}
export function pt(t: TypeExpr): string {
  switch (t.kind) {
    case 'path': return t.segments.map((s) => s.ident.name + (s.args.length > 0 ? `<${s.args.map(pa).join(', ')}>` : '')).join('::');
    case 'tuple': return `(${t.elems.map(pt).join(', ')}${t.elems.length === 1 ? ',' : ''})`;
    case 'array': return `[${pt(t.elem)}; ${pc(t.len)}]`;
    case 'slice': return `[${pt(t.elem)}]`;
    case 'ref': return `&${t.lifetime === null ? '' : `${t.lifetime} `}${t.mutable ? 'mut ' : ''}${pt(t.pointee)}`;
    case 'ptr': return `*${t.mutable ? 'mut' : 'const'} ${pt(t.pointee)}`;
    case 'fn': return `${t.unsafe ? 'unsafe ' : ''}${t.abi === null ? '' : `extern "${t.abi}" `}fn(${t.params.map(pt).join(', ')})${t.ret === null ? '' : ` -> ${pt(t.ret)}`}`;
    case 'never': return '!';
    case 'dyn': return `${t.impl === true ? 'impl' : 'dyn'} ${t.traits.join(' + ')}`;
  }
}
export function pm(m: Meta): string {
  if (m.kind === 'lit') return typeof m.value === 'bigint' ? `${m.value}n` : JSON.stringify(m.value);
  if (m.kind === 'nameValue') return `${m.name}=${typeof m.value === 'bigint' ? `${m.value}n` : JSON.stringify(m.value)}`;
  return m.args === null ? m.name : `${m.name}(${m.args.map(pm).join(', ')})`;
}
export function pattr(a: Attr): string {
  if (a.args !== null) return `${a.path}(${a.args.map(pm).join(', ')})`;
  if (a.value !== null) return `${a.path}=${typeof a.value === 'bigint' ? `${a.value}n` : JSON.stringify(a.value)}`;
  return a.path;
}
export function pfn(f: FnItem): string {
  const self = f.selfParam === null ? [] : [f.selfParam.kind === 'value' ? 'self' : f.selfParam.kind === 'ref' ? (f.selfParam.mutable ? '&mut self' : '&self') : `self: ${pt(f.selfParam.ty)}`];
  const params = [...self, ...f.params.map((p) => `${p.pattern}: ${pt(p.ty)}`)];
  return `${f.unsafe ? 'unsafe ' : ''}${f.abi === null ? '' : `extern "${f.abi}" `}fn ${f.ident.name}(${params.join(', ')})${f.ret === null ? '' : ` -> ${pt(f.ret)}`}`;
}
export function pitem(it: Item): string {
  switch (it.kind) {
    case 'struct': return `struct ${it.ident.name} ${it.shape} [${it.fields.map((f) => `${f.ident?.name ?? '_'}: ${pt(f.ty)}`).join(', ')}]`;
    case 'enum': return `enum ${it.ident.name} [${it.variants.map((v) => `${v.ident.name}/${v.shape}${v.fields.length > 0 ? `(${v.fields.map((f) => pt(f.ty)).join(', ')})` : ''}${v.discriminant === null ? '' : ` = ${pc(v.discriminant)}`}`).join(', ')}]`;
    case 'union': return `union ${it.ident.name} [${it.fields.map((f) => `${f.ident?.name ?? '_'}: ${pt(f.ty)}`).join(', ')}]`;
    case 'alias': return `type ${it.ident.name} = ${pt(it.ty)}`;
    case 'fn': return pfn(it);
    case 'impl': return `impl ${it.trait === null ? '' : `${it.trait} for `}${pt(it.selfTy)} { ${it.fns.map((f) => f.ident.name).join(', ')} }`;
    case 'mod': return `mod ${it.ident.name} { ${it.items.map(pitem).join('; ')} }`;
    case 'const': return `const ${it.ident.name}: ${pt(it.ty)} = ${pc(it.expr)}`;
    case 'skipped': return `skipped ${it.what}`;
  }
}

export function ty(text: string): string {
  const r = parseTypeExpr({ name: '<type>', text });
  if (!r.ok) assert.fail(`${text}: ${r.errors[0]?.message}`);
  return pt(r.value);
}
export function file(text: string): SourceFile {
  const r = parseSourceFile({ name: 'test.rs', text });
  if (!r.ok) assert.fail(`${r.errors[0]?.message} at ${r.errors[0]?.span?.start}`);
  return r.value;
}
export function items(text: string): string[] {
  return file(text).items.map(pitem);
}
/** The first error as `code message @start..end`. */
export function err<T>(r: Outcome<T>): string {
  assert.equal(r.ok, false, 'expected an error');
  const e = (r as { errors: readonly Diagnostic[] }).errors[0] as Diagnostic;
  return `${e.code} ${e.message} @${e.span?.start}..${e.span?.end}`;
}
export const tyErr = (text: string) => err(parseTypeExpr({ name: '<type>', text }));
export const fileErr = (text: string) => err(parseSourceFile({ name: 'test.rs', text }));
