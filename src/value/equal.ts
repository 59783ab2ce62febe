/**
 * Structural equality of values, for round trips (decode(encode(v)) == v): `expected` may leave an
 * address `null` (not placed yet) or omit a capacity; anything then matches. Floats compare by bits,
 * `ty` annotations are ignored.
 */
import type { FieldValue, PtrMetadata, RustValue } from '../model/value.js';

function metaEq(a: PtrMetadata | undefined, b: PtrMetadata | undefined): boolean {
  return a === undefined ? b === undefined : b !== undefined && a.kind === b.kind && a.value === b.value;
}

function listEq(a: readonly RustValue[] | undefined, b: readonly RustValue[] | undefined): boolean {
  if (a === undefined) return true;
  return b !== undefined && a.length === b.length && a.every((x, i) => valuesEqual(x, b[i] as RustValue));
}

function fieldsEq(a: readonly FieldValue[], b: readonly FieldValue[]): boolean {
  return a.length === b.length && a.every((f, i) => f.name === b[i]?.name && valuesEqual(f.value, (b[i] as FieldValue).value));
}

function addrEq(expected: bigint | null, actual: bigint | null): boolean {
  return expected === null || expected === actual;
}

export function valuesEqual(expected: RustValue, actual: RustValue): boolean {
  const a = expected;
  const b = actual;
  switch (a.kind) {
    case 'int': return b.kind === 'int' && a.value === b.value && a.int === b.int && a.signed === b.signed;
    case 'float': return b.kind === 'float' && a.float === b.float && a.bits === b.bits;
    case 'bool': case 'char': return b.kind === a.kind && a.value === b.value;
    case 'unit': return b.kind === 'unit';
    case 'ptr': return b.kind === 'ptr' && a.address === b.address && metaEq(a.metadata, b.metadata);
    case 'ref':
      return b.kind === 'ref' && addrEq(a.address, b.address) && metaEq(a.metadata, b.metadata)
        && (a.pointee === undefined || (b.pointee !== undefined && valuesEqual(a.pointee, b.pointee)));
    case 'slice':
      return b.kind === 'slice' && addrEq(a.address, b.address) && a.len === b.len && listEq(a.elems, b.elems)
        && (a.capacity === undefined || a.capacity === b.capacity);
    case 'str':
      return b.kind === 'str' && addrEq(a.address, b.address) && a.len === b.len && (a.text === undefined || a.text === b.text)
        && (a.capacity === undefined || a.capacity === b.capacity);
    case 'array': case 'tuple': return b.kind === a.kind && listEq(a.elems, b.elems);
    case 'struct': return b.kind === 'struct' && a.name === b.name && a.shape === b.shape && fieldsEq(a.fields, b.fields);
    case 'enum': return b.kind === 'enum' && a.name === b.name && a.variant === b.variant && fieldsEq(a.fields, b.fields);
    case 'union': return b.kind === 'union' && a.name === b.name && a.bytes.length === b.bytes.length && a.bytes.every((x, i) => x === b.bytes[i]);
    case 'invalid': return b.kind === 'invalid' && a.reason === b.reason;
  }
}

/** Whether `v` or anything inside it is an invalid bit pattern. */
export function valueHasInvalid(v: RustValue): boolean {
  switch (v.kind) {
    case 'invalid': return true;
    case 'ref': return v.pointee !== undefined && valueHasInvalid(v.pointee);
    case 'slice': return (v.elems ?? []).some(valueHasInvalid);
    case 'array': case 'tuple': return v.elems.some(valueHasInvalid);
    case 'struct': case 'enum': return v.fields.some((f) => valueHasInvalid(f.value));
    default: return false;
  }
}
