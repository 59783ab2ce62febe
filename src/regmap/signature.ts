/**
 * Function signatures: from syntax (a `fn` item, an `fn(A, B) -> R` type, or `Type::method` /
 * `name` in the definitions) to resolved parameter and return types with their layouts.
 */
import type { FnItem, SourceFile, TypeExpr } from '../input/ast.js';
import type { Diagnostic, Outcome, Span } from '../model/diagnostics.js';
import { error, fail, ok } from '../model/diagnostics.js';
import type { Layout } from '../model/layout.js';
import type { Ty } from '../model/ty.js';
import { tyKey } from '../model/ty.js';
import type { Resolver } from '../input/resolve.js';
import type { LayoutCx } from '../layout/index.js';
import { layoutOf } from '../layout/index.js';

export type Conv = 'rust' | 'c';

export interface SigParam {
  readonly name: string | null;
  readonly type: string;
  readonly ty: Ty;
  readonly layout: Layout;
}

export interface FnSig {
  readonly name: string | null;
  readonly conv: Conv;
  readonly params: readonly SigParam[];
  readonly ret: SigParam;
  readonly span: Span | null;
}

const C_ABIS = new Set(['C', 'C-unwind', 'system', 'system-unwind', 'cdecl', 'sysv64']);

export function convOf(abi: string | null, span: Span | undefined, arch?: string): Outcome<Conv> {
  if (abi === null || abi === 'Rust' || abi === 'rust-call') return ok('rust');
  if ((abi === 'sysv64' || abi === 'cdecl') && arch !== undefined && arch !== 'x86_64') {
    return fail(error('regmap/invalid-abi', `ABI "${abi}" is not supported on ${arch} (rustc: E0570)`, span));
  }
  if (C_ABIS.has(abi)) return ok('c');
  return fail(error('regmap/invalid-abi', `ABI "${abi}" is not supported here; rustabi models "Rust" and "C" (also "C-unwind", "system")`, span));
}

function textOf(t: TypeExpr): string {
  return t.span.source.text.slice(t.span.start, t.span.end);
}

/** `#[track_caller]` adds a hidden `&'static core::panic::Location` as the last argument. */
const LOCATION_REF: Ty = { kind: 'ref', mutable: false, pointee: { kind: 'foreign', name: 'core::panic::Location', span: null, suggestion: null } };

function param(name: string | null, type: string, ty: Ty, cx: LayoutCx, span: Span | undefined): Outcome<SigParam> {
  const l = layoutOf(ty, cx);
  if (!l.ok) return fail(...l.errors.map((d): Diagnostic => (d.span === undefined && span !== undefined ? { ...d, span } : d)));
  if (l.value.repr.kind === 'memory' && !l.value.repr.sized && name !== '<return>') {
    return fail(error('regmap/unsized-argument', `parameter \`${name ?? type}\` has unsized type \`${type}\`, which cannot be passed by value`, span));
  }
  return ok({ name, type, ty, layout: l.value });
}

/** A signature from a `fn` item; `selfTy` is the `impl` block's type for methods. */
export function sigFromFnItem(f: FnItem, resolver: Resolver, cx: LayoutCx, selfTy: TypeExpr | null, typeArgs: readonly TypeExpr[] = []): Outcome<FnSig> {
  const conv = convOf(f.abi, f.span, cx.dl.arch);
  if (!conv.ok) return conv;
  // Generic functions are instantiated by the caller: `name::<u32, Foo>` binds the type parameters in order.
  const typeParams = f.generics.filter((g) => g.kind === 'type');
  if (f.generics.some((g) => g.kind === 'const') || typeParams.length !== typeArgs.length) {
    const hint = typeParams.length === 0 ? '' : `::<${typeParams.map(() => '…').join(', ')}>`;
    return fail(error('regmap/generic-fn', typeArgs.length === 0
      ? `\`${f.ident.name}\` is generic; instantiate it as \`${f.ident.name}${hint}\` with concrete types`
      : `\`${f.ident.name}\` takes ${typeParams.length} type argument${typeParams.length === 1 ? '' : 's'} but ${typeArgs.length} ${typeArgs.length === 1 ? 'was' : 'were'} given`, f.ident.span));
  }
  const env = new Map<string, Ty>();
  for (const [i, p] of typeParams.entries()) {
    const a = resolver.resolveType(typeArgs[i] as TypeExpr);
    if (!a.ok) return a;
    env.set(p.ident.name, a.value);
  }
  let self: Ty | null = null;
  if (selfTy !== null) {
    const s = resolver.resolveType(selfTy);
    if (!s.ok) return s;
    self = s.value;
  }
  const resolve = (t: TypeExpr): Outcome<Ty> => resolver.resolveType(t, env, 'user', self);
  const params: SigParam[] = [];
  if (f.selfParam !== null) {
    if (self === null) return fail(error('regmap/self-outside-impl', '`self` parameter outside an `impl` block', f.selfParam.span));
    const sp = f.selfParam;
    let ty: Ty = self;
    let type = 'Self';
    if (sp.kind === 'ref') { ty = { kind: 'ref', mutable: sp.mutable, pointee: self }; type = sp.mutable ? '&mut Self' : '&Self'; }
    else if (sp.kind === 'typed') { const r = resolve(sp.ty); if (!r.ok) return r; ty = r.value; type = textOf(sp.ty); }
    const p = param('self', type, ty, cx, sp.span);
    if (!p.ok) return p;
    params.push(p.value);
  }
  for (const p of f.params) {
    const r = resolve(p.ty);
    if (!r.ok) return r;
    const sp = param(p.pattern, typeParams.length > 0 ? tyKey(r.value) : textOf(p.ty), r.value, cx, p.ty.span);
    if (!sp.ok) return sp;
    params.push(sp.value);
  }
  if (f.attrs.some((a) => a.path === 'track_caller')) {
    const p = param('<caller location>', "&'static core::panic::Location", LOCATION_REF, cx, undefined);
    if (!p.ok) return p;
    params.push(p.value);
  }
  let retTy: Ty = { kind: 'tuple', elems: [] };
  let retText = '()';
  if (f.ret !== null) {
    const r = resolve(f.ret);
    if (!r.ok) return r;
    retTy = r.value;
    retText = typeParams.length > 0 ? tyKey(r.value) : textOf(f.ret);
  }
  const ret = param('<return>', retText, retTy, cx, f.ret?.span);
  if (!ret.ok) return ret;
  return ok({ name: f.ident.name, conv: conv.value, params, ret: ret.value, span: f.span });
}

/** A signature from an anonymous `fn(A, B) -> R` type expression. */
export function sigFromFnType(t: TypeExpr & { kind: 'fn' }, resolver: Resolver, cx: LayoutCx): Outcome<FnSig> {
  const conv = convOf(t.abi, t.span, cx.dl.arch);
  if (!conv.ok) return conv;
  const params: SigParam[] = [];
  for (const [i, pt] of t.params.entries()) {
    const r = resolver.resolveType(pt);
    if (!r.ok) return r;
    const p = param(`arg${i}`, textOf(pt), r.value, cx, pt.span);
    if (!p.ok) return p;
    params.push(p.value);
  }
  let retTy: Ty = { kind: 'tuple', elems: [] };
  if (t.ret !== null) { const r = resolver.resolveType(t.ret); if (!r.ok) return r; retTy = r.value; }
  const ret = param('<return>', t.ret === null ? '()' : textOf(t.ret), retTy, cx, t.ret?.span);
  if (!ret.ok) return ret;
  return ok({ name: null, conv: conv.value, params, ret: ret.value, span: t.span });
}

/** Finds `name` (a free fn) or `Type::method` in the definition files. */
export function findFn(files: readonly SourceFile[], path: string): { fn: FnItem; selfTy: TypeExpr | null } | null {
  const parts = path.split('::');
  const fnName = parts[parts.length - 1];
  const typeName = parts.length >= 2 ? parts[parts.length - 2] : null;
  const walk = (items: SourceFile['items']): { fn: FnItem; selfTy: TypeExpr | null } | null => {
    for (const it of items) {
      if (it.kind === 'fn' && typeName === null && it.ident.name === fnName) return { fn: it, selfTy: null };
      if (it.kind === 'mod') {
        if (typeName !== null && it.ident.name === typeName) {
          for (const x of it.items) if (x.kind === 'fn' && x.ident.name === fnName) return { fn: x, selfTy: null };
        }
        const r = walk(it.items);
        if (r !== null) return r;
      }
      if (it.kind === 'impl' && typeName !== null) {
        const st = it.selfTy;
        const last = st.kind === 'path' ? st.segments[st.segments.length - 1]?.ident.name : null;
        if (last === typeName) for (const f of it.fns) if (f.ident.name === fnName) return { fn: f, selfTy: st };
      }
    }
    return null;
  };
  for (const f of files) {
    const r = walk(f.items);
    if (r !== null) return r;
  }
  return null;
}
