/**
 * `{:?}` exactly as rustc 1.95's std prints it, for derived Debug on user types and std's own impls:
 * integers in decimal, floats by core::fmt::float (see float.ts), chars and strs with
 * `escape_debug_ext`, `Some(42)`, `S { a: 1 }`, `S(1, 2)`, `(1,)`, `[1, 2]`, raw pointers as `0x1234`
 * (wide ones as `Pointer { addr: 0x1234, metadata: 5 }`), `Duration` as `1.5s`, `Cell { value: 5 }`,
 * `RefCell { value: <borrowed> }`, `UnsafeCell { .. }`, `ManuallyDrop { value: MaybeDangling(5) }`,
 * `MaybeUninit<u32>`, `PhantomData<u32>`, the kernel's `Error` as `EINVAL` / `Error(600)`.
 * What Rust cannot print (a reference whose pointee was not read, an invalid bit pattern, a union)
 * prints in angle brackets: `<unread 0x1000>`, `<invalid: bool 0x07>`, `<union U: 01 00 00 00>`.
 */
import type { FieldValue, PtrMetadata, RustValue } from '../model/value.js';
import type { Ty } from '../model/ty.js';
import { debugFloat } from './float.js';
import { debugKernelError } from './errno.js';
import { needsUnicodeEscape } from './unicode.js';
import type { TypeNameOptions } from './std-types.js';
import { preludeName, typeName } from './std-types.js';

export interface DebugOptions extends TypeNameOptions {
  /** The kernel's CONFIG_SYMBOLIC_ERRNAME: `EINVAL` (default) or `Error(22)`. */
  readonly symbolicErrnames?: boolean;
}

const hex = (v: bigint): string => `0x${BigInt.asUintN(128, v).toString(16)}`;

/** One char as `escape_debug_ext` writes it inside a char (`'`) or str (`"`) literal. */
export function escapeDebugChar(cp: number, quote: "'" | '"'): string {
  switch (cp) {
    case 0: return '\\0';
    case 9: return '\\t';
    case 10: return '\\n';
    case 13: return '\\r';
    case 0x5c: return '\\\\';
    case 0x22: return quote === '"' ? '\\"' : '"';
    case 0x27: return quote === "'" ? "\\'" : "'";
    default:
      return needsUnicodeEscape(cp) ? `\\u{${cp.toString(16)}}` : String.fromCodePoint(cp);
  }
}

export function debugChar(cp: number): string {
  return `'${escapeDebugChar(cp, "'")}'`;
}

export function debugStr(s: string): string {
  let out = '"';
  for (const ch of s) out += escapeDebugChar(ch.codePointAt(0) as number, '"');
  return out + '"';
}

/** core::time::Duration's Debug (`fmt_decimal` without a precision: every significant fractional digit). */
export function debugDuration(secs: bigint, nanos: bigint): string {
  const dec = (int: bigint, frac: bigint, divisor: bigint, suffix: string): string => {
    let digits = '';
    let f = frac;
    let d = divisor;
    while (f > 0n && d > 0n && digits.length < 9) {
      digits += (f / d).toString();
      f %= d;
      d /= 10n;
    }
    return `${int}${digits === '' ? '' : `.${digits}`}${suffix}`;
  };
  if (secs > 0n) return dec(secs, nanos, 100_000_000n, 's');
  if (nanos >= 1_000_000n) return dec(nanos / 1_000_000n, nanos % 1_000_000n, 100_000n, 'ms');
  if (nanos >= 1_000n) return dec(nanos / 1_000n, nanos % 1_000n, 100n, '\u00b5s');
  return `${nanos}ns`;
}

function debugPtr(address: bigint, metadata: PtrMetadata | undefined): string {
  if (metadata === undefined) return hex(address);
  const m = metadata.kind === 'len' ? metadata.value.toString() : `DynMetadata(${hex(metadata.value)})`;
  return `Pointer { addr: ${hex(address)}, metadata: ${m} }`;
}

function unread(address: bigint | null): string {
  return address === null ? '<unread>' : `<unread ${hex(address)}>`;
}

function list(open: string, items: readonly string[], close: string): string {
  return `${open}${items.join(', ')}${close}`;
}

function fieldsText(name: string, shape: 'named' | 'tuple' | 'unit', fields: readonly FieldValue[], o: DebugOptions): string {
  if (fields.length === 0) return name; // debug_struct(..).finish() / debug_tuple(..).finish() print the name alone
  if (shape === 'named') return `${name} { ${fields.map((f) => `${f.name}: ${debugValue(f.value, o)}`).join(', ')} }`;
  return list(`${name}(`, fields.map((f) => debugValue(f.value, o)), ')');
}

function field(fields: readonly FieldValue[], name: string): RustValue | undefined {
  return fields.find((f) => f.name === name)?.value;
}

function intOf(v: RustValue | undefined): bigint | null {
  return v?.kind === 'int' ? v.value : null;
}

function firstArg(ty: Ty | undefined): Ty | null {
  if (ty?.kind !== 'adt') return null;
  const a = ty.args[0];
  return a === undefined || a.kind === 'const' ? null : a;
}

/** Debug of std/kernel structs whose impl is not derived; null when `v` is not one (or is malformed). */
function stdStruct(v: RustValue & { kind: 'struct' }, o: DebugOptions): string | null {
  const name = v.ty === undefined ? null : preludeName(v.ty);
  const inner = (f: string): string | null => {
    const x = field(v.fields, f);
    return x === undefined ? null : debugValue(x, o);
  };
  switch (name) {
    case 'Duration': {
      const secs = intOf(field(v.fields, 'secs'));
      const nanos = intOf(field(v.fields, 'nanos'));
      return secs === null || nanos === null ? null : debugDuration(secs, nanos);
    }
    case 'Cell': { const x = inner('value'); return x === null ? null : `Cell { value: ${x} }`; }
    case 'RefCell': {
      const flag = intOf(field(v.fields, 'borrow'));
      const x = inner('value');
      if (flag === null || x === null) return null;
      // try_borrow fails when the flag is negative (mutably borrowed) or at isize::MAX (64-bit targets).
      return `RefCell { value: ${flag < 0n || flag === (1n << 63n) - 1n ? '<borrowed>' : x} }`;
    }
    case 'UnsafeCell': return 'UnsafeCell { .. }';
    case 'ManuallyDrop': { const x = inner('value'); return x === null ? null : `ManuallyDrop { value: MaybeDangling(${x}) }`; }
    case 'PhantomData': {
      const t = firstArg(v.ty);
      return t === null ? null : `PhantomData<${typeName(t, o)}>`;
    }
    case 'Error': {
      const stored = intOf(v.fields[0]?.value);
      return stored === null ? null : debugKernelError(stored, o.symbolicErrnames ?? true);
    }
    case 'c_void': return 'c_void';
    default: return null;
  }
}

function debugUnion(v: RustValue & { kind: 'union' }, o: DebugOptions): string {
  if (v.ty !== undefined && preludeName(v.ty) === 'MaybeUninit') {
    const t = firstArg(v.ty);
    if (t !== null) return `MaybeUninit<${typeName(t, o)}>`;
  }
  const bytes = [...v.bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return `<union ${v.name}${bytes === '' ? '' : `: ${bytes}`}>`;
}

/** `{:?}` of a value. */
export function debugValue(v: RustValue, o: DebugOptions = {}): string {
  switch (v.kind) {
    case 'int': return v.value.toString();
    case 'float': return debugFloat(v.bits, v.float);
    case 'bool': return v.value ? 'true' : 'false';
    case 'char': return debugChar(v.value);
    case 'unit': return '()';
    case 'ptr': return debugPtr(v.address, v.metadata);
    case 'ref': return v.pointee !== undefined ? debugValue(v.pointee, o) : unread(v.address);
    case 'slice': return v.elems !== undefined ? list('[', v.elems.map((e) => debugValue(e, o)), ']') : unread(v.address);
    case 'str': return v.text !== undefined ? debugStr(v.text) : unread(v.address);
    case 'array': return list('[', v.elems.map((e) => debugValue(e, o)), ']');
    case 'tuple':
      if (v.elems.length === 0) return '()';
      if (v.elems.length === 1) return `(${debugValue(v.elems[0] as RustValue, o)},)`;
      return list('(', v.elems.map((e) => debugValue(e, o)), ')');
    case 'struct': return stdStruct(v, o) ?? fieldsText(v.name, v.shape, v.fields, o);
    case 'enum': return fieldsText(v.variant, v.shape, v.fields, o);
    case 'union': return debugUnion(v, o);
    case 'invalid': return `<invalid: ${v.reason}>`;
  }
}
