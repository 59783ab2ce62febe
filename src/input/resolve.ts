/**
 * Name resolution: syntax (ast.ts) → resolved types (model/ty.ts) for one target.
 * User definitions shadow the prelude; `cfg` attributes are evaluated for the target; generic items
 * are instantiated on use, and ADT field types are resolved lazily (so recursion behind pointers is fine).
 */
import type { AliasItem, ConstItem, EnumItem, FieldDef, GenericArg, GenericParam, Item, SourceFile, StructItem, TypeExpr, UnionItem } from './ast.js';
import type { Diagnostic, Outcome, Span } from '../model/diagnostics.js';
import { error, fail, ok } from '../model/diagnostics.js';
import type { TargetDataLayout } from '../model/target.js';
import type { AdtDef, GenericArgValue, Ty, VariantInfo } from '../model/ty.js';
import { cfgEnabled, langItem, parseRepr, validRange } from './attrs.js';
import { evalConst } from './const-eval.js';
import { ARITY_OVERLOADS, displayPathOf, preludePath } from './prelude-paths.js';
import { closestName } from './suggest.js';
import { Definition } from './definition.js';

const PRIMS: Readonly<Record<string, Ty>> = {
  u8: { kind: 'int', int: 'I8', signed: false }, u16: { kind: 'int', int: 'I16', signed: false },
  u32: { kind: 'int', int: 'I32', signed: false }, u64: { kind: 'int', int: 'I64', signed: false },
  u128: { kind: 'int', int: 'I128', signed: false }, usize: { kind: 'int', int: 'size', signed: false },
  i8: { kind: 'int', int: 'I8', signed: true }, i16: { kind: 'int', int: 'I16', signed: true },
  i32: { kind: 'int', int: 'I32', signed: true }, i64: { kind: 'int', int: 'I64', signed: true },
  i128: { kind: 'int', int: 'I128', signed: true }, isize: { kind: 'int', int: 'size', signed: true },
  f16: { kind: 'float', float: 'F16' }, f32: { kind: 'float', float: 'F32' },
  f64: { kind: 'float', float: 'F64' }, f128: { kind: 'float', float: 'F128' },
  bool: { kind: 'bool' }, char: { kind: 'char' }, str: { kind: 'str' },
};

const MAX_DEPTH = 256;

/** Generic parameters in scope: type parameters bound to types, const parameters to values. */
export type Env = ReadonlyMap<string, GenericArgValue>;
const EMPTY_ENV: Env = new Map();

/** Where a type expression was written: prelude items never see user definitions. */
export type Scope = 'user' | 'prelude';

type AdtItem = StructItem | EnumItem | UnionItem;
type Entry =
  | { readonly kind: 'adt'; readonly item: AdtItem; readonly def: AdtDef; readonly origin: 'user' | 'prelude' }
  | { readonly kind: 'alias'; readonly item: AliasItem; readonly origin: 'user' | 'prelude' };

function paramBounds(params: readonly GenericParam[]): { min: number; max: number } {
  const ps = params.filter((p) => p.kind !== 'lifetime');
  const min = ps.filter((p) => (p.kind === 'type' ? p.default === null : p.default === null)).length;
  return { min, max: ps.length };
}

export class Resolver {
  readonly target: TargetDataLayout;
  /** Notes and warnings about the definitions (skipped items, duplicates). */
  readonly notes: Diagnostic[] = [];
  private readonly user = new Map<string, Entry>();
  private readonly prelude = new Map<string, Entry>();
  /** `const` items of the definitions, evaluated on first use. */
  private readonly consts = new Map<string, { item: ConstItem; value: bigint | null | 'evaluating' }>();
  private depth = 0;
  /** Aliases being expanded (a cycle among them is an error, not a depth overflow). */
  private readonly expanding = new Set<AliasItem>();

  constructor(target: TargetDataLayout, preludeFile: SourceFile, userFiles: readonly SourceFile[]) {
    this.target = target;
    this.collect(preludeFile.items, 'prelude', this.prelude);
    for (const f of userFiles) this.collect(f.items, 'user', this.user);
  }

  /** The value of a `const` item of the definitions (a cycle or a non-constant value gives undefined). */
  constItem(name: string): bigint | undefined {
    const c = this.consts.get(name.split('::').pop() ?? name);
    if (c === undefined || c.value === 'evaluating') return undefined;
    if (c.value !== null) return c.value;
    c.value = 'evaluating';
    const v = evalConst(c.item.expr, (n) => this.constItem(n));
    c.value = v.ok ? v.value : null;
    return v.ok ? v.value : undefined;
  }

  /** Every name a type path can resolve to (for suggestions and listings). */
  knownNames(): string[] {
    return [...new Set([...this.user.keys(), ...this.prelude.keys(), ...Object.keys(PRIMS)])];
  }

  private collect(items: readonly Item[], origin: 'user' | 'prelude', into: Map<string, Entry>): void {
    for (const it of items) {
      if (it.kind === 'skipped') {
        if (origin === 'user') this.notes.push({ code: 'input/skipped-item', severity: 'note', message: `skipped ${it.what}: rustabi reads only types and function signatures`, span: it.span });
        continue;
      }
      if (it.kind === 'impl' || it.kind === 'fn') continue;
      if (it.kind === 'const') {
        if (origin === 'user' && cfgEnabled(it.attrs, this.target) && !this.consts.has(it.ident.name)) this.consts.set(it.ident.name, { item: it, value: null });
        continue;
      }
      if (!cfgEnabled(it.attrs, this.target)) continue;
      if (it.kind === 'mod') { this.collect(it.items, origin, into); continue; }
      const name = it.ident.name;
      if (into.has(name)) {
        if (origin === 'user') this.notes.push({ code: 'input/duplicate-item', severity: 'warning', message: `the name \`${name}\` is defined more than once; the first definition is used`, span: it.ident.span });
        continue;
      }
      if (it.kind === 'alias') into.set(name, { kind: 'alias', item: it, origin });
      else into.set(name, { kind: 'adt', item: it, def: this.makeDef(it, origin), origin });
    }
  }

  private makeDef(it: AdtItem, origin: 'user' | 'prelude'): AdtDef {
    const diags: Diagnostic[] = [];
    const repr = parseRepr(it.attrs, it.kind, diags);
    const variantsAst: { name: string; shape: 'named' | 'tuple' | 'unit'; fields: readonly FieldDef[]; discr: VariantInfo['discriminant']; span: Span }[] = [];
    if (it.kind === 'enum') {
      for (const v of it.variants) {
        let discr: bigint | null = null;
        if (v.discriminant !== null) {
          const d = evalConst(v.discriminant, () => undefined);
          if (d.ok) discr = d.value;
          else diags.push(...d.errors);
        }
        variantsAst.push({ name: v.ident.name, shape: v.shape, fields: v.fields, discr, span: v.span });
      }
    } else {
      variantsAst.push({ name: it.ident.name, shape: it.kind === 'union' ? 'named' : it.shape, fields: it.fields, discr: null, span: it.span });
    }
    const params = it.generics.filter((g) => g.kind !== 'lifetime').map((g) => ({
      kind: g.kind === 'const' ? 'const' as const : 'type' as const,
      name: g.ident.name,
      maybeUnsized: g.kind === 'type' && g.maybeUnsized,
    }));
    const variants: VariantInfo[] = variantsAst.map((v) => ({
      name: v.name, shape: v.shape, discriminant: v.discr, span: v.span,
      fields: v.fields.map((f, i) => ({ name: f.ident?.name ?? String(i), span: f.span })),
    }));
    const lastField = it.kind === 'struct' ? it.fields[it.fields.length - 1] : undefined;
    const scope: Scope = origin;
    return new Definition({
      kind: it.kind, name: it.ident.name,
      key: origin === 'user' && this.prelude.has(it.ident.name) ? `${it.ident.name}/*user*/` : it.ident.name,
      path: origin === 'prelude' ? displayPathOf(it.ident.name) : it.ident.name,
      params, repr, lang: langItem(it.attrs),
      validRangeStart: validRange(it.attrs, 'start'), validRangeEnd: validRange(it.attrs, 'end'),
      variants, origin, span: it.ident.span,
    }, {
      diags,
      variantFields: variantsAst.map((v) => v.fields),
      resolveField: (t, env) => this.resolveType(t, env, scope),
      lastFieldMaybeUnsized: () => {
        const unsizedParams = new Set(params.filter((p) => p.maybeUnsized).map((p) => p.name));
        return lastField !== undefined && this.maybeUnsized(lastField.ty, unsizedParams, 0, scope);
      },
    });
  }

  /** Whether a declared field type may be unsized (rustc: the identity-instantiated type is not `Sized`). */
  private maybeUnsized(t: TypeExpr, unsizedParams: ReadonlySet<string>, depth: number, scope: Scope): boolean {
    if (depth > 64) return false;
    switch (t.kind) {
      case 'slice': case 'dyn': return true;
      case 'tuple': { const l = t.elems[t.elems.length - 1]; return l !== undefined && this.maybeUnsized(l, unsizedParams, depth + 1, scope); }
      case 'path': {
        const seg = t.segments[t.segments.length - 1];
        if (seg === undefined) return false;
        const name = seg.ident.name;
        if (t.segments.length === 1 && unsizedParams.has(name)) return true;
        if (t.segments.length === 1 && name === 'str') return true;
        const entry = this.lookup(t.segments.map((s) => s.ident.name), seg.args.length, scope);
        if (entry === undefined) return false;
        const item = entry.item;
        const argUnsized = new Set<string>();
        const ps = item.generics.filter((g) => g.kind !== 'lifetime');
        ps.forEach((p, i) => {
          const a = seg.args[i];
          if (a !== undefined && a.kind === 'type' && this.maybeUnsized(a.ty, unsizedParams, depth + 1, scope)) argUnsized.add(p.ident.name);
        });
        if (entry.kind === 'alias') return this.maybeUnsized(entry.item.ty, argUnsized, depth + 1, entry.origin);
        if (item.kind !== 'struct') return false;
        const last = item.fields[item.fields.length - 1];
        return last !== undefined && this.maybeUnsized(last.ty, argUnsized, depth + 1, entry.origin);
      }
      default: return false;
    }
  }

  private lookup(segments: readonly string[], argCount: number, scope: Scope = 'user'): Entry | undefined {
    let name = segments[segments.length - 1] as string;
    if (segments.length > 1) {
      const p = preludePath(segments);
      if (p !== undefined) return this.prelude.get(p);
    }
    const user = scope === 'user' ? this.user.get(name) : undefined;
    if (user !== undefined) return user;
    const overloads = ARITY_OVERLOADS[name];
    if (overloads !== undefined) {
      for (const o of overloads) {
        const e = this.prelude.get(o);
        if (e === undefined) continue;
        const { min, max } = paramBounds(e.item.generics);
        if (argCount >= min && argCount <= max) { name = o; break; }
      }
    }
    return this.prelude.get(name);
  }

  private resolveArgs(args: readonly GenericArg[], env: Env, scope: Scope): Outcome<GenericArgValue[]> {
    const out: GenericArgValue[] = [];
    for (const a of args) {
      if (a.kind === 'const') {
        const v = evalConst(a.expr, (n) => constOf(env, n, this));
        if (!v.ok) return v;
        out.push({ kind: 'const', value: v.value });
        continue;
      }
      // `N` written as a type argument may name a const parameter in scope.
      if (a.ty.kind === 'path' && a.ty.segments.length === 1) {
        const bound = env.get((a.ty.segments[0] as { ident: { name: string } }).ident.name);
        if (bound !== undefined && bound.kind === 'const') { out.push(bound); continue; }
      }
      const t = this.resolveType(a.ty, env, scope);
      if (!t.ok) return t;
      out.push(t.value);
    }
    return ok(out);
  }

  private instantiateParams(params: readonly GenericParam[], given: GenericArgValue[], env: Env, span: Span, name: string, scope: Scope): Outcome<GenericArgValue[]> {
    const ps = params.filter((p) => p.kind !== 'lifetime');
    const { min, max } = paramBounds(params);
    if (given.length < min || given.length > max) {
      const expect = min === max ? `${min}` : `${min} to ${max}`;
      return fail(error('input/generic-arity', `\`${name}\` takes ${expect} generic argument${max === 1 ? '' : 's'} but ${given.length} ${given.length === 1 ? 'was' : 'were'} supplied`, span));
    }
    const out = [...given];
    const local = new Map(env);
    ps.forEach((p, i) => { const a = out[i]; if (a !== undefined) local.set(p.ident.name, a); });
    for (let i = given.length; i < ps.length; i++) {
      const p = ps[i] as GenericParam;
      if (p.kind === 'type' && p.default !== null) {
        const t = this.resolveType(p.default, local, scope);
        if (!t.ok) return t;
        out.push(t.value);
        local.set(p.ident.name, t.value);
      } else if (p.kind === 'const' && p.default !== null) {
        const v = evalConst(p.default, (n) => constOf(local, n, this));
        if (!v.ok) return v;
        out.push({ kind: 'const', value: v.value });
      }
    }
    return ok(out);
  }

  /** Resolves a type expression; `env` binds the generic parameters in scope. */
  resolveType(t: TypeExpr, env: Env = EMPTY_ENV, scope: Scope = 'user', selfTy: Ty | null = null): Outcome<Ty> {
    if (selfTy !== null) {
      const withSelf = new Map(env);
      withSelf.set('Self', selfTy);
      env = withSelf;
    }
    if (this.depth > MAX_DEPTH) return fail(error('input/too-deep', `type nests more than ${MAX_DEPTH} levels deep`, t.span));
    this.depth++;
    try {
      return this.resolveInner(t, env, scope);
    } finally {
      this.depth--;
    }
  }

  private resolveInner(t: TypeExpr, env: Env, scope: Scope): Outcome<Ty> {
    switch (t.kind) {
      case 'never': return ok({ kind: 'never' });
      case 'dyn':
        if (t.impl === true) return fail(error('input/unsupported', '`impl Trait` has no layout rustabi can know; write the concrete type', t.span));
        return ok({ kind: 'dyn', traits: t.traits });
      case 'fn': return ok({ kind: 'fnptr', text: fnText(t) });
      case 'tuple': {
        const elems: Ty[] = [];
        for (const e of t.elems) { const r = this.resolveType(e, env, scope); if (!r.ok) return r; elems.push(r.value); }
        return ok({ kind: 'tuple', elems });
      }
      case 'array': {
        const elem = this.resolveType(t.elem, env, scope);
        if (!elem.ok) return elem;
        const len = evalConst(t.len, (n) => constOf(env, n, this));
        if (!len.ok) return len;
        if (len.value < 0n) return fail(error('input/invalid-literal', 'array length must not be negative', t.len.span));
        if (len.value >= 1n << BigInt(this.target.pointerSize * 8)) return fail(error('input/invalid-literal', `array length ${len.value} is out of range for \`usize\``, t.len.span));
        return ok({ kind: 'array', elem: elem.value, len: len.value });
      }
      case 'slice': {
        const elem = this.resolveType(t.elem, env, scope);
        return elem.ok ? ok({ kind: 'slice', elem: elem.value }) : elem;
      }
      case 'ref': case 'ptr': {
        const p = this.resolveType(t.pointee, env, scope);
        return p.ok ? ok({ kind: t.kind, mutable: t.mutable, pointee: p.value }) : p;
      }
      case 'path': return this.resolvePath(t, env, scope);
    }
  }

  private resolvePath(t: TypeExpr & { kind: 'path' }, env: Env, scope: Scope): Outcome<Ty> {
    let segs = t.segments;
    while (segs.length > 1 && ['crate', 'self', 'super', ''].includes((segs[0] as { ident: { name: string } }).ident.name)) segs = segs.slice(1);
    const last = segs[segs.length - 1];
    if (last === undefined) return fail(error('input/expected', 'expected a type', t.span));
    const name = last.ident.name;
    const args = this.resolveArgs(last.args, env, scope);
    if (!args.ok) return args;
    if (segs.length === 1) {
      const bound = env.get(name);
      if (bound !== undefined) {
        if (bound.kind === 'const') return fail(error('input/expected', `expected a type, found const parameter \`${name}\``, t.span));
        return ok(bound);
      }
    }
    const prim = PRIMS[name];
    const primPath = segs.length === 1 || (segs.length === 2 && ['core', 'std'].includes(segs[0]?.ident.name ?? '')) || segs[1]?.ident.name === 'primitive';
    if (prim !== undefined && primPath && !(segs.length === 1 && scope === 'user' && this.user.has(name))) {
      if (args.value.length > 0) return fail(error('input/generic-arity', `primitive type \`${name}\` takes no generic arguments`, t.span));
      return ok(prim);
    }
    const entry = this.lookup(segs.map((s) => s.ident.name), args.value.length, scope);
    if (entry === undefined) {
      const suggestion = closestName(name, this.knownNames());
      const help = suggestion === undefined ? {} : { help: `a type with a similar name exists: \`${suggestion}\`` };
      if (args.value.length > 0) return fail(error('input/unknown-type', `cannot find type \`${name}\` in the definitions or the prelude`, last.ident.span, help));
      return ok({ kind: 'foreign', name: segs.map((s) => s.ident.name).join('::'), span: last.ident.span, suggestion: suggestion ?? null });
    }
    const inst = this.instantiateParams(entry.item.generics, args.value, env, t.span, name, entry.origin);
    if (!inst.ok) return inst;
    if (entry.kind === 'adt') return ok({ kind: 'adt', def: entry.def, args: inst.value });
    const local = new Map<string, GenericArgValue>();
    entry.item.generics.filter((g) => g.kind !== 'lifetime').forEach((g, i) => { const a = inst.value[i]; if (a !== undefined) local.set(g.ident.name, a); });
    if (this.expanding.has(entry.item)) {
      return fail(error('layout/recursive-type', `type alias \`${entry.item.ident.name}\` refers to itself`, entry.item.ident.span, { help: 'a type alias cannot be recursive; use a struct or enum with indirection' }));
    }
    this.expanding.add(entry.item);
    try {
      return this.resolveType(entry.item.ty, local, entry.origin);
    } finally {
      this.expanding.delete(entry.item);
    }
  }
}

function constOf(env: Env, name: string, r?: Resolver): bigint | undefined {
  const v = env.get(name);
  if (v !== undefined && v.kind === 'const') return v.value;
  return r?.constItem(name);
}

function fnText(t: TypeExpr & { kind: 'fn' }): string {
  const src = t.span.source.text.slice(t.span.start, t.span.end);
  return src.replace(/\s+/g, ' ');
}
