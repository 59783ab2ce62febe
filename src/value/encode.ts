/**
 * Value → bytes, exactly as rustc lays the value out: little endian, padding zero, every field at its
 * layout offset, enum tags written per the layout's TagEncoding (Direct: the discriminant truncated to
 * the tag; Niche: `(variant − niche_variants.start) + niche_start` in the niche field; nothing for the
 * untagged variant). Pointees without an address (a parsed `&5`, `vec![1, 2]`) are placed through a
 * MemoryWriter when one is given.
 *
 * Raised std values are lowered on the way: a number given for a struct goes into its one non-ZST
 * field (NonZero, AtomicUsize, Cell's UnsafeCell…), a reference for `Box`/`Rc`/`Arc` becomes their
 * pointer, a slice/str for `Vec`/`String` becomes `{ptr, cap, len}`.
 */
import type { Diagnostic, Outcome } from '../model/diagnostics.js';
import { fail, ok } from '../model/diagnostics.js';
import type { Layout } from '../model/layout.js';
import { rangeContains } from '../model/scalar.js';
import type { Ty } from '../model/ty.js';
import { tyKey } from '../model/ty.js';
import type { FieldValue, MemoryWriter, RustValue } from '../model/value.js';
import type { FieldOf, LayoutCx } from '../layout/index.js';
import { discriminants, fieldsOf, layoutOf, pointerMetadata, primSize } from '../layout/index.js';
import { valueError } from './codes.js';
import type { ValueCode } from './codes.js';
import { intRange, intTypeName, readLe, typeArg, utf8Encode, writeLe } from './common.js';
import { FLOAT_FORMATS } from './float.js';
import { preludeName } from './std-types.js';

export interface EncodeOptions {
  /** Where pointees without an address are placed (their address is written into the pointer). */
  readonly memory?: MemoryWriter;
}

type Path = readonly (string | number)[];

class EncodeError {
  constructor(readonly diag: Diagnostic) {}
}

function kindText(v: RustValue): string {
  return v.kind === 'struct' || v.kind === 'union' ? `\`${v.name}\`` : v.kind === 'enum' ? `\`${v.name}::${v.variant}\`` : `a ${v.kind} value`;
}

class Encoder {
  constructor(private readonly cx: LayoutCx, private readonly mem: MemoryWriter | undefined) {}

  private fail(code: ValueCode, msg: string, path: Path): never {
    throw new EncodeError(valueError(code, path.length > 0 ? `${msg} (at \`${path.join('.')}\`)` : msg, undefined, { path }));
  }

  private unwrap<T>(o: Outcome<T>): T {
    if (!o.ok) throw new EncodeError(o.errors[0] as Diagnostic);
    return o.value;
  }

  private mismatch(v: RustValue, ty: Ty, path: Path): never {
    return this.fail('value/type-mismatch', `${kindText(v)} is not a value of type \`${tyKey(ty)}\``, path);
  }

  layout(ty: Ty): Layout {
    return this.unwrap(layoutOf(ty, this.cx));
  }

  put(v: RustValue, ty: Ty, l: Layout, buf: Uint8Array, off: number, path: Path): void {
    if (v.kind === 'invalid') {
      if (v.bytes !== undefined && v.bytes.length === l.size) { buf.set(v.bytes, off); return; }
      this.fail('value/type-mismatch', `cannot encode an invalid value (${v.reason})`, path);
    }
    const dl = this.cx.dl;
    switch (ty.kind) {
      case 'int': {
        if (v.kind !== 'int') return this.mismatch(v, ty, path);
        const r = intRange(ty.int, ty.signed, dl);
        if (v.value < r.min || v.value > r.max) this.fail('value/out-of-range', `${v.value} does not fit in \`${intTypeName(ty.int, ty.signed)}\``, path);
        writeLe(buf, off, l.size, v.value);
        return;
      }
      case 'float':
        if (v.kind !== 'float' || v.float !== ty.float) return this.mismatch(v, ty, path);
        writeLe(buf, off, FLOAT_FORMATS[ty.float].bits / 8, v.bits);
        return;
      case 'bool':
        if (v.kind !== 'bool') return this.mismatch(v, ty, path);
        buf[off] = v.value ? 1 : 0;
        return;
      case 'char':
        if (v.kind !== 'char') return this.mismatch(v, ty, path);
        if (v.value < 0 || v.value > 0x10ffff || (v.value >= 0xd800 && v.value <= 0xdfff)) this.fail('value/out-of-range', `0x${v.value.toString(16)} is not a Unicode scalar value`, path);
        writeLe(buf, off, 4, BigInt(v.value));
        return;
      case 'never': return this.fail('value/uninhabited', 'the type `!` has no values', path);
      case 'tuple': {
        if (ty.elems.length === 0) { if (v.kind !== 'unit' && !(v.kind === 'tuple' && v.elems.length === 0)) this.mismatch(v, ty, path); return; }
        if (v.kind !== 'tuple') return this.mismatch(v, ty, path);
        if (v.elems.length !== ty.elems.length) this.fail('value/arity', `a tuple of ${v.elems.length} elements for \`${tyKey(ty)}\``, path);
        this.putFields(this.unwrap(fieldsOf({ ty, layout: l }, this.cx)), (_, i) => v.elems[i], buf, off, path);
        return;
      }
      case 'array': {
        if (v.kind !== 'array') return this.mismatch(v, ty, path);
        if (BigInt(v.elems.length) !== ty.len) this.fail('value/arity', `an array of ${v.elems.length} elements for \`${tyKey(ty)}\``, path);
        const el = this.layout(ty.elem);
        const stride = l.fields.kind === 'array' ? l.fields.stride : el.size;
        v.elems.forEach((e, i) => this.put(e, ty.elem, el, buf, off + i * stride, [...path, i]));
        return;
      }
      case 'ref': case 'ptr': case 'fnptr': return this.putPointer(v, ty, l, buf, off, path);
      case 'adt': return this.putAdt(v, ty, l, buf, off, path);
      default: return this.fail('value/unsupported', `values of type \`${tyKey(ty)}\` cannot be placed by value`, path);
    }
  }

  private putFields(fields: readonly FieldOf[], get: (f: FieldOf, i: number) => RustValue | undefined, buf: Uint8Array, off: number, path: Path): void {
    fields.forEach((f, i) => {
      const fv = get(f, i);
      if (fv === undefined) {
        if (f.layout.size === 0) return; // markers (PhantomData, Global) need no value
        this.fail('value/missing-field', `no value for field \`${f.name}\``, path);
      }
      this.put(fv, f.ty, f.layout, buf, off + f.offset, [...path, f.name]);
    });
  }

  /** Places a pointee without an address; returns its address. */
  private place(bytes: Uint8Array, align: number, path: Path): bigint {
    if (this.mem === undefined) this.fail('value/no-address', 'a pointee has no address and no memory was given to place it', path);
    return this.mem.alloc(bytes, align);
  }

  private putPointer(v: RustValue, ty: Ty & { kind: 'ref' | 'ptr' | 'fnptr' }, l: Layout, buf: Uint8Array, off: number, path: Path): void {
    const ps = this.cx.dl.pointerSize;
    let address: bigint | null;
    let meta: bigint | null = null;
    const pointee = ty.kind === 'fnptr' ? null : ty.pointee;
    switch (v.kind) {
      case 'ptr': address = v.address; meta = v.metadata?.value ?? null; break;
      case 'int': address = v.value; break;
      case 'ref': {
        address = v.address;
        meta = v.metadata?.value ?? null;
        if (address === null) {
          if (v.pointee === undefined || pointee === null) return this.fail('value/no-address', 'a reference with neither an address nor a pointee', path);
          const pl = this.layout(pointee);
          address = this.place(this.encodeWhole(v.pointee, pointee, pl, [...path, '*']), pl.align, path);
        }
        break;
      }
      case 'slice': case 'str': {
        meta = v.len;
        address = v.address;
        if (address === null) {
          const elem = pointee?.kind === 'slice' ? pointee.elem : null;
          if (v.kind === 'str') {
            const bytes = utf8Encode(v.text ?? '');
            address = bytes.length === 0 ? 1n : this.place(bytes, 1, path);
          } else if (elem !== null && v.elems !== undefined) {
            address = this.placeElems(v.elems, elem, path);
          } else {
            return this.fail('value/no-address', 'a slice with neither an address nor elements', path);
          }
        }
        break;
      }
      default: return this.mismatch(v, ty, path);
    }
    writeLe(buf, off, ps, address);
    if (l.size >= 2 * ps) writeLe(buf, off + ps, ps, meta ?? 0n);
    if (ty.kind !== 'ptr' && address === 0n) this.fail('value/out-of-range', `a ${ty.kind === 'ref' ? 'reference' : 'fn pointer'} cannot be null`, path);
  }

  /** Elements of a slice/Vec placed in memory (a dangling, aligned address when empty). */
  placeElems(elems: readonly RustValue[], elem: Ty, path: Path): bigint {
    const el = this.layout(elem);
    if (elems.length === 0 || el.size === 0) return BigInt(el.align);
    const bytes = new Uint8Array(el.size * elems.length);
    elems.forEach((e, i) => this.put(e, elem, el, bytes, i * el.size, [...path, i]));
    return this.place(bytes, el.align, path);
  }

  encodeWhole(v: RustValue, ty: Ty, l: Layout, path: Path): Uint8Array {
    const buf = new Uint8Array(l.size);
    this.put(v, ty, l, buf, 0, path);
    return buf;
  }

  private putAdt(v: RustValue, ty: Ty & { kind: 'adt' }, l: Layout, buf: Uint8Array, off: number, path: Path): void {
    const def = ty.def;
    const name = preludeName(ty);
    if ((name === 'Vec' || name === 'String' || name === 'KernelVec') && (v.kind === 'slice' || v.kind === 'str')) {
      return this.put(this.lowerVec(v, ty, path), ty, l, buf, off, path);
    }
    const innerName = `${name ?? ''}Inner`;
    if ((name === 'Rc' || name === 'Arc') && v.kind === 'ref' && v.address === null && v.pointee !== undefined && !(v.pointee.kind === 'struct' && v.pointee.name === innerName)) {
      const inner: RustValue = {
        kind: 'struct', name: innerName, shape: 'named',
        fields: [{ name: 'strong', value: usize(1n) }, { name: 'weak', value: usize(1n) }, { name: name === 'Rc' ? 'value' : 'data', value: v.pointee }],
      };
      return this.put({ kind: 'ref', address: null, pointee: inner }, ty, l, buf, off, path);
    }
    if (def.kind === 'enum') return this.putEnum(v, ty, l, buf, off, path);
    const fields = this.unwrap(fieldsOf({ ty, layout: l }, this.cx));
    if (def.kind === 'union') {
      if (v.kind === 'union') {
        if (v.bytes.length !== l.size) this.fail('value/arity', `${v.bytes.length} bytes for union \`${tyKey(ty)}\` of ${l.size}`, path);
        buf.set(v.bytes, off);
        return;
      }
      const target = fields.find((f) => f.name === 'value') ?? (fields.length === 1 ? fields[0] : undefined);
      if (target === undefined) return this.mismatch(v, ty, path);
      return this.put(v, target.ty, target.layout, buf, off + target.offset, [...path, target.name]);
    }
    if (v.kind === 'struct' && v.name === def.name) {
      const byName = new Map<string, FieldValue>(v.fields.map((f) => [f.name, f]));
      for (const f of v.fields) if (!fields.some((g) => g.name === f.name)) this.fail('value/unknown-field', `\`${def.name}\` has no field \`${f.name}\``, path);
      this.putFields(fields, (f) => byName.get(f.name)?.value, buf, off, path);
    } else {
      // A raised value (a number for NonZero, a pointer for NonNull/Box, a value for UnsafeCell): into the one non-ZST field.
      const big = fields.filter((f) => f.layout.size > 0);
      const target = big.length === 1 ? big[0] : fields.length === 1 ? fields[0] : undefined;
      if (target === undefined) {
        if (l.size === 0 && (v.kind === 'unit' || v.kind === 'struct')) return;
        return this.mismatch(v, ty, path);
      }
      this.put(v, target.ty, target.layout, buf, off + target.offset, [...path, target.name]);
    }
    if ((def.validRangeStart !== null || def.validRangeEnd !== null) && l.repr.kind === 'scalar' && l.repr.s.kind === 'init') {
      const size = primSize(l.repr.s.prim, this.cx.dl);
      const raw = readLe(buf, off, size);
      if (!rangeContains(l.repr.s.valid, raw)) this.fail('value/out-of-range', `0x${raw.toString(16)} is not a valid \`${tyKey(ty)}\``, path);
    }
  }

  private lowerVec(v: RustValue & { kind: 'slice' | 'str' }, ty: Ty & { kind: 'adt' }, path: Path): RustValue {
    const name = preludeName(ty);
    const elem = name === 'String' ? ({ kind: 'int', int: 'I8', signed: false } as const) : typeArg(ty);
    if (elem === null) return this.mismatch(v, ty, path);
    let address = v.address;
    if (address === null) {
      if (v.kind === 'str') {
        const bytes = utf8Encode(v.text ?? '');
        address = bytes.length === 0 ? 1n : this.place(bytes, 1, path);
      } else if (v.elems !== undefined) {
        address = this.placeElems(v.elems, elem, path);
      } else {
        return this.fail('value/no-address', 'a vector with neither an address nor elements', path);
      }
    }
    const cap = usize(v.capacity ?? v.len);
    const ptr: RustValue = { kind: 'ptr', address };
    const len = usize(v.len);
    if (name === 'KernelVec') return struct('KernelVec', [['ptr', ptr], ['layout', struct('ArrayLayout', [['len', cap]])], ['len', len]]);
    const vec = struct('Vec', [['buf', struct('RawVec', [['inner', struct('RawVecInner', [['ptr', ptr], ['cap', cap]])]])], ['len', len]]);
    return name === 'String' ? struct('String', [['vec', vec]]) : vec;
  }

  private putEnum(v: RustValue, ty: Ty & { kind: 'adt' }, l: Layout, buf: Uint8Array, off: number, path: Path): void {
    const def = ty.def;
    if (v.kind !== 'enum') return this.mismatch(v, ty, path);
    const vi = def.variants.findIndex((x) => x.name === v.variant);
    if (vi < 0) return this.fail('value/unknown-variant', `\`${def.name}\` has no variant \`${v.variant}\``, path);
    const vars = l.variants;
    if (vars.kind === 'empty' || (vars.kind === 'single' && vars.index !== vi) || (vars.kind === 'multiple' && vars.variants[vi]?.uninhabited === true)) {
      return this.fail('value/uninhabited', `variant \`${def.name}::${v.variant}\` has no values`, path);
    }
    const fields = this.unwrap(fieldsOf({ ty, layout: l }, this.cx, vi));
    const byName = new Map<string, FieldValue>(v.fields.map((f) => [f.name, f]));
    for (const f of v.fields) if (!fields.some((g) => g.name === f.name)) this.fail('value/unknown-field', `\`${def.name}::${v.variant}\` has no field \`${f.name}\``, path);
    this.putFields(fields, (f) => byName.get(f.name)?.value, buf, off, [...path]);
    if (vars.kind !== 'multiple') return;
    const tagOff = off + (l.fields.kind === 'arbitrary' ? (l.fields.offsets[0] ?? 0) : 0);
    const tagSize = primSize(vars.tag.prim, this.cx.dl);
    const enc = vars.encoding;
    if (enc.kind === 'direct') {
      const ds = discriminants(def, this.cx.dl);
      if (!Array.isArray(ds)) return this.fail('value/unsupported', `the discriminants of \`${def.name}\` are invalid`, path);
      writeLe(buf, tagOff, tagSize, ds[vi] as bigint);
      return;
    }
    if (vi === enc.untaggedVariant) return;
    const [lo, hi] = enc.nicheVariants;
    if (vi < lo || vi > hi) return this.fail('value/uninhabited', `variant \`${def.name}::${v.variant}\` has no values`, path);
    writeLe(buf, tagOff, tagSize, BigInt(vi - lo) + enc.nicheStart);
  }
}

function usize(v: bigint): RustValue {
  return { kind: 'int', value: v, int: 'size', signed: false };
}

function struct(name: string, fields: readonly (readonly [string, RustValue])[]): RustValue {
  return { kind: 'struct', name, shape: 'named', fields: fields.map(([n, value]) => ({ name: n, value })) };
}

/** The bytes of `value` as a value of `ty` (whose layout is `layout`). */
export function encodeValue(value: RustValue, ty: Ty, layout: Layout, cx: LayoutCx, opts: EncodeOptions = {}): Outcome<Uint8Array> {
  try {
    return ok(new Encoder(cx, opts.memory).encodeWhole(value, ty, layout, []));
  } catch (e) {
    if (e instanceof EncodeError) return fail(e.diag);
    throw e;
  }
}

/** Whether a pointer to `pointee` is wide (slice/str length or vtable). */
export function isWidePointee(pointee: Ty): boolean {
  const m = pointerMetadata(pointee);
  return m.ok && m.value !== 'thin';
}
