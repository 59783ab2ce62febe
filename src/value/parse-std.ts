/**
 * Reading std and kernel values whose syntax is a constructor call rather than a literal:
 * `NonZeroU32::new(5).unwrap()` / `NonZeroU32(5)` / `5`, `Box::new(x)`, `Rc::new(x)`, `vec![…]`,
 * `String::from("s")`, `Duration::new(1, 5)` / `Duration::from_millis(12)`, `Cell::new(x)`,
 * `RefCell::new(x)`, `ManuallyDrop::new(x)`, `MaybeUninit::new(x)`, `AtomicUsize::new(5)`, `PhantomData`,
 * the kernel's `EINVAL` / `Error(-22)` / `Error::from_errno(-22)`. Option, Result and Ordering are plain
 * enums (parse.ts). Returns null when the type is not one of these, so parse.ts reads it generically.
 */
import type { Ty } from '../model/ty.js';
import type { RustValue } from '../model/value.js';
import { layoutOf } from '../layout/index.js';
import { rangeContains } from '../model/scalar.js';
import { adtFieldTys, intBytes, typeArg, utf8Length } from './common.js';
import { encodeValue } from './encode.js';
import { errnoNames, errnoOf } from './errno.js';
import type { Reader } from './parse.js';
import { preludeName } from './std-types.js';
import type { Expr } from './syntax.js';

const USIZE: Ty & { kind: 'int' } = { kind: 'int', int: 'size', signed: false };
const U64: Ty & { kind: 'int' } = { kind: 'int', int: 'I64', signed: false };
const U32: Ty & { kind: 'int' } = { kind: 'int', int: 'I32', signed: false };
const I32: Ty & { kind: 'int' } = { kind: 'int', int: 'I32', signed: true };
const NANOS = 1_000_000_000n;

const last = (segs: readonly string[]): string => segs[segs.length - 1] ?? '';

/** `X::name(args)` → args (any path prefix); also `X(args)` when `name` is null. */
function ctor(e: Expr, names: readonly (string | null)[]): readonly Expr[] | null {
  if (e.k !== 'call') return null;
  const l = last(e.segs);
  if (names.includes(l) && e.segs.length >= 2) return e.args;
  if (names.includes(null) && e.segs.length >= 1 && !names.includes(l)) return e.args;
  return null;
}

/** `Some(x)` or `X::new(x)` followed by `.unwrap()`: the `x`. */
function unwrapped(e: Expr): Expr {
  if (e.k === 'method' && e.name === 'unwrap' && e.args.length === 0 && e.recv.k === 'call' && e.recv.args.length === 1) return e.recv.args[0] as Expr;
  return e;
}

export function parseStdValue(r: Reader, e0: Expr, ty: Ty & { kind: 'adt' }): RustValue | null {
  const name = preludeName(ty);
  if (name === null) return null;
  const e = unwrapped(r.peel(e0));
  const one = (args: readonly Expr[] | null, what: string): Expr | null => {
    if (args === null) return null;
    if (args.length !== 1) r.fail('value/arity', `\`${what}\` takes 1 argument, found ${args.length}`, e.span);
    return args[0] as Expr;
  };
  switch (name) {
    case 'NonZero': case 'Nanoseconds': case 'UsizeNoHighBit': {
      const inner = r.unwrap(adtFieldTys(ty), e.span)[0];
      if (inner?.kind !== 'int') return null;
      const arg = one(ctor(e, ['new', null]), name) ?? e;
      const v = r.intOf(arg, inner);
      const l = r.unwrap(layoutOf(ty, r.cx), e.span);
      if (l.repr.kind === 'scalar' && l.repr.s.kind === 'init' && !rangeContains(l.repr.s.valid, BigInt.asUintN(intBytes(inner.int, r.cx.dl) * 8, v))) {
        r.fail('value/out-of-range', `${v} is not a valid \`${name === 'NonZero' ? `NonZero<${inner.signed ? 'i' : 'u'}${inner.int === 'size' ? 'size' : inner.int.slice(1)}>` : name}\``, arg.span);
      }
      return { kind: 'int', value: v, int: inner.int, signed: inner.signed };
    }
    case 'AtomicUsize':
      return { kind: 'int', value: r.intOf(one(ctor(e, ['new']), 'AtomicUsize::new') ?? e, USIZE), int: 'size', signed: false };
    case 'NonNull': case 'Unique': {
      const t = typeArg(ty);
      if (e.k === 'call' && last(e.segs) === 'dangling' && t !== null) {
        return { kind: 'ptr', address: BigInt(r.unwrap(layoutOf(t, r.cx), e.span).align) };
      }
      const a = r.intOf(e.k === 'cast' ? e.e : e, USIZE);
      if (a === 0n) r.fail('value/out-of-range', `a \`${name}\` cannot be null`, e.span);
      return { kind: 'ptr', address: a };
    }
    case 'Box': case 'KernelBox': case 'Rc': case 'Arc': {
      const t = typeArg(ty);
      if (t === null) return null;
      const args = ctor(e, ['new', 'from', 'pin']);
      // `KBox::new(x, GFP_KERNEL)`: the flags are not part of the value.
      const arg = args !== null && args.length >= 1 ? (args[0] as Expr) : e;
      return r.pointee(arg, t, ty);
    }
    case 'Vec': case 'KernelVec': {
      const t = typeArg(ty);
      if (t === null) return null;
      if (e.k === 'call' && ['new', 'with_capacity'].includes(last(e.segs))) {
        const cap = last(e.segs) === 'with_capacity' ? r.intOf(one(e.args, 'with_capacity') ?? e, USIZE) : 0n;
        return { kind: 'slice', address: null, len: 0n, elems: [], capacity: cap };
      }
      const elems = r.elems(one(ctor(e, ['from']), 'Vec::from') ?? e, t, ty);
      return { kind: 'slice', address: null, len: BigInt(elems.length), elems, capacity: BigInt(elems.length) };
    }
    case 'String': {
      if (e.k === 'call' && last(e.segs) === 'new' && e.args.length === 0) return { kind: 'str', address: null, len: 0n, text: '', capacity: 0n };
      const s = r.strOf(one(ctor(e, ['from']), 'String::from') ?? e, ty);
      const n = BigInt(utf8Length(s));
      return { kind: 'str', address: null, len: n, text: s, capacity: n };
    }
    case 'Duration': return duration(r, e, ty);
    case 'Cell': case 'UnsafeCell': case 'ManuallyDrop': case 'RefCell': {
      const t = typeArg(ty);
      // `Cell::new(x)`, or the Debug form `Cell { value: x }` (`ManuallyDrop { value: MaybeDangling(x) }`).
      let arg = one(ctor(e, ['new']), `${name}::new`);
      if (arg === null && e.k === 'struct' && last(e.segs) === name && e.fields.length === 1 && e.fields[0]?.name === 'value') arg = e.fields[0].e;
      if (arg !== null && arg.k === 'call' && last(arg.segs) === 'MaybeDangling' && arg.args.length === 1) arg = arg.args[0] as Expr;
      if (t === null || arg === null) return r.mismatch(e, ty, `something other than \`${name}::new(…)\``);
      const value = r.value(arg, t);
      const fields = name === 'RefCell'
        ? [{ name: 'borrow', value: { kind: 'int', value: 0n, int: 'size', signed: true } as RustValue }, { name: 'value', value }]
        : [{ name: 'value', value }];
      return { kind: 'struct', name, shape: 'named', fields, ty };
    }
    case 'MaybeUninit': {
      const l = r.unwrap(layoutOf(ty, r.cx), e.span);
      if (e.k === 'call' && ['uninit', 'zeroed'].includes(last(e.segs))) return { kind: 'union', name, bytes: new Uint8Array(l.size), ty };
      const arg = one(ctor(e, ['new']), 'MaybeUninit::new');
      const t = typeArg(ty);
      if (arg === null || t === null) return null;
      const value = r.value(arg, t);
      const tl = r.unwrap(layoutOf(t, r.cx), arg.span);
      const bytes = new Uint8Array(l.size);
      bytes.set(r.unwrap(encodeValue(value, t, tl, r.cx), arg.span));
      return { kind: 'union', name, bytes, ty };
    }
    case 'PhantomData': {
      if (e.k !== 'path' || last(e.segs) !== 'PhantomData') return r.mismatch(e, ty);
      return { kind: 'struct', name, shape: 'unit', fields: [], ty };
    }
    case 'Error': return kernelError(r, e, ty);
    default: return null;
  }
}

function duration(r: Reader, e: Expr, ty: Ty & { kind: 'adt' }): RustValue | null {
  const mk = (secs: bigint, nanos: bigint): RustValue => {
    const s = secs + nanos / NANOS;
    if (s >= 1n << 64n) r.fail('value/out-of-range', 'overflow in Duration::new', e.span);
    return {
      kind: 'struct', name: 'Duration', shape: 'named', ty,
      fields: [{ name: 'secs', value: { kind: 'int', value: s, int: 'I64', signed: false } }, { name: 'nanos', value: { kind: 'int', value: nanos % NANOS, int: 'I32', signed: false } }],
    };
  };
  if (e.k === 'path' && e.segs.length >= 2) {
    if (last(e.segs) === 'ZERO') return mk(0n, 0n);
    if (last(e.segs) === 'MAX') return mk((1n << 64n) - 1n, NANOS - 1n);
  }
  if (e.k === 'int' || e.k === 'float') {
    // The Debug form: `1.5s`, `12ms`, `7µs` / `7us`, `100ns`.
    const m = /^([0-9][0-9_]*)(?:\.([0-9_]+))?(s|ms|µs|us|ns)$/.exec(e.text);
    if (m === null) return r.mismatch(e, ty, 'a number without a unit (s, ms, µs, ns)');
    const scale = { s: NANOS, ms: 1_000_000n, µs: 1000n, us: 1000n, ns: 1n }[m[3] as 's'];
    const frac = (m[2] ?? '').replaceAll('_', '');
    const fracNanos = frac === '' ? 0n : (BigInt(frac) * scale) / 10n ** BigInt(frac.length);
    if (frac !== '' && (BigInt(frac) * scale) % 10n ** BigInt(frac.length) !== 0n) r.fail('value/out-of-range', 'a Duration has whole nanoseconds', e.span);
    const total = BigInt((m[1] as string).replaceAll('_', '')) * scale + fracNanos;
    return mk(total / NANOS, total % NANOS);
  }
  if (e.k !== 'call' || e.segs.length < 2) return null;
  const f = last(e.segs);
  const arg = (i: number, t: Ty & { kind: 'int' }): bigint => r.intOf(e.args[i] as Expr, t);
  const arity = (n: number): void => { if (e.args.length !== n) r.fail('value/arity', `\`Duration::${f}\` takes ${n} argument${n === 1 ? '' : 's'}, found ${e.args.length}`, e.span); };
  switch (f) {
    case 'new': arity(2); return mk(arg(0, U64), arg(1, U32));
    case 'from_secs': arity(1); return mk(arg(0, U64), 0n);
    case 'from_millis': { arity(1); const v = arg(0, U64); return mk(v / 1000n, (v % 1000n) * 1_000_000n); }
    case 'from_micros': { arity(1); const v = arg(0, U64); return mk(v / 1_000_000n, (v % 1_000_000n) * 1000n); }
    case 'from_nanos': { arity(1); const v = arg(0, U64); return mk(v / NANOS, v % NANOS); }
    default: return r.fail('value/unsupported', `\`Duration::${f}\` is not one of new, from_secs, from_millis, from_micros, from_nanos`, e.span);
  }
}

/** `EINVAL`, `code::EINVAL`, `Error(-22)`, `Error::from_errno(-22)`: the stored value is the negative errno. */
function kernelError(r: Reader, e: Expr, ty: Ty & { kind: 'adt' }): RustValue {
  const mk = (stored: bigint, span: Expr['span']): RustValue => {
    if (stored === 0n) r.fail('value/out-of-range', 'an `Error` cannot be 0 (it holds a NonZeroI32)', span);
    return { kind: 'struct', name: 'Error', shape: 'tuple', fields: [{ name: '0', value: { kind: 'int', value: stored, int: 'I32', signed: true } }], ty };
  };
  if (e.k === 'path') {
    const n = last(e.segs);
    const errno = errnoOf(n);
    if (errno === undefined) {
      const near = errnoNames().filter((x) => x.startsWith(n.slice(0, 3))).slice(0, 5);
      return r.fail('value/unknown-errno', `\`${n}\` is not a kernel errno name`, e.span, near.length > 0 ? `did you mean ${near.map((x) => `\`${x}\``).join(', ')}?` : 'write `Error(-N)` for a numeric errno');
    }
    return mk(-BigInt(errno), e.span);
  }
  if (e.k === 'call' && e.args.length === 1 && ['Error', 'from_errno'].includes(last(e.segs))) {
    const a = e.args[0] as Expr;
    const errno = a.k === 'path' ? errnoOf(last(a.segs)) : undefined;
    return errno !== undefined ? mk(-BigInt(errno), a.span) : mk(r.intOf(a, I32), a.span);
  }
  if (e.k === 'neg' || e.k === 'int') return mk(r.intOf(e, I32), e.span);
  return r.mismatch(e, ty, 'something other than an errno name or `Error(-N)`');
}
