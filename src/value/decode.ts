/**
 * Bytes → value, reading the layout the way rustc wrote it. Enum tags: Direct — the tag must equal
 * one variant's discriminant (truncated to the tag); Niche — reference digest E20:
 * `r = (tag − niche_start) mod 2^bits`, `r <= hi − lo` → variant `lo + r`, else the untagged variant
 * (whose own fields then decide validity). Every bit pattern no value has becomes an `invalid` node
 * (bool 7, a surrogate char, a tag no variant uses, an uninhabited variant, NonZero 0, a null reference,
 * a str that is not UTF-8), so a decoded value is never a wrong value.
 *
 * Pointers: references and Box/Rc/Arc/KBox read their pointee through a MemoryReader when one is given
 * (up to `maxDepth` pointers deep); otherwise only the address is kept. Vec/String/KVec become
 * slices/strs with their capacity, NonZero/NonNull/AtomicUsize the number or pointer they hold.
 */
import type { Diagnostic, Outcome } from '../model/diagnostics.js';
import { fail, ok } from '../model/diagnostics.js';
import type { Layout } from '../model/layout.js';
import { rangeContains } from '../model/scalar.js';
import type { Ty } from '../model/ty.js';
import { tyKey } from '../model/ty.js';
import type { FieldValue, MemoryReader, PtrMetadata, RustValue } from '../model/value.js';
import type { FieldOf, LayoutCx } from '../layout/index.js';
import { discriminants, fieldsOf, layoutOf, pointerMetadata, primSize } from '../layout/index.js';
import { valueError } from './codes.js';
import { adtFieldTys, readLe, typeArg, utf8Decode } from './common.js';
import { FLOAT_FORMATS, bitsToNumber } from './float.js';
import { preludeName } from './std-types.js';

export interface DecodeOptions {
  /** Where pointees are read from; without it references keep only their address. */
  readonly memory?: MemoryReader;
  /** How many pointers deep pointees are followed (default 8). */
  readonly maxDepth?: number;
  /** The most bytes (and elements, for zero-sized ones) read for one slice, str or Vec (default 1 MiB); longer ones keep only their address. */
  readonly maxBytes?: number;
}

export type DecodeSource = Uint8Array | { readonly reader: MemoryReader; readonly address: bigint };

type Path = readonly (string | number)[];

class DecodeError {
  constructor(readonly diag: Diagnostic) {}
}

const hex = (v: bigint): string => `0x${v.toString(16)}`;
const U8: Ty = { kind: 'int', int: 'I8', signed: false };

function invalid(reason: string, path: Path, bytes?: Uint8Array): RustValue {
  return bytes === undefined ? { kind: 'invalid', reason, path } : { kind: 'invalid', reason, path, bytes };
}

function field(v: RustValue, name: string): RustValue | undefined {
  return v.kind === 'struct' || v.kind === 'enum' ? v.fields.find((f) => f.name === name)?.value : undefined;
}

/** The value inside a decoded `UnsafeCell` (or a raised `Cell`, whose one field is its value). */
function cellInner(v: RustValue | undefined, cell: 'UnsafeCell' | 'Cell' = 'UnsafeCell'): RustValue | undefined {
  if (v?.kind !== 'struct' || v.ty === undefined || preludeName(v.ty) !== cell) return v;
  return v.fields[0]?.value;
}

/** Fields per layout context, type object and variant (types and layouts are immutable; a WeakMap frees them with their context). */
const FIELDS = new WeakMap<LayoutCx, WeakMap<Ty, { layout: Layout; fields: readonly FieldOf[] }[]>>();

class Decoder {
  private readonly maxDepth: number;
  private readonly maxBytes: number;
  private readonly mem: MemoryReader | undefined;
  constructor(private readonly cx: LayoutCx, opts: DecodeOptions) {
    this.mem = opts.memory;
    this.maxDepth = opts.maxDepth ?? 8;
    this.maxBytes = opts.maxBytes ?? 1 << 20;
  }

  private unwrap<T>(o: Outcome<T>): T {
    if (!o.ok) throw new DecodeError(o.errors[0] as Diagnostic);
    return o.value;
  }

  /** The fields of variant `vi` (memoised per type object: a probe decodes the same types over and over). */
  private fields(ty: Ty, l: Layout, vi: number): readonly FieldOf[] {
    let perTy = FIELDS.get(this.cx);
    if (perTy === undefined) { perTy = new WeakMap(); FIELDS.set(this.cx, perTy); }
    let perVariant = perTy.get(ty);
    if (perVariant === undefined) { perVariant = []; perTy.set(ty, perVariant); }
    let fs = perVariant[vi];
    if (fs === undefined || fs.layout !== l) {
      fs = { layout: l, fields: this.unwrap(fieldsOf({ ty, layout: l }, this.cx, vi)) };
      perVariant[vi] = fs;
    }
    return fs.fields;
  }

  get(buf: Uint8Array, off: number, ty: Ty, l: Layout, path: Path, depth: number): RustValue {
    const bytes = (): Uint8Array => buf.slice(off, off + l.size);
    if (l.uninhabited) return invalid(`a value of type \`${tyKey(ty)}\` cannot exist`, path, bytes());
    switch (ty.kind) {
      case 'int': {
        const raw = readLe(buf, off, l.size);
        return { kind: 'int', value: ty.signed ? BigInt.asIntN(l.size * 8, raw) : raw, int: ty.int, signed: ty.signed };
      }
      case 'float': {
        const bits = readLe(buf, off, FLOAT_FORMATS[ty.float].bits / 8);
        return { kind: 'float', float: ty.float, bits, value: bitsToNumber(bits, ty.float) };
      }
      case 'bool': {
        const b = buf[off] ?? 0;
        return b <= 1 ? { kind: 'bool', value: b === 1 } : invalid(`bool 0x${b.toString(16).padStart(2, '0')}`, path, bytes());
      }
      case 'char': {
        const c = Number(readLe(buf, off, 4));
        if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return invalid(`char 0x${c.toString(16)} is not a Unicode scalar value`, path, bytes());
        return { kind: 'char', value: c };
      }
      case 'tuple': {
        if (ty.elems.length === 0) return { kind: 'unit' };
        const fs = this.fields(ty, l, 0);
        return { kind: 'tuple', elems: fs.map((f) => this.get(buf, off + f.offset, f.ty, f.layout, [...path, Number(f.name)], depth)) };
      }
      case 'array': {
        const el = this.unwrap(layoutOf(ty.elem, this.cx));
        const stride = l.fields.kind === 'array' ? l.fields.stride : el.size;
        const elems: RustValue[] = [];
        for (let i = 0; i < Number(ty.len); i++) elems.push(this.get(buf, off + i * stride, ty.elem, el, [...path, i], depth));
        return { kind: 'array', elems };
      }
      case 'ref': case 'ptr': case 'fnptr': return this.pointer(buf, off, ty, l, path, depth);
      case 'adt': return this.adt(buf, off, ty, l, path, depth);
      default: return invalid(`values of type \`${tyKey(ty)}\` cannot be read by value`, path);
    }
  }

  private pointer(buf: Uint8Array, off: number, ty: Ty & { kind: 'ref' | 'ptr' | 'fnptr' }, l: Layout, path: Path, depth: number): RustValue {
    const ps = this.cx.dl.pointerSize;
    const address = readLe(buf, off, ps);
    if (ty.kind === 'fnptr') return address === 0n ? invalid('null fn pointer', path) : { kind: 'ptr', address };
    const mk = this.unwrap(pointerMetadata(ty.pointee));
    const metadata: PtrMetadata | undefined = mk === 'thin' || l.size < 2 * ps ? undefined : { kind: mk, value: readLe(buf, off + ps, ps) };
    if (ty.kind === 'ptr') return metadata === undefined ? { kind: 'ptr', address } : { kind: 'ptr', address, metadata };
    if (address === 0n) return invalid(`null reference \`${tyKey(ty)}\``, path, buf.slice(off, off + l.size));
    if (metadata?.kind === 'vtable' && metadata.value === 0n) return invalid('null vtable', path);
    return this.pointee(address, metadata, ty.pointee, path, depth);
  }

  /** What a (non-null) reference to `pointee` shows: the pointee read from memory when possible. */
  pointee(address: bigint, metadata: PtrMetadata | undefined, pointee: Ty, path: Path, depth: number): RustValue {
    const readable = this.mem !== undefined && depth < this.maxDepth;
    const p = [...path, '*'];
    if (pointee.kind === 'str' || pointee.kind === 'slice') {
      const len = metadata?.value ?? 0n;
      const elemTy: Ty = pointee.kind === 'str' ? U8 : pointee.elem;
      return this.sequence(address, len, elemTy, pointee.kind === 'str', readable, p, depth);
    }
    if (metadata !== undefined) return { kind: 'ref', address, metadata };
    if (!readable) return { kind: 'ref', address };
    const pl = this.unwrap(layoutOf(pointee, this.cx));
    const bytes = this.mem?.read(address, pl.size) ?? null;
    if (bytes === null) return { kind: 'ref', address };
    return { kind: 'ref', address, pointee: this.get(bytes, 0, pointee, pl, p, depth + 1) };
  }

  private sequence(address: bigint, len: bigint, elem: Ty, isStr: boolean, readable: boolean, path: Path, depth: number, capacity?: bigint): RustValue {
    const cap = capacity === undefined ? {} : { capacity };
    const el = this.unwrap(layoutOf(elem, this.cx));
    const total = len * BigInt(el.size);
    const bytes = readable && total <= BigInt(this.maxBytes) && len <= BigInt(this.maxBytes) ? (total === 0n ? new Uint8Array(0) : this.mem?.read(address, Number(total)) ?? null) : null;
    if (isStr) {
      if (bytes === null) return { kind: 'str', address, len, ...cap };
      const text = utf8Decode(bytes);
      return text === null ? invalid('str is not valid UTF-8', path, bytes) : { kind: 'str', address, len, text, ...cap };
    }
    if (bytes === null) return { kind: 'slice', address, len, ...cap };
    const elems: RustValue[] = [];
    for (let i = 0; i < Number(len); i++) elems.push(this.get(bytes, i * el.size, elem, el, [...path, i], depth + 1));
    return { kind: 'slice', address, len, elems, ...cap };
  }

  private adt(buf: Uint8Array, off: number, ty: Ty & { kind: 'adt' }, l: Layout, path: Path, depth: number): RustValue {
    const def = ty.def;
    if (def.kind === 'union') return { kind: 'union', name: def.name, bytes: buf.slice(off, off + l.size), ty };
    if (def.kind === 'enum') return this.enumValue(buf, off, ty, l, path, depth);
    const fs = this.fields(ty, l, 0);
    const fields: FieldValue[] = fs.map((f) => ({ name: f.name, value: this.get(buf, off + f.offset, f.ty, f.layout, [...path, f.name], depth) }));
    if ((def.validRangeStart !== null || def.validRangeEnd !== null) && l.repr.kind === 'scalar' && l.repr.s.kind === 'init') {
      const raw = readLe(buf, off, primSize(l.repr.s.prim, this.cx.dl));
      const r = l.repr.s.valid;
      if (!rangeContains(r, raw)) return invalid(`\`${tyKey(ty)}\` ${hex(raw)} is outside its valid range ${r.start}..=${r.end}`, path, buf.slice(off, off + l.size));
    }
    const v: RustValue = { kind: 'struct', name: def.name, shape: def.variants[0]?.shape ?? 'named', fields, ty };
    return this.raise(v, ty, path, depth);
  }

  /** std and kernel wrappers → what their Debug shows. */
  private raise(v: RustValue & { kind: 'struct' }, ty: Ty & { kind: 'adt' }, path: Path, depth: number): RustValue {
    const first = v.fields[0]?.value;
    const bad = v.fields.find((f) => f.value.kind === 'invalid')?.value;
    switch (preludeName(ty)) {
      case 'NonZero': case 'Nanoseconds': case 'UsizeNoHighBit': case 'NonNull': case 'Unique':
        return first ?? v;
      case 'AtomicUsize': return cellInner(first) ?? v;
      case 'Cell': return { ...v, fields: [{ name: 'value', value: cellInner(first) ?? { kind: 'unit' } }] };
      case 'RefCell': {
        const flag = cellInner(field(v, 'borrow'), 'Cell');
        const value = cellInner(field(v, 'value'));
        if (flag === undefined || value === undefined) return v;
        return { ...v, fields: [{ name: 'borrow', value: flag }, { name: 'value', value }] };
      }
      case 'Box': case 'KernelBox': case 'Rc': case 'Arc': {
        if (bad !== undefined) return bad;
        if (first?.kind !== 'ptr') return v;
        const ptrTy = innerPointer(ty);
        if (ptrTy === null) return v;
        const r = this.pointee(first.address, first.metadata, ptrTy.pointee, path, depth);
        if (preludeName(ty) === 'Box' || preludeName(ty) === 'KernelBox' || r.kind !== 'ref' || r.pointee === undefined) return r;
        // Rc/Arc point at RcInner/ArcInner: show the value inside.
        const inner = r.pointee;
        const value = field(inner, preludeName(ty) === 'Rc' ? 'value' : 'data');
        return value === undefined ? inner : { kind: 'ref', address: r.address, pointee: value };
      }
      case 'Vec': case 'String': case 'KernelVec': return this.vec(v, ty, path, depth);
      default: return v;
    }
  }

  private vec(v: RustValue & { kind: 'struct' }, ty: Ty & { kind: 'adt' }, path: Path, depth: number): RustValue {
    const name = preludeName(ty);
    const readable = this.mem !== undefined && depth < this.maxDepth;
    if (name === 'String') {
      // Its `vec` field is already a raised Vec<u8>: read the same bytes as UTF-8.
      const vec = field(v, 'vec');
      if (vec?.kind !== 'slice') return vec ?? v;
      return this.sequence(vec.address ?? 0n, vec.len, U8, true, readable, [...path, '*'], depth, vec.capacity);
    }
    let ptr: RustValue | undefined;
    let cap: RustValue | undefined;
    if (name === 'KernelVec') {
      ptr = field(v, 'ptr');
      cap = field(field(v, 'layout') ?? v, 'len');
    } else {
      const inner = field(field(v, 'buf') ?? v, 'inner');
      ptr = inner === undefined ? undefined : field(inner, 'ptr');
      cap = inner === undefined ? undefined : field(inner, 'cap');
    }
    const len = field(v, 'len');
    for (const x of [ptr, cap, len]) if (x?.kind === 'invalid') return x;
    const elem = typeArg(ty);
    if (ptr?.kind !== 'ptr' || cap?.kind !== 'int' || len?.kind !== 'int' || elem === null) return v;
    return this.sequence(ptr.address, len.value, elem, false, readable, [...path, '*'], depth, cap.value);
  }

  private enumValue(buf: Uint8Array, off: number, ty: Ty & { kind: 'adt' }, l: Layout, path: Path, depth: number): RustValue {
    const def = ty.def;
    const vars = l.variants;
    const bytes = (): Uint8Array => buf.slice(off, off + l.size);
    let vi: number;
    if (vars.kind === 'empty') return invalid(`\`${def.name}\` has no variants`, path, bytes());
    if (vars.kind === 'single') {
      vi = vars.index;
    } else {
      const tagOff = off + (l.fields.kind === 'arbitrary' ? (l.fields.offsets[0] ?? 0) : 0);
      const size = primSize(vars.tag.prim, this.cx.dl);
      const tag = readLe(buf, tagOff, size);
      const enc = vars.encoding;
      if (enc.kind === 'direct') {
        const ds = discriminants(def, this.cx.dl);
        if (!Array.isArray(ds)) return invalid(`the discriminants of \`${def.name}\` are invalid`, path);
        vi = ds.findIndex((d) => BigInt.asUintN(size * 8, d) === tag);
        if (vi < 0) return invalid(`tag ${hex(tag)} is no variant of \`${tyKey(ty)}\``, path, bytes());
      } else {
        const [lo, hi] = enc.nicheVariants;
        const r = BigInt.asUintN(size * 8, tag - enc.nicheStart);
        vi = r <= BigInt(hi - lo) ? lo + Number(r) : enc.untaggedVariant;
      }
      if (vars.variants[vi]?.uninhabited === true) return invalid(`tag ${hex(tag)} selects \`${def.name}::${def.variants[vi]?.name ?? vi}\`, which has no values`, path, bytes());
    }
    const info = def.variants[vi];
    if (info === undefined) return invalid(`variant ${vi} of \`${def.name}\` does not exist`, path, bytes());
    const fs = this.fields(ty, l, vi);
    const fields = fs.map((f) => ({ name: f.name, value: this.get(buf, off + f.offset, f.ty, f.layout, [...path, info.name, f.name], depth) }));
    return { kind: 'enum', name: def.name, variant: info.name, variantIndex: vi, shape: info.shape, fields, ty };
  }
}

/** The raw pointer type at the bottom of a smart pointer's first-field chain (`*const T` of `Box<T>`). */
function innerPointer(ty: Ty): (Ty & { kind: 'ptr' | 'ref' }) | null {
  let t: Ty = ty;
  for (let i = 0; i < 8; i++) {
    if (t.kind === 'ptr' || t.kind === 'ref') return t;
    if (t.kind !== 'adt') return null;
    const fs = adtFieldTys(t);
    if (!fs.ok) return null;
    const f: Ty | undefined = fs.value[0];
    if (f === undefined) return null;
    t = f;
  }
  return null;
}

/** The value of type `ty` held in `source` (bytes of `layout.size`, or memory at an address). */
export function decodeValue(source: DecodeSource, ty: Ty, layout: Layout, cx: LayoutCx, opts: DecodeOptions = {}): Outcome<RustValue> {
  let bytes: Uint8Array;
  if (source instanceof Uint8Array) {
    bytes = source;
  } else {
    const b = source.reader.read(source.address, layout.size);
    if (b === null) return fail(valueError('value/unreadable', `cannot read ${layout.size} bytes at ${hex(source.address)}`));
    bytes = b;
  }
  if (bytes.length < layout.size) return fail(valueError('value/arity', `${bytes.length} bytes for a value of \`${tyKey(ty)}\`, which has ${layout.size}`));
  const memory = opts.memory ?? (source instanceof Uint8Array ? undefined : source.reader);
  try {
    return ok(new Decoder(cx, { ...opts, ...(memory === undefined ? {} : { memory }) }).get(bytes, 0, ty, layout, [], 0));
  } catch (e) {
    if (e instanceof DecodeError) return fail(e.diag);
    throw e;
  }
}
