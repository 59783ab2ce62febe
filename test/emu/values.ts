/**
 * A deliberately small value encoder/decoder for the emulator tests: writes and reads integers at the
 * offsets a Layout gives (struct fields, enum tags in both encodings, variant fields). The field sizes
 * come from the test (it knows `usize` is 8 bytes); the offsets and tags come from rustabi's layout, so
 * a wrong layout shows up as a wrong answer from the machine.
 */
import type { Layout } from '../../src/model/layout.js';
import { INTEGER_BYTES } from '../../src/model/scalar.js';

export type Field = readonly [size: number, value: bigint];

export function le(v: bigint, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = BigInt.asUintN(size * 8, v);
  for (let i = 0; i < size; i++) { out[i] = Number(x & 0xffn); x >>= 8n; }
  return out;
}

export function readLe(bytes: Uint8Array, offset: number, size: number): bigint {
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[offset + i] ?? 0);
  return v;
}

export const u64 = (v: bigint | number): Uint8Array => le(BigInt(v), 8);

export function f64Bits(x: number): bigint {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, x, true);
  return b.getBigUint64(0, true);
}

export function f32Bits(x: number): bigint {
  const b = new DataView(new ArrayBuffer(4));
  b.setFloat32(0, x, true);
  return BigInt(b.getUint32(0, true));
}

function offsetsOf(l: Layout): readonly number[] {
  if (l.fields.kind !== 'arbitrary') throw new Error(`layout has ${l.fields.kind} fields, not a struct`);
  return l.fields.offsets;
}

function tagInfo(l: Layout): { offset: number; size: number } {
  if (l.variants.kind !== 'multiple') throw new Error('not a multi-variant enum');
  const p = l.variants.tag.prim;
  const size = p.kind === 'int' ? INTEGER_BYTES[p.int] : 8;
  return { offset: offsetsOf(l)[0] ?? 0, size };
}

/** A struct (or tuple) value: `fields[i]` at the layout's offset of field i. */
export function structBytes(l: Layout, fields: readonly Field[]): Uint8Array {
  const out = new Uint8Array(l.size);
  const offs = offsetsOf(l);
  fields.forEach(([size, v], i) => out.set(le(v, size), offs[i] ?? 0));
  return out;
}

/** An enum value: variant `index` (discriminant = index) with `fields` at that variant's offsets. */
export function enumBytes(l: Layout, index: number, fields: readonly Field[] = []): Uint8Array {
  if (l.variants.kind !== 'multiple') throw new Error('not a multi-variant enum');
  const out = new Uint8Array(l.size);
  const variant = l.variants.variants[index];
  if (variant === undefined) throw new Error(`no variant ${index}`);
  const offs = variant.fields.kind === 'arbitrary' ? variant.fields.offsets : [];
  fields.forEach(([size, v], i) => out.set(le(v, size), offs[i] ?? 0));
  const tag = tagInfo(l);
  const e = l.variants.encoding;
  if (e.kind === 'direct') out.set(le(BigInt(index), tag.size), tag.offset);
  else if (index !== e.untaggedVariant) out.set(le(BigInt(index - e.nicheVariants[0]) + e.nicheStart, tag.size), tag.offset);
  return out;
}

/** The variant index of an enum value (discriminant = index). */
export function variantOf(l: Layout, bytes: Uint8Array): number {
  if (l.variants.kind !== 'multiple') throw new Error('not a multi-variant enum');
  const tag = tagInfo(l);
  const t = readLe(bytes, tag.offset, tag.size);
  const e = l.variants.encoding;
  if (e.kind === 'direct') return Number(t);
  const rel = BigInt.asUintN(tag.size * 8, t - e.nicheStart);
  return rel <= BigInt(e.nicheVariants[1] - e.nicheVariants[0]) ? e.nicheVariants[0] + Number(rel) : e.untaggedVariant;
}

/** Field `field` of variant `index`, `size` bytes, unsigned. */
export function variantField(l: Layout, index: number, field: number, bytes: Uint8Array, size: number): bigint {
  if (l.variants.kind !== 'multiple') throw new Error('not a multi-variant enum');
  const v = l.variants.variants[index];
  const offs = v?.fields.kind === 'arbitrary' ? v.fields.offsets : [];
  return readLe(bytes, offs[field] ?? 0, size);
}

export function structField(l: Layout, field: number, bytes: Uint8Array, size: number): bigint {
  return readLe(bytes, offsetsOf(l)[field] ?? 0, size);
}

export const M64 = (v: bigint): bigint => BigInt.asUintN(64, v);
