/**
 * Rust literal syntax read against a type: `parseValue('Some(42)', Option<u32>)`. The expression tree
 * comes from syntax.ts; this file checks it against the type (ranges, variants, fields, arity) and builds
 * the RustValue, with a span and a `value/*` code on every error. std and kernel types are read in
 * parse-std.ts. Lenient where Rust's Debug output differs from its constructor syntax: a reference may
 * be written without `&`, a `NonZero` as a plain number, a `String` as a string literal, so that what
 * `debugValue` prints parses back.
 */
import type { Diagnostic, Outcome, Source, Span } from '../model/diagnostics.js';
import { fail, ok } from '../model/diagnostics.js';
import type { Float } from '../model/scalar.js';
import type { Ty } from '../model/ty.js';
import { tyKey } from '../model/ty.js';
import type { FieldValue, RustValue } from '../model/value.js';
import type { LayoutCx } from '../layout/index.js';
import { charLiteral, intLiteral, stringLiteral } from '../input/literal.js';
import { valueError } from './codes.js';
import type { ValueCode } from './codes.js';
import { adtFieldTys, intRange, intTypeName, utf8Length } from './common.js';
import { FLOAT_FORMATS, bitsToNumber, decimalToBits, infBits, maxBits, minPositiveBits, nanBits, roundRational, withSign } from './float.js';
import { parseStdValue } from './parse-std.js';
import { preludeName } from './std-types.js';
import type { Expr, FieldExpr } from './syntax.js';
import { parseExpr } from './syntax.js';

/** Thrown inside the reader, caught at the entry points. */
export class ParseError {
  constructor(readonly diag: Diagnostic) {}
}

const FLOAT_SUFFIX = /(f16|f32|f64|f128)$/;
const INT_TYPES = new Set(['u8', 'u16', 'u32', 'u64', 'u128', 'usize', 'i8', 'i16', 'i32', 'i64', 'i128', 'isize']);

export class Reader {
  constructor(readonly cx: LayoutCx) {}

  fail(code: ValueCode, message: string, span: Span, help?: string): never {
    throw new ParseError(valueError(code, message, span, help === undefined ? {} : { help }));
  }

  unwrap<T>(o: Outcome<T>, span: Span): T {
    if (!o.ok) {
      const d = o.errors[0] as Diagnostic;
      throw new ParseError(d.span === undefined ? { ...d, span } : d);
    }
    return o.value;
  }

  mismatch(e: Expr, ty: Ty, what?: string): never {
    return this.fail('value/type-mismatch', `expected a value of type \`${tyKey(ty)}\`${what === undefined ? '' : `, found ${what}`}`, e.span);
  }

  /** Strips `(e)`-free wrappers that do not change the value: `x.clone()`, `x.into()`, `e as T` (for numbers). */
  peel(e: Expr): Expr {
    if (e.k === 'method' && e.args.length === 0 && ['clone', 'into', 'to_owned', 'to_string', 'to_vec', 'into_boxed_slice', 'into_boxed_str'].includes(e.name)) return this.peel(e.recv);
    return e;
  }

  value(e0: Expr, ty: Ty): RustValue {
    const e = this.peel(e0);
    switch (ty.kind) {
      case 'int': return { kind: 'int', value: this.intOf(e, ty), int: ty.int, signed: ty.signed };
      case 'float': return this.float(e, ty.float);
      case 'bool':
        if (e.k === 'path' && e.segs.length === 1 && (e.segs[0] === 'true' || e.segs[0] === 'false')) return { kind: 'bool', value: e.segs[0] === 'true' };
        return this.mismatch(e, ty);
      case 'char': {
        if (e.k !== 'char') return this.mismatch(e, ty);
        const c = charLiteral(e.text);
        if (!c.ok) return this.fail('value/syntax', c.message, e.span);
        return { kind: 'char', value: c.value };
      }
      case 'never': return this.fail('value/uninhabited', 'the type `!` has no values', e.span);
      case 'tuple': {
        if (e.k !== 'tuple') return this.mismatch(e, ty, ty.elems.length === 1 ? 'a parenthesised value (write `(x,)` for a 1-tuple)' : undefined);
        if (e.elems.length !== ty.elems.length) this.fail('value/arity', `expected ${ty.elems.length} elements for \`${tyKey(ty)}\`, found ${e.elems.length}`, e.span);
        if (ty.elems.length === 0) return { kind: 'unit' };
        return { kind: 'tuple', elems: e.elems.map((x, i) => this.value(x, ty.elems[i] as Ty)) };
      }
      case 'array': {
        const elems = this.elems(e, ty.elem, ty);
        if (BigInt(elems.length) !== ty.len) this.fail('value/arity', `expected ${ty.len} elements for \`${tyKey(ty)}\`, found ${elems.length}`, e.span);
        return { kind: 'array', elems };
      }
      case 'ref': return this.pointee(e.k === 'ref' ? e.e : e, ty.pointee, ty);
      case 'ptr': case 'fnptr': return this.rawPointer(e);
      case 'adt': return parseStdValue(this, e, ty) ?? this.adt(e, ty);
      default: return this.fail('value/unsupported', `values of type \`${tyKey(ty)}\` cannot be written by value`, e.span);
    }
  }

  /** Elements of `[a, b]`, `[x; n]`, `vec![…]` or `&[…]`. */
  elems(e0: Expr, elem: Ty, whole: Ty): RustValue[] {
    let e = this.peel(e0);
    if (e.k === 'ref') e = e.e;
    if (e.k === 'macro' && e.name === 'vec') e = e.body;
    if (e.k === 'array') return e.elems.map((x) => this.value(x, elem));
    if (e.k === 'repeat') {
      const n = this.intOf(e.count, { kind: 'int', int: 'size', signed: false });
      if (n > 1_000_000n) this.fail('value/unsupported', `${n} elements are more than this reader builds`, e.count.span);
      const v = this.value(e.e, elem);
      return Array.from({ length: Number(n) }, () => v);
    }
    return this.mismatch(e, whole);
  }

  /** What a reference (or Box) to `pointee` holds: `"s"` for str, elements for slices, else the pointee. */
  pointee(e0: Expr, pointee: Ty, refTy: Ty): RustValue {
    const e = this.peel(e0);
    // `0x1000 as &T`: a reference by address (the pointee is then read from memory, if any).
    if (e.k === 'cast' && /^&/.test(e.type.trim())) return { kind: 'ref', address: this.intOf(e.e, { kind: 'int', int: 'size', signed: false }) };
    if (pointee.kind === 'str') {
      const s = this.strOf(e, refTy);
      return { kind: 'str', address: null, len: BigInt(utf8Length(s)), text: s };
    }
    if (pointee.kind === 'slice') {
      const elems = this.elems(e, pointee.elem, refTy);
      return { kind: 'slice', address: null, len: BigInt(elems.length), elems };
    }
    if (pointee.kind === 'dyn') return this.fail('value/unsupported', `a \`${tyKey(refTy)}\` cannot be written (its vtable is not known); give an address with \`0x… as ${tyKey(refTy)}\``, e.span);
    return { kind: 'ref', address: null, pointee: this.value(e.k === 'ref' ? e.e : e, pointee) };
  }

  strOf(e0: Expr, ty: Ty): string {
    let e = this.peel(e0);
    if (e.k === 'ref') e = this.peel(e.e);
    if (e.k !== 'str') return this.mismatch(e, ty, 'something else than a string literal');
    const s = stringLiteral(e.text);
    if (!s.ok) return this.fail('value/syntax', s.message, e.span);
    return s.value;
  }

  private rawPointer(e0: Expr): RustValue {
    const e = e0.k === 'cast' ? e0.e : e0;
    const usize: Ty = { kind: 'int', int: 'size', signed: false };
    if (e.k === 'call' && ['null', 'null_mut'].includes(e.segs[e.segs.length - 1] ?? '') && e.args.length === 0) return { kind: 'ptr', address: 0n };
    if (e.k === 'call' && ['slice_from_raw_parts', 'slice_from_raw_parts_mut'].includes(e.segs[e.segs.length - 1] ?? '') && e.args.length === 2) {
      const [a, n] = e.args as [Expr, Expr];
      return { kind: 'ptr', address: this.intOf(a.k === 'cast' ? a.e : a, usize), metadata: { kind: 'len', value: this.intOf(n, usize) } };
    }
    return { kind: 'ptr', address: this.intOf(e, usize) };
  }

  /** An integer expression's value, range-checked for `ty`. */
  intOf(e: Expr, ty: Ty & { kind: 'int' }): bigint {
    const v = this.intExpr(this.peel(e), ty);
    const r = intRange(ty.int, ty.signed, this.cx.dl);
    if (v < r.min || v > r.max) this.fail('value/out-of-range', `${v} does not fit in \`${intTypeName(ty.int, ty.signed)}\` (${r.min}..=${r.max})`, e.span);
    return v;
  }

  private intExpr(e: Expr, ty: Ty & { kind: 'int' }): bigint {
    const name = intTypeName(ty.int, ty.signed);
    switch (e.k) {
      case 'neg': return -this.intExpr(this.peel(e.e), ty);
      case 'cast': return this.intExpr(this.peel(e.e), ty);
      case 'int': {
        if (e.text.startsWith("b'")) {
          const c = charLiteral(e.text);
          if (!c.ok) return this.fail('value/syntax', c.message, e.span);
          return BigInt(c.value);
        }
        const r = intLiteral(e.text);
        if (!r.ok) return FLOAT_SUFFIX.test(e.text) ? this.mismatch(e, ty, 'a float') : this.fail('value/syntax', r.message, e.span);
        if (r.value.suffix !== null && r.value.suffix !== name) this.fail('value/type-mismatch', `expected \`${name}\`, found a \`${r.value.suffix}\` literal`, e.span);
        return r.value.value;
      }
      case 'path': {
        const [a, b] = e.segs.slice(-2);
        if (e.segs.length >= 2 && b !== undefined && (b === 'MAX' || b === 'MIN') && INT_TYPES.has(a ?? '')) {
          if (a !== name) this.fail('value/type-mismatch', `expected \`${name}\`, found \`${a}::${b}\``, e.span);
          const r = intRange(ty.int, ty.signed, this.cx.dl);
          return b === 'MAX' ? r.max : r.min;
        }
        return this.mismatch(e, ty, `\`${e.segs.join('::')}\``);
      }
      default: return this.mismatch(e, ty);
    }
  }

  float(e: Expr, f: Float): RustValue {
    const bits = this.floatBits(this.peel(e), f);
    return { kind: 'float', float: f, bits, value: bitsToNumber(bits, f) };
  }

  private floatBits(e: Expr, f: Float): bigint {
    const name = 'f' + f.slice(1);
    const ty: Ty = { kind: 'float', float: f };
    switch (e.k) {
      case 'neg': {
        const b = this.floatBits(this.peel(e.e), f);
        return b ^ (1n << BigInt(FLOAT_FORMATS[f].bits - 1));
      }
      case 'int': case 'float': {
        const m = FLOAT_SUFFIX.exec(e.text);
        if (m !== null && !e.text.startsWith('0x') && m[1] !== name) this.fail('value/type-mismatch', `expected \`${name}\`, found a \`${m[1]}\` literal`, e.span);
        let body = m === null || e.text.startsWith('0x') ? e.text : e.text.slice(0, -(m[1] as string).length);
        body = body.replace(/_+$/, '');
        if (e.k === 'int' && /^0[xob]/.test(body)) {
          const r = intLiteral(body);
          if (!r.ok) return this.fail('value/syntax', r.message, e.span);
          return roundRational(r.value.value, 1n, f);
        }
        const bits = decimalToBits(body, f);
        if (bits === null) return this.fail('value/syntax', `\`${e.text}\` is not a float literal`, e.span);
        return bits;
      }
      case 'path': {
        const last = e.segs[e.segs.length - 1] ?? '';
        const prefix = e.segs.length >= 2 ? e.segs[e.segs.length - 2] : null;
        if (prefix !== null && prefix !== undefined && /^f(16|32|64|128)$/.test(prefix) && prefix !== name) this.fail('value/type-mismatch', `expected \`${name}\`, found \`${prefix}::${last}\``, e.span);
        switch (last) {
          case 'NAN': case 'NaN': return nanBits(f);
          case 'INFINITY': case 'inf': return infBits(f);
          case 'NEG_INFINITY': return withSign(infBits(f), true, f);
          case 'MAX': return maxBits(f);
          case 'MIN': return withSign(maxBits(f), true, f);
          case 'MIN_POSITIVE': return minPositiveBits(f);
          case 'EPSILON': return roundRational(1n, 1n << BigInt(FLOAT_FORMATS[f].mantBits), f);
          default: return this.mismatch(e, ty, `\`${e.segs.join('::')}\``);
        }
      }
      case 'call':
        if (e.segs[e.segs.length - 1] === 'from_bits' && e.args.length === 1) {
          const bitsTy: Ty = { kind: 'int', int: `I${FLOAT_FORMATS[f].bits}` as 'I8', signed: false };
          return this.intOf(e.args[0] as Expr, bitsTy as Ty & { kind: 'int' });
        }
        return this.mismatch(e, ty);
      default: return this.mismatch(e, ty);
    }
  }

  /** User structs, enums and unions, and the std ones without special syntax (Option, Result, Ordering…). */
  adt(e: Expr, ty: Ty & { kind: 'adt' }): RustValue {
    const def = ty.def;
    if (def.kind === 'union') return this.fail('value/unsupported', `union values are written as bytes; \`${def.name}\` cannot be read from \`${e.span.source.text.slice(e.span.start, e.span.end)}\``, e.span);
    const segs = e.k === 'path' || e.k === 'call' || e.k === 'struct' ? e.segs : null;
    if (segs === null) return this.mismatch(e, ty);
    const last = segs[segs.length - 1] as string;
    if (def.kind === 'struct') {
      if (last !== def.name && last !== 'Self' && preludeName(ty) === null) this.fail('value/type-mismatch', `expected \`${tyKey(ty)}\`, found \`${segs.join('::')}\``, e.span);
      const fields = this.fieldsFor(e, ty, 0, def.name);
      return { kind: 'struct', name: def.name, shape: def.variants[0]?.shape ?? 'unit', fields, ty };
    }
    const vi = def.variants.findIndex((v) => v.name === last);
    if (vi < 0) {
      const names = def.variants.map((v) => `\`${v.name}\``).join(', ');
      return this.fail('value/unknown-variant', `\`${def.name}\` has no variant \`${last}\``, e.span, names === '' ? undefined : `its variants are ${names}`);
    }
    const info = def.variants[vi] as (typeof def.variants)[number];
    const fields = this.fieldsFor(e, ty, vi, `${def.name}::${info.name}`);
    return { kind: 'enum', name: def.name, variant: info.name, variantIndex: vi, shape: info.shape, fields, ty };
  }

  /** The fields of variant `vi` from `Name`, `Name(a, b)` or `Name { f: a }`, checked against its shape. */
  private fieldsFor(e: Expr, ty: Ty & { kind: 'adt' }, vi: number, what: string): FieldValue[] {
    const info = ty.def.variants[vi];
    const tys = this.unwrap(adtFieldTys(ty, vi), e.span);
    const names = info?.fields.map((f) => f.name) ?? [];
    if (e.k === 'path') {
      if (tys.length > 0) this.fail('value/arity', `\`${what}\` has ${tys.length} field${tys.length === 1 ? '' : 's'}; none given`, e.span);
      return [];
    }
    if (e.k === 'call') {
      if (info?.shape === 'named') this.fail('value/type-mismatch', `\`${what}\` has named fields: write \`${what} { … }\``, e.span);
      if (e.args.length !== tys.length) this.fail('value/arity', `\`${what}\` has ${tys.length} field${tys.length === 1 ? '' : 's'}, found ${e.args.length}`, e.span);
      return e.args.map((a, i) => ({ name: names[i] ?? String(i), value: this.value(a, tys[i] as Ty) }));
    }
    if (e.k !== 'struct') return this.mismatch(e, ty);
    const given = new Map<string, FieldExpr>();
    for (const f of e.fields) {
      if (!names.includes(f.name)) this.fail('value/unknown-field', `\`${what}\` has no field \`${f.name}\``, f.span, names.length > 0 ? `its fields are ${names.map((n) => `\`${n}\``).join(', ')}` : undefined);
      if (given.has(f.name)) this.fail('value/unknown-field', `field \`${f.name}\` is given twice`, f.span);
      given.set(f.name, f);
    }
    return names.map((n, i) => {
      const f = given.get(n);
      if (f === undefined) return this.fail('value/missing-field', `missing field \`${n}\` of \`${what}\``, e.span);
      return { name: n, value: this.value(f.e, tys[i] as Ty) };
    });
  }
}

/** Reads `text` (Rust literal syntax) as a value of type `ty`. */
export function parseValue(text: string, ty: Ty, cx: LayoutCx, sourceName = '<value>'): Outcome<RustValue> {
  const source: Source = { name: sourceName, text };
  const e = parseExpr(source);
  if (!e.ok) return e;
  return valueFromExpr(e.value, ty, cx);
}

/** Reads an already parsed expression as a value of type `ty`. */
export function valueFromExpr(e: Expr, ty: Ty, cx: LayoutCx): Outcome<RustValue> {
  try {
    return ok(new Reader(cx).value(e, ty));
  } catch (err) {
    if (err instanceof ParseError) return fail(err.diag);
    throw err;
  }
}
