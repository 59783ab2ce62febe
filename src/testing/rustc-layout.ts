/**
 * rustc's `#[rustc_layout(debug)]` dump (parsed by rustc-debug.ts) → our JSON contract (model/layout-json.ts),
 * so the oracle's answer and rustabi's answer can be compared key by key.
 *
 * The mapping mirrors src/layout/json.ts on the rustabi side; where rustc prints more than the contract
 * holds (in_memory_order, max_repr_align, unadjusted_abi_align, randomization_seed) it is ignored.
 */
import type { AbiJson, LayoutJson, ScalarJson, VariantJson, VariantsJson } from '../model/layout-json.js';
import type { DebugStruct, DebugValue } from './rustc-debug.js';
import { asBigInt, asBool, asInt, asList, asRange, asStruct, asTuple, field, nameOf } from './rustc-debug.js';

/** `Size(8 bytes)` → 8 (the parser already dropped ` bytes`). */
function bytes(v: DebugValue | undefined): number {
  return asInt(asTuple(v, 'Size').items[0]);
}

/** `AbiAlign { abi: Align(8 bytes) }` (older rustc: `AbiAndPrefAlign { abi, pref }`) → 8. */
function abiAlign(v: DebugValue | undefined): number {
  return asInt(asTuple(field(asStruct(v), 'abi'), 'Align').items[0]);
}

const INT_PRIMS: Readonly<Record<string, ScalarJson['prim']>> = { I8: 'i8', I16: 'i16', I32: 'i32', I64: 'i64', I128: 'i128' };
const FLOAT_PRIMS: Readonly<Record<string, ScalarJson['prim']>> = { F16: 'f16', F32: 'f32', F64: 'f64', F128: 'f128' };

/** `Int(I32, true)` / `Float(F64)` / `Pointer(AddressSpace(0))` → prim (+ signed for ints). */
function primitive(v: DebugValue | undefined): Pick<ScalarJson, 'prim' | 'signed'> {
  const t = asTuple(v);
  switch (t.name) {
    case 'Int': {
      const prim = INT_PRIMS[nameOf(t.items[0]) ?? ''];
      if (prim === undefined) throw new Error(`unknown integer ${nameOf(t.items[0])}`);
      return { prim, signed: asBool(t.items[1]) };
    }
    case 'Float': {
      const prim = FLOAT_PRIMS[nameOf(t.items[0]) ?? ''];
      if (prim === undefined) throw new Error(`unknown float ${nameOf(t.items[0])}`);
      return { prim };
    }
    case 'Pointer': return { prim: 'ptr' };
    default: throw new Error(`unknown primitive ${t.name}`);
  }
}

/** A valid range as unsigned decimal strings; a wrapping range prints as `(..=end) | (start..)`. */
function validRange(v: DebugValue | undefined): { start: string; end: string } {
  const r = asRange(v);
  if (r.start === null || r.end === null || !r.inclusive) throw new Error('valid_range must be a closed inclusive range');
  return { start: r.start.toString(), end: r.end.toString() };
}

/** `Initialized { value, valid_range }` → with start/end; `Union { value }` → prim only. */
export function scalarFromDump(v: DebugValue | undefined): ScalarJson {
  const s = asStruct(v);
  if (s.name === 'Union') return primitive(field(s, 'value'));
  if (s.name !== 'Initialized') throw new Error(`unknown scalar ${s.name}`);
  return { ...primitive(field(s, 'value')), ...validRange(field(s, 'valid_range')) };
}

function abiFromDump(v: DebugValue): AbiJson {
  switch (nameOf(v)) {
    case 'Scalar': return { kind: 'scalar', scalars: [scalarFromDump(asTuple(v).items[0])] };
    case 'ScalarPair': {
      const t = asTuple(v);
      return { kind: 'scalarPair', scalars: [scalarFromDump(t.items[0]), scalarFromDump(t.items[1])] };
    }
    case 'SimdVector': {
      const s = asStruct(v);
      return { kind: 'vector', scalars: [], elem: scalarFromDump(field(s, 'element')), count: asInt(field(s, 'count')) };
    }
    case 'Memory': return { kind: 'memory', scalars: [], sized: asBool(field(asStruct(v), 'sized')) };
    default: throw new Error(`unknown backend_repr ${nameOf(v) ?? String(v)}`);
  }
}

/** `Arbitrary { offsets }` → offsets in source order; anything else → undefined. */
function arbitraryOffsets(fields: DebugValue): number[] | undefined {
  if (nameOf(fields) !== 'Arbitrary') return undefined;
  return asList(field(asStruct(fields), 'offsets')).map(bytes);
}

function fieldsFromDump(fields: DebugValue): number[] | null {
  const offsets = arbitraryOffsets(fields);
  if (offsets !== undefined) return offsets;
  switch (nameOf(fields)) {
    case 'Union': return new Array<number>(asInt(asTuple(fields).items[0])).fill(0);
    case 'Primitive': case 'Array': return null;
    default: throw new Error(`unknown FieldsShape ${nameOf(fields) ?? String(fields)}`);
  }
}

function nicheFromDump(v: DebugValue): LayoutJson['largestNiche'] {
  if (nameOf(v) === 'None') return null;
  const n = asStruct(asTuple(v, 'Some').items[0], 'Niche');
  return {
    offset: bytes(field(n, 'offset')),
    scalar: { ...primitive(field(n, 'value')), ...validRange(field(n, 'valid_range')) },
  };
}

function variantsFromDump(layout: DebugStruct): VariantsJson | null {
  const v = field(layout, 'variants');
  if (nameOf(v) !== 'Multiple') return null; // Single { index } or Empty
  const m = asStruct(v);
  const tagField = asInt(field(m, 'tag_field'));
  const tagOffset = arbitraryOffsets(field(layout, 'fields'))?.[tagField];
  if (tagOffset === undefined) throw new Error(`tag field ${tagField} has no offset`);
  const tag = { offset: tagOffset, scalar: scalarFromDump(field(m, 'tag')) };
  const list: VariantJson[] = asList(field(m, 'variants')).map((vl) => {
    const l = asStruct(vl, 'Layout');
    // rustc does not print variant names; the caller may fill them in.
    return { name: '', size: bytes(field(l, 'size')), fields: arbitraryOffsets(field(l, 'fields')) ?? [] };
  });
  const enc = field(m, 'tag_encoding');
  if (nameOf(enc) === 'Direct') return { tag, encoding: 'direct', list };
  const n = asStruct(enc, 'Niche');
  const nv = asRange(field(n, 'niche_variants'));
  if (nv.start === null || nv.end === null) throw new Error('niche_variants must be a closed range');
  return {
    tag, encoding: 'niche', list,
    untaggedVariant: asInt(field(n, 'untagged_variant')),
    nicheVariants: [Number(nv.start), Number(nv.end)],
    nicheStart: asBigInt(field(n, 'niche_start')).toString(),
  };
}

/**
 * Converts the parsed value of one `layout_of(T) = Layout { … }` dump.
 * `typeText` and `triple` are copied into `type` and `target`.
 */
export function layoutJsonFromDump(tree: DebugValue, typeText: string, triple: string): LayoutJson {
  const l = asStruct(tree, 'Layout');
  const abi = abiFromDump(field(l, 'backend_repr'));
  const variants = variantsFromDump(l);
  return {
    type: typeText,
    target: triple,
    size: bytes(field(l, 'size')),
    align: abiAlign(field(l, 'align')),
    uninhabited: asBool(field(l, 'uninhabited')),
    sized: !(abi.kind === 'memory' && abi.sized === false),
    abi,
    // The enum's own `fields` only holds the tag; per-variant offsets are in `variants.list`.
    fields: variants === null ? fieldsFromDump(field(l, 'fields')) : null,
    largestNiche: nicheFromDump(field(l, 'largest_niche')),
    variants,
  };
}
