/** A compact recursive-descent parser for the input language (stand-in until the full parser lands). */
import type { Diagnostic, Outcome, Source, Span } from '../../model/diagnostics.js';
import { error, fail, ok } from '../../model/diagnostics.js';
import type { Attr, ConstExpr, FieldDef, FnItem, GenericArg, GenericParam, Ident, Item, Meta, Param, PathSegment, SelfParam, SourceFile, TypeExpr, VariantDef } from '../ast.js';
import type { Tok } from './lexer.js';
import { lex } from './lexer.js';

class ParseError extends Error { constructor(readonly diag: Diagnostic) { super(diag.message); } }
const MAX_DEPTH = 256;

class P {
  i = 0;
  depth = 0;
  constructor(readonly src: Source, readonly toks: Tok[]) {}
  get t(): Tok { return this.toks[this.i] as Tok; }
  atEof(): boolean { return this.t.kind === 'eof'; }
  peek(k = 1): Tok { return this.toks[Math.min(this.i + k, this.toks.length - 1)] as Tok; }
  span(a: number, b: number): Span { return { source: this.src, start: a, end: b }; }
  tokSpan(t: Tok): Span { return this.span(t.start, t.end); }
  prevEnd(): number { return (this.toks[this.i - 1] ?? this.t).end; }
  describe(t: Tok): string { return t.kind === 'eof' ? 'end of input' : `\`${t.text}\``; }
  fail(what: string, t: Tok = this.t): never {
    throw new ParseError(error('input/expected', `expected ${what}, found ${this.describe(t)}`, this.tokSpan(t)));
  }
  is(text: string): boolean { const t = this.t; return (t.kind === 'punct' || t.kind === 'ident') && t.text === text; }
  eat(text: string): boolean { if (this.is(text)) { this.i++; return true; } return false; }
  expect(text: string): Tok { if (!this.is(text)) this.fail(`\`${text}\``); return this.toks[this.i++] as Tok; }
  /** `>` possibly glued into `>>`, `>=`, `>>=`. */
  eatGt(): boolean {
    const t = this.t;
    if (t.kind !== 'punct' || t.text[0] !== '>') return false;
    if (t.text === '>') { this.i++; return true; }
    const rest = t.text.slice(1);
    this.toks[this.i] = { ...t, text: rest, start: t.start + 1 };
    return true;
  }
  ident(what = 'an identifier'): Ident {
    const t = this.t;
    if (t.kind !== 'ident') this.fail(what);
    this.i++;
    return { name: t.text, span: this.tokSpan(t) };
  }
  enter(): void { if (++this.depth > MAX_DEPTH) throw new ParseError(error('input/too-deep', `nesting deeper than ${MAX_DEPTH} levels`, this.tokSpan(this.t))); }
  leave(): void { this.depth--; }

  // ---- types
  type(): TypeExpr {
    this.enter();
    try { return this.typeInner(); } finally { this.leave(); }
  }
  private typeInner(): TypeExpr {
    const st = this.t.start;
    if (this.eat('(')) {
      const elems: TypeExpr[] = [];
      let trailingComma = false;
      while (!this.is(')')) {
        elems.push(this.type());
        trailingComma = false;
        if (!this.eat(',')) break;
        trailingComma = true;
      }
      this.expect(')');
      if (elems.length === 1 && !trailingComma) return elems[0] as TypeExpr;
      return { kind: 'tuple', elems, span: this.span(st, this.prevEnd()) };
    }
    if (this.eat('[')) {
      const elem = this.type();
      if (this.eat(';')) { const len = this.constExpr(); this.expect(']'); return { kind: 'array', elem, len, span: this.span(st, this.prevEnd()) }; }
      this.expect(']');
      return { kind: 'slice', elem, span: this.span(st, this.prevEnd()) };
    }
    if (this.is('&') || this.is('&&')) {
      const dbl = this.t.text === '&&';
      this.i++;
      let lifetime: string | null = null;
      if (this.t.kind === 'lifetime') { lifetime = this.t.text; this.i++; }
      const mutable = this.eat('mut');
      const pointee = this.type();
      const inner: TypeExpr = { kind: 'ref', mutable, lifetime, pointee, span: this.span(dbl ? st + 1 : st, this.prevEnd()) };
      return dbl ? { kind: 'ref', mutable: false, lifetime: null, pointee: inner, span: this.span(st, this.prevEnd()) } : inner;
    }
    if (this.eat('*')) {
      let mutable = false;
      if (this.eat('mut')) mutable = true; else if (!this.eat('const')) this.fail('`const` or `mut` after `*`');
      const pointee = this.type();
      return { kind: 'ptr', mutable, pointee, span: this.span(st, this.prevEnd()) };
    }
    if (this.eat('!')) return { kind: 'never', span: this.span(st, this.prevEnd()) };
    if (this.is('for')) { this.i++; this.expect('<'); while (!this.eatGt()) { if (this.t.kind === 'eof') this.fail('`>`'); this.i++; } return this.type(); }
    if (this.is('fn') || this.is('unsafe') || this.is('extern')) return this.fnType(st);
    if (this.is('dyn')) {
      this.i++;
      return this.traitBounds(st);
    }
    if (this.is('impl')) throw new ParseError(error('input/unsupported', '`impl Trait` has no layout of its own; write the concrete type', this.tokSpan(this.t)));
    if (this.is('_')) throw new ParseError(error('input/unsupported', 'the placeholder `_` is not allowed here; write the type', this.tokSpan(this.t)));
    if (this.t.kind === 'ident' || this.is('::')) return this.pathType();
    return this.fail('a type');
  }
  private traitBounds(st: number): TypeExpr {
    const traits: string[] = [];
    do {
      if (this.t.kind === 'lifetime') { this.i++; continue; }
      const a = this.t.start;
      this.eat('?');
      const p = this.pathType();
      void p;
      traits.push(this.src.text.slice(a, this.prevEnd()).replace(/\s+/g, ''));
    } while (this.eat('+'));
    return { kind: 'dyn', traits, span: this.span(st, this.prevEnd()) };
  }
  private fnType(st: number): TypeExpr {
    const unsafe = this.eat('unsafe');
    let abi: string | null = null;
    if (this.eat('extern')) abi = this.t.kind === 'str' ? (this.toks[this.i++] as Tok).text : 'C';
    this.expect('fn');
    this.expect('(');
    const params: TypeExpr[] = [];
    while (!this.is(')')) {
      if (this.t.kind === 'ident' && this.peek().text === ':' && this.peek(2).text !== ':') { this.i += 2; }
      if (this.is('...')) { this.i++; } else params.push(this.type());
      if (!this.eat(',')) break;
    }
    this.expect(')');
    let ret: TypeExpr | null = null;
    if (this.eat('->')) ret = this.type();
    return { kind: 'fn', unsafe, abi, params, ret, span: this.span(st, this.prevEnd()) };
  }
  pathType(): TypeExpr & { kind: 'path' } {
    const st = this.t.start;
    const segments: PathSegment[] = [];
    if (this.eat('::')) { /* leading :: */ }
    for (;;) {
      const ident = this.ident('a type name');
      let args: GenericArg[] = [];
      if (this.is('::') && this.peek().text === '<') { this.i++; }
      if (this.is('<')) args = this.genericArgs();
      segments.push({ ident, args });
      if (this.is('::') && this.peek().kind === 'ident') { this.i++; continue; }
      break;
    }
    return { kind: 'path', segments, span: this.span(st, this.prevEnd()) };
  }
  private genericArgs(): GenericArg[] {
    this.expect('<');
    this.enter();
    const args: GenericArg[] = [];
    while (!this.eatGt()) {
      if (this.t.kind === 'lifetime') this.i++;
      else if (this.t.kind === 'int' || this.is('-') || this.is('{')) {
        if (this.eat('{')) { args.push({ kind: 'const', expr: this.constExpr() }); this.expect('}'); }
        else args.push({ kind: 'const', expr: this.constUnary() });
      } else if (this.t.kind === 'ident' && this.peek().text === '=' ) {
        this.fail('a generic argument (associated type bindings are not supported)');
      } else args.push({ kind: 'type', ty: this.type() });
      if (!this.eat(',')) { if (!this.eatGt()) this.fail('`,` or `>`'); break; }
    }
    this.leave();
    return args;
  }

  // ---- const expressions
  constExpr(minPrec = 0): ConstExpr {
    this.enter();
    try {
      let left = this.constUnary();
      const PREC: Record<string, number> = { '|': 1, '^': 2, '&': 3, '<<': 4, '>>': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };
      for (;;) {
        const op = this.t.kind === 'punct' ? this.t.text : '';
        const p = PREC[op];
        if (p === undefined || p < minPrec) return left;
        this.i++;
        const right = this.constExpr(p + 1);
        left = { kind: 'binary', op: op as '+', left, right, span: this.span(left.span.start, right.span.end) };
      }
    } finally { this.leave(); }
  }
  private constUnary(): ConstExpr {
    const st = this.t.start;
    if (this.is('-') || this.is('!')) {
      const op = (this.toks[this.i++] as Tok).text as '-' | '!';
      this.enter();
      try { const e = this.constUnary(); return { kind: 'unary', op, expr: e, span: this.span(st, e.span.end) }; } finally { this.leave(); }
    }
    if (this.eat('(')) { const e = this.constExpr(); this.expect(')'); return e; }
    if (this.eat('{')) { const e = this.constExpr(); this.expect('}'); return e; }
    const t = this.t;
    if (t.kind === 'int') { this.i++; return { kind: 'lit', value: t.value as bigint, suffix: t.suffix ?? null, span: this.tokSpan(t) }; }
    if (t.kind === 'ident') {
      const p = this.pathType();
      const name = p.segments.map((s) => s.ident.name).join('::');
      if (this.eat('as')) this.type();
      return { kind: 'path', name, span: p.span };
    }
    return this.fail('a constant expression');
  }

  // ---- attributes
  attrs(): Attr[] {
    const out: Attr[] = [];
    while (this.is('#')) {
      const st = this.t.start;
      if (this.peek().text === '!') { this.i += 2; this.skipDelim(); continue; }
      this.i++;
      this.expect('[');
      const path = this.metaPath();
      let args: Meta[] | null = null;
      let value: string | bigint | null = null;
      if (this.is('(')) args = this.metaList();
      else if (this.eat('=')) value = this.litValue();
      this.expect(']');
      out.push({ path, args, value, span: this.span(st, this.prevEnd()) });
    }
    return out;
  }
  private metaPath(): string {
    const parts = [this.ident('an attribute name').name];
    while (this.eat('::')) parts.push(this.ident().name);
    return parts.join('::');
  }
  private litValue(): string | bigint {
    const t = this.t;
    if (t.kind === 'str') { this.i++; return t.text; }
    if (t.kind === 'int') { this.i++; return t.value as bigint; }
    if (this.is('-') && this.peek().kind === 'int') { this.i += 2; return -((this.toks[this.i - 1] as Tok).value as bigint); }
    if (t.kind === 'ident' && (t.text === 'true' || t.text === 'false')) { this.i++; return t.text; }
    return this.fail('a literal');
  }
  private metaList(): Meta[] {
    this.expect('(');
    this.enter();
    const out: Meta[] = [];
    while (!this.is(')')) {
      const st = this.t.start;
      if (this.t.kind === 'str' || this.t.kind === 'int') out.push({ kind: 'lit', value: this.litValue(), span: this.span(st, this.prevEnd()) });
      else {
        const name = this.metaPath();
        if (this.eat('=')) out.push({ kind: 'nameValue', name, value: this.litValue(), span: this.span(st, this.prevEnd()) });
        else out.push({ kind: 'word', name, args: this.is('(') ? this.metaList() : null, span: this.span(st, this.prevEnd()) });
      }
      if (!this.eat(',')) break;
    }
    this.expect(')');
    this.leave();
    return out;
  }
  skipDelim(): void {
    const open = this.t.text;
    const close = open === '(' ? ')' : open === '[' ? ']' : open === '{' ? '}' : '';
    if (close === '') this.fail('`(`, `[` or `{`');
    const st = this.t;
    let depth = 0;
    for (;;) {
      const t = this.t;
      if (t.kind === 'eof') throw new ParseError(error('input/unterminated', `unclosed delimiter \`${open}\``, this.tokSpan(st)));
      if (t.kind === 'punct' && (t.text === '(' || t.text === '[' || t.text === '{')) depth++;
      if (t.kind === 'punct' && (t.text === ')' || t.text === ']' || t.text === '}')) depth--;
      this.i++;
      if (depth === 0) return;
    }
  }

  // ---- items
  visibility(): void {
    if (this.eat('pub')) { if (this.is('(')) this.skipDelim(); }
  }
  generics(): GenericParam[] {
    const out: GenericParam[] = [];
    if (!this.eat('<')) return out;
    while (!this.eatGt()) {
      this.attrs();
      if (this.t.kind === 'lifetime') {
        const t = this.t; this.i++;
        out.push({ kind: 'lifetime', ident: { name: t.text, span: this.tokSpan(t) } });
        if (this.eat(':')) { while (this.t.kind === 'lifetime' || this.is('+')) this.i++; }
      } else if (this.eat('const')) {
        const ident = this.ident();
        this.expect(':');
        const ty = this.type();
        const def = this.eat('=') ? this.constUnary() : null;
        out.push({ kind: 'const', ident, ty, default: def });
      } else {
        const ident = this.ident('a generic parameter');
        let maybeUnsized = false;
        if (this.eat(':')) maybeUnsized = this.bounds();
        const def = this.eat('=') ? this.type() : null;
        out.push({ kind: 'type', ident, maybeUnsized, default: def });
      }
      if (!this.eat(',')) { if (!this.eatGt()) this.fail('`,` or `>`'); break; }
    }
    return out;
  }
  /** Skips trait bounds; true when `?Sized` is among them. */
  bounds(): boolean {
    let unsized = false;
    for (;;) {
      if (this.t.kind === 'lifetime') this.i++;
      else if (this.is('?')) { this.i++; const p = this.pathType(); if (p.segments[p.segments.length - 1]?.ident.name === 'Sized') unsized = true; }
      else if (this.is('(')) this.skipDelim();
      else if (this.is('for')) { this.i++; this.expect('<'); while (!this.eatGt()) this.i++; continue; }
      else if (this.t.kind === 'ident' || this.is('::')) { const p = this.pathType(); if (this.is('(')) { this.skipDelim(); if (this.eat('->')) this.type(); } void p; }
      else break;
      if (!this.eat('+')) break;
    }
    return unsized;
  }
  whereClause(gens: GenericParam[]): GenericParam[] {
    if (!this.eat('where')) return gens;
    let out = gens;
    while (!this.is('{') && !this.is(';') && !this.is('(') && this.t.kind !== 'eof') {
      if (this.t.kind === 'lifetime') { this.i++; this.expect(':'); while (this.t.kind === 'lifetime' || this.is('+')) this.i++; }
      else {
        const ty = this.type();
        this.expect(':');
        const unsized = this.bounds();
        if (unsized && ty.kind === 'path' && ty.segments.length === 1) {
          const name = ty.segments[0]?.ident.name;
          out = out.map((g) => (g.kind === 'type' && g.ident.name === name ? { ...g, maybeUnsized: true } : g));
        }
      }
      if (!this.eat(',')) break;
    }
    return out;
  }
  fields(close: ')' | '}'): FieldDef[] {
    const out: FieldDef[] = [];
    while (!this.is(close)) {
      const attrs = this.attrs();
      const st = this.t.start;
      this.visibility();
      let ident: Ident | null = null;
      if (close === '}') { ident = this.ident('a field name'); this.expect(':'); }
      const ty = this.type();
      out.push({ ident, ty, attrs, span: this.span(st, this.prevEnd()) });
      if (!this.eat(',')) break;
    }
    this.expect(close);
    return out;
  }
  item(): Item | null {
    const attrs = this.attrs();
    const st = this.t.start;
    if (this.t.kind === 'eof') return null;
    this.visibility();
    const kw = this.t.text;
    if (this.t.kind === 'ident' && this.peek().text === '!' ) { // macro invocation
      this.i += 2;
      if (this.t.kind === 'ident') this.i++;
      this.skipDelim();
      this.eat(';');
      return { kind: 'skipped', what: 'macro invocation', span: this.span(st, this.prevEnd()) };
    }
    if (kw === 'struct' || kw === 'union') {
      this.i++;
      const ident = this.ident();
      let generics = this.generics();
      generics = this.whereClause(generics);
      if (kw === 'union') { this.expect('{'); const fields = this.fields('}'); return { kind: 'union', ident, generics, attrs, span: this.span(st, this.prevEnd()), fields }; }
      if (this.eat(';')) return { kind: 'struct', ident, generics, attrs, span: this.span(st, this.prevEnd()), shape: 'unit', fields: [] };
      if (this.eat('(')) {
        const fields = this.fields(')');
        generics = this.whereClause(generics);
        this.expect(';');
        return { kind: 'struct', ident, generics, attrs, span: this.span(st, this.prevEnd()), shape: 'tuple', fields };
      }
      this.expect('{');
      const fields = this.fields('}');
      return { kind: 'struct', ident, generics, attrs, span: this.span(st, this.prevEnd()), shape: 'named', fields };
    }
    if (kw === 'enum') {
      this.i++;
      const ident = this.ident();
      const generics = this.whereClause(this.generics());
      this.expect('{');
      const variants: VariantDef[] = [];
      while (!this.is('}')) {
        const vattrs = this.attrs();
        const vst = this.t.start;
        this.visibility();
        const vid = this.ident('a variant name');
        let shape: 'named' | 'tuple' | 'unit' = 'unit';
        let fields: FieldDef[] = [];
        if (this.eat('(')) { shape = 'tuple'; fields = this.fields(')'); }
        else if (this.eat('{')) { shape = 'named'; fields = this.fields('}'); }
        const discriminant = this.eat('=') ? this.constExpr() : null;
        variants.push({ ident: vid, shape, fields, discriminant, attrs: vattrs, span: this.span(vst, this.prevEnd()) });
        if (!this.eat(',')) break;
      }
      this.expect('}');
      return { kind: 'enum', ident, generics, attrs, span: this.span(st, this.prevEnd()), variants };
    }
    if (kw === 'type') {
      this.i++;
      const ident = this.ident();
      const generics = this.whereClause(this.generics());
      if (this.eat(':')) this.bounds();
      if (this.eat(';')) return { kind: 'skipped', what: 'associated type', span: this.span(st, this.prevEnd()) };
      this.expect('=');
      const ty = this.type();
      this.expect(';');
      return { kind: 'alias', ident, generics, attrs, span: this.span(st, this.prevEnd()), ty };
    }
    if (kw === 'mod') {
      this.i++;
      const ident = this.ident();
      if (this.eat(';')) return { kind: 'skipped', what: 'module declaration', span: this.span(st, this.prevEnd()) };
      this.expect('{');
      const items: Item[] = [];
      this.enter();
      while (!this.is('}')) { if (this.atEof()) this.fail('`}`'); const it = this.item(); if (it !== null) items.push(it); }
      this.leave();
      this.expect('}');
      return { kind: 'mod', ident, items, attrs, span: this.span(st, this.prevEnd()) };
    }
    if (kw === 'impl' || (kw === 'unsafe' && this.peek().text === 'impl')) {
      this.eat('unsafe');
      this.i++;
      const generics = this.generics();
      this.eat('!');
      const first = this.type();
      let trait: string | null = null;
      let selfTy = first;
      if (this.eat('for')) { trait = this.src.text.slice(first.span.start, first.span.end); selfTy = this.type(); }
      this.whereClause(generics);
      this.expect('{');
      const fns: FnItem[] = [];
      while (!this.is('}')) {
        if (this.atEof()) this.fail('`}`');
        const save = this.i;
        const fattrs = this.attrs();
        this.visibility();
        const kw2 = this.t.text;
        if (['fn', 'const', 'async', 'unsafe', 'extern'].includes(kw2) && this.looksLikeFn()) {
          this.i = save;
          const f = this.item();
          if (f !== null && f.kind === 'fn') fns.push(f);
          void fattrs;
        } else {
          this.i = save;
          this.attrs();
          this.skipToItemEnd();
        }
      }
      this.expect('}');
      return { kind: 'impl', generics, trait, selfTy, fns, attrs, span: this.span(st, this.prevEnd()) };
    }
    if (this.looksLikeFn()) return this.fnItem(attrs, st);
    if (kw === 'extern' && this.peek().kind === 'str' && this.peek(2).text === '{') {
      this.i += 2;
      this.expect('{');
      const items: Item[] = [];
      while (!this.is('}')) {
        if (this.atEof()) this.fail('`}`');
        const a = this.attrs(); const s2 = this.t.start; this.visibility();
        if (this.looksLikeFn()) { const f = this.fnItem(a, s2, 'C'); items.push(f); } else this.skipToItemEnd();
      }
      this.expect('}');
      return { kind: 'mod', ident: { name: 'extern', span: this.span(st, st) }, items, attrs, span: this.span(st, this.prevEnd()) };
    }
    if (kw === 'extern' && this.peek().text === 'crate') { this.skipToItemEnd(); return { kind: 'skipped', what: 'extern crate', span: this.span(st, this.prevEnd()) }; }
    const what = kw === 'use' ? 'use declaration' : kw === 'trait' || (kw === 'unsafe' && this.peek().text === 'trait') ? 'trait definition'
      : kw === 'const' ? 'const item' : kw === 'static' ? 'static item' : kw === 'macro_rules' ? 'macro definition' : null;
    if (what === null) this.fail('an item (`struct`, `enum`, `union`, `type`, `fn`, `impl`, `mod`, `use`, …)');
    this.skipToItemEnd();
    return { kind: 'skipped', what, span: this.span(st, this.prevEnd()) };
  }
  looksLikeFn(): boolean {
    let k = 0;
    for (;;) {
      const t = this.peek(k);
      if (t.text === 'fn' && t.kind === 'ident') return true;
      if (t.kind === 'ident' && ['const', 'async', 'unsafe', 'extern', 'default'].includes(t.text)) { k++; continue; }
      if (t.kind === 'str' && k > 0) { k++; continue; }
      return false;
    }
  }
  skipToItemEnd(): void {
    while (this.t.kind !== 'eof') {
      if (this.is(';')) { this.i++; return; }
      if (this.is('{')) { this.skipDelim(); this.eat(';'); return; }
      if (this.is('(') || this.is('[')) { this.skipDelim(); continue; }
      this.i++;
    }
  }
  fnItem(attrs: Attr[], st: number, forcedAbi: string | null = null): FnItem {
    let unsafe = false;
    let abi: string | null = forcedAbi;
    for (;;) {
      if (this.eat('const') || this.eat('async') || this.eat('default')) continue;
      if (this.eat('unsafe')) { unsafe = true; continue; }
      if (this.eat('extern')) { abi = this.t.kind === 'str' ? (this.toks[this.i++] as Tok).text : 'C'; continue; }
      break;
    }
    this.expect('fn');
    const ident = this.ident('a function name');
    let generics = this.generics();
    this.expect('(');
    let selfParam: SelfParam | null = null;
    const params: Param[] = [];
    let first = true;
    while (!this.is(')')) {
      this.attrs();
      const pst = this.t.start;
      if (first) {
        const sp = this.trySelf(pst);
        if (sp !== null) { selfParam = sp; first = false; if (!this.eat(',')) break; continue; }
      }
      first = false;
      if (this.is('...')) { this.i++; if (!this.eat(',')) break; continue; }
      const patStart = this.t.start;
      let depth = 0;
      while (!(depth === 0 && this.is(':'))) {
        if (this.t.kind === 'eof') this.fail('`:`');
        if (this.is('(') || this.is('[') || this.is('{')) depth++;
        if (this.is(')') || this.is(']') || this.is('}')) { if (depth === 0) this.fail('`:`'); depth--; }
        this.i++;
      }
      const pattern = this.src.text.slice(patStart, this.prevEnd()).trim();
      this.expect(':');
      const ty = this.type();
      params.push({ pattern, ty, span: this.span(pst, this.prevEnd()) });
      if (!this.eat(',')) break;
    }
    this.expect(')');
    let ret: TypeExpr | null = null;
    if (this.eat('->')) ret = this.type();
    generics = this.whereClause(generics);
    if (this.is('{')) this.skipDelim(); else if (!this.eat(';') && this.t.kind !== 'eof') this.fail('`{` or `;`');
    return { kind: 'fn', ident, generics, attrs, span: this.span(st, this.prevEnd()), unsafe, abi, selfParam, params, ret };
  }
  private trySelf(pst: number): SelfParam | null {
    const save = this.i;
    if (this.is('&') || this.is('&&')) {
      this.i++;
      if (this.t.kind === 'lifetime') this.i++;
      const mutable = this.eat('mut');
      if (this.eat('self')) return { kind: 'ref', mutable, span: this.span(pst, this.prevEnd()) };
      this.i = save;
      return null;
    }
    this.eat('mut');
    if (this.is('self') && this.peek().text !== '::') {
      this.i++;
      if (this.eat(':')) { const ty = this.type(); return { kind: 'typed', ty, span: this.span(pst, this.prevEnd()) }; }
      return { kind: 'value', span: this.span(pst, this.prevEnd()) };
    }
    this.i = save;
    return null;
  }
}

function run<T>(source: Source, f: (p: P) => T): Outcome<T> {
  const l = lex(source);
  if ('error' in l) return fail(l.error);
  const p = new P(source, l.toks);
  try {
    const v = f(p);
    return ok(v);
  } catch (e) {
    if (e instanceof ParseError) return fail(e.diag);
    if (e instanceof RangeError) return fail(error('input/too-deep', 'input nests too deeply', { source, start: 0, end: Math.min(1, source.text.length) }));
    throw e;
  }
}

export function parseSourceFile(source: Source): Outcome<SourceFile> {
  return run(source, (p) => {
    const items: Item[] = [];
    while (!p.atEof()) { const it = p.item(); if (it !== null) items.push(it); }
    return { items };
  });
}

export function parseTypeExpr(source: Source): Outcome<TypeExpr> {
  if (source.text.trim() === '') return fail(error('input/empty', 'expected a type, found an empty string', { source, start: 0, end: 0 }));
  return run(source, (p) => {
    const t = p.type();
    if (!p.atEof()) p.fail('end of the type');
    return t;
  });
}

export function parseFnSignature(source: Source): Outcome<FnItem> {
  return run(source, (p) => {
    const attrs = p.attrs();
    const st = p.t.start;
    p.visibility();
    if (!p.looksLikeFn()) p.fail('`fn`');
    const f = p.fnItem(attrs, st);
    if (!p.atEof()) p.fail('end of the signature');
    return f;
  });
}
