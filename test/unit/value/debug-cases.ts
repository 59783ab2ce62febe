/**
 * (type, value) cases for the Debug oracle and the round-trip property tests: fast-check arbitraries
 * over primitives (float and char edge cases included), Option/Result nesting, tuples, arrays,
 * references, std wrappers and the user types in DEFS. Each case has the Rust expression rustc
 * compiles (`rust`) and the text rustabi parses (`text`; the same, or the lenient spelling rustabi
 * also accepts: `5` for a NonZero, `x` for `&x`, `"s"` for a String).
 */
import fc from 'fast-check';
import type { Float } from '../../../src/model/scalar.js';
import { classify, decimalToBits } from '../../../src/value/float.js';

/** User types: compiled by rustc (with `#[derive(Debug)]`) and given to rustabi as definitions. */
export const DEFS: string = `
#[derive(Debug)] pub struct Unit;
#[derive(Debug)] pub struct Empty {}
#[derive(Debug)] pub struct Tup();
#[derive(Debug)] pub struct Pair(pub u8, pub i32);
#[derive(Debug)] pub struct Named { pub a: u16, pub b: bool, pub c: char }
#[derive(Debug)] pub struct Gen<T> { pub x: T, pub y: u8 }
#[derive(Debug)] pub struct Wrap<T>(pub T);
#[derive(Debug)] #[repr(C)] pub struct CS { pub a: u8, pub b: u32 }
#[derive(Debug)] pub enum E1 { A, B(u8), C { x: i64, y: bool } }
#[derive(Debug)] pub enum E2<T> { Nothing, One(T), Two(T, T) }
#[derive(Debug)] #[repr(u8)] pub enum Small { X = 1, Y = 5, Z = 250 }
#[derive(Debug)] pub enum Niche { P(bool), Q, R }
#[derive(Debug)] pub enum Neg { M = -3, N = 7 }
#[derive(Debug)] #[repr(C)] pub enum CE { A(u8), B { f: f32 } }
#[derive(Debug)] pub enum Big { A(u64, u64, u64), B, C(char) }
`;

export interface Case {
  /** The type, written the same for rustc and rustabi. */
  readonly type: string;
  readonly rust: string;
  readonly text: string;
  /** The value kinds this case exercises (for coverage counts). */
  readonly kinds: readonly string[];
}

interface V {
  readonly rust: string;
  readonly text: string;
  readonly kinds: readonly string[];
}

interface Gen {
  readonly type: string;
  readonly kind: string;
  /** rustc promotes `&expr` of this to a constant (no temporaries): safe under any constructor. */
  readonly promotable: boolean;
  readonly value: fc.Arbitrary<V>;
}

const same = (s: string, kinds: readonly string[]): V => ({ rust: s, text: s, kinds });
const join = (vs: readonly V[], f: (xs: string[]) => string, kinds: readonly string[]): V => ({
  rust: f(vs.map((v) => v.rust)),
  text: f(vs.map((v) => v.text)),
  kinds: [...kinds, ...vs.flatMap((v) => v.kinds)],
});
const seq = (g: Gen, n: number): fc.Arbitrary<V[]> => fc.array(g.value, { minLength: n, maxLength: n });

// ---- primitives

const INTS: readonly (readonly [string, number, boolean])[] = [
  ['u8', 8, false], ['u16', 16, false], ['u32', 32, false], ['u64', 64, false], ['u128', 128, false], ['usize', 64, false],
  ['i8', 8, true], ['i16', 16, true], ['i32', 32, true], ['i64', 64, true], ['i128', 128, true], ['isize', 64, true],
];

function intLit(v: bigint, name: string, style: number): string {
  const body = style === 1 && v >= 0n ? `0x${v.toString(16)}` : style === 2 && v < 0n ? `-0x${(-v).toString(16)}` : v.toString();
  return style === 3 ? `${body}${name}` : body;
}

function intGen(name: string, bits: number, signed: boolean): Gen {
  const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  const v = fc.oneof(
    fc.constantFrom(min, max, 0n, 1n, signed ? -1n : max - 1n),
    fc.bigInt(min, max),
    fc.bigInt(signed ? (min > -300n ? min : -300n) : 0n, max < 300n ? max : 300n),
  );
  return { type: name, kind: 'int', promotable: true, value: fc.tuple(v, fc.nat(5)).map(([x, s]) => same(intLit(x, name, s), ['int'])) };
}

/** A decimal literal for `x`, with `digits` significant digits (rustc and rustabi both round it to the type). */
function floatLit(x: number, digits: number, name: string): string {
  if (Number.isNaN(x)) return `${name}::NAN`;
  if (x === Infinity) return `${name}::INFINITY`;
  if (x === -Infinity) return `${name}::NEG_INFINITY`;
  if (Object.is(x, -0)) return '-0.0';
  let s = digits === 0 ? String(x) : x.toPrecision(digits);
  if (!/[.e]/.test(s)) s += '.0';
  // A literal that rounds to infinity is a compile error (overflowing_literals): use MAX instead.
  const bits = decimalToBits(s.replace(/^-/, '').replace('e+', 'e'), `F${name.slice(1)}` as Float);
  if (bits !== null && classify(bits, `F${name.slice(1)}` as Float) === 'inf') return `${s.startsWith('-') ? '-' : ''}${name}::MAX`;
  return s;
}

const F64_EDGES = [0, -0, 1, -1.5, 0.1, 1e-7, 1e16, 1e15, 9999999999999998, 1e-4, 9.999999999999999e-5, 0.00010000000000000002,
  5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, NaN, Infinity, -Infinity, 123456789.125, 0.3, 2 ** 53, 1e21, 1e-5];
const F32_EDGES = [0.1, 1e-4, 9.999999e-5, 1e16, 9.999999e15, 3.4028235e38, 1.1754944e-38, 1e-45, 16777216, 0.33333334, 1e-7];
const F16_EDGES = [65504, 65500, 6.1035156e-5, 6e-8, 1e-4, 9.995e-5, 0.1, 1.5, 2048, 0.00010001659];

function floatGen(name: 'f16' | 'f32' | 'f64'): Gen {
  const edges = name === 'f64' ? F64_EDGES : name === 'f32' ? [...F32_EDGES, NaN, Infinity, -Infinity, -0] : [...F16_EDGES, NaN, -Infinity, -0];
  const random = name === 'f16'
    ? fc.oneof(fc.double({ min: -65504, max: 65504, noNaN: true }), fc.double({ min: -1e-3, max: 1e-3, noNaN: true }))
    : fc.double({ noNaN: false });
  const x = fc.oneof(fc.constantFrom(...edges), random, fc.integer({ min: -20, max: 20 }).map((e) => 10 ** e));
  const rounded = name === 'f32' ? x.map(Math.fround) : x;
  return {
    type: name, kind: 'float', promotable: true,
    value: fc.tuple(rounded, fc.integer({ min: 0, max: 17 }), fc.boolean()).map(([v, d, neg]) => {
      const lit = floatLit(neg && !Number.isNaN(v) ? -v : v, d, name);
      return same(lit, ['float']);
    }),
  };
}

function f128Gen(): Gen {
  const mant = fc.bigInt(0n, 10n ** 36n);
  const exp = fc.oneof(fc.integer({ min: -40, max: 40 }), fc.integer({ min: -4980, max: 4890 }));
  const lit = fc.tuple(mant, exp, fc.boolean()).map(([m, e, neg]) => `${neg ? '-' : ''}${m}.0e${e}`);
  const consts = fc.constantFrom('f128::NAN', 'f128::INFINITY', 'f128::MAX', 'f128::MIN_POSITIVE', '1.0', '-0.0', '0.1');
  return { type: 'f128', kind: 'float', promotable: true, value: fc.oneof(lit, consts).map((s) => same(s, ['float', 'f128'])) };
}

const SPECIAL_CHARS = [0, 9, 10, 13, 34, 39, 92, 0x7f, 0xa0, 0xad, 0x300, 0x301, 0x36f, 0x483, 0x200b, 0x200d, 0xfeff, 0x2028,
  0xe000, 0xfffd, 0xffff, 0x10ffff, 0x1f600, 0x1f3fb, 0xe0100, 0x378, 0x61c, 0x85];
const codePoint = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }),
  fc.constantFrom(...SPECIAL_CHARS),
  fc.integer({ min: 0, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff),
  fc.integer({ min: 0x80, max: 0x3000 }),
);

const charLit = (c: number, raw: boolean): string =>
  raw && c >= 0x20 && c < 0x7f && c !== 0x27 && c !== 0x22 && c !== 0x5c ? String.fromCharCode(c) : `\\u{${c.toString(16)}}`;

const charGen: Gen = {
  type: 'char', kind: 'char', promotable: true,
  value: fc.tuple(codePoint, fc.boolean()).map(([c, raw]) => same(`'${charLit(c, raw)}'`, ['char'])),
};

const strBody = fc.array(fc.tuple(codePoint, fc.boolean()), { maxLength: 8 }).map((cs) => cs.map(([c, raw]) => charLit(c, raw)).join(''));
const strGen: Gen = { type: '&str', kind: 'str', promotable: true, value: strBody.map((s) => same(`"${s}"`, ['str'])) };

const NONZERO = INTS.map(([n, bits, signed]) => {
  const g = intGen(n, bits, signed);
  const tn = `NonZero${n[0]?.toUpperCase()}${n.slice(1)}`;
  return {
    type: tn, kind: 'nonzero', promotable: false,
    value: fc.tuple(g.value.filter((v) => !/^-?(0x)?0+$/.test(v.rust.replace(n, ''))), fc.nat(2)).map(([v, s]): V => ({
      rust: `${tn}::new(${v.rust}).unwrap()`,
      text: s === 0 ? v.text : s === 1 ? `${tn}(${v.text})` : `${tn}::new(${v.text}).unwrap()`,
      kinds: ['nonzero'],
    })),
  } satisfies Gen;
});

const u64 = fc.bigInt(0n, (1n << 64n) - 1n);
const durationGen: Gen = {
  type: 'Duration', kind: 'duration', promotable: false,
  value: fc.oneof(
    fc.tuple(fc.oneof(u64, fc.bigInt(0n, 5n)), fc.oneof(fc.integer({ min: 0, max: 999_999_999 }), fc.constantFrom(0, 1, 500_000_000, 1000, 1_000_000, 1_500_000, 999))).map(([s, n]) => `Duration::new(${s}, ${n})`),
    fc.tuple(fc.constantFrom('from_millis', 'from_micros', 'from_nanos', 'from_secs'), fc.oneof(fc.bigInt(0n, 100_000n), u64)).map(([f, n]) => `Duration::${f}(${n})`),
  ).map((s) => same(s, ['duration'])),
};

const LEAVES: readonly Gen[] = [
  ...INTS.map(([n, b, s]) => intGen(n, b, s)),
  floatGen('f64'), floatGen('f64'), floatGen('f32'), floatGen('f32'), floatGen('f16'), f128Gen(),
  { type: 'bool', kind: 'bool', promotable: true, value: fc.boolean().map((b) => same(String(b), ['bool'])) },
  charGen, charGen, strGen, strGen,
  { type: '()', kind: 'unit', promotable: true, value: fc.constant(same('()', ['unit'])) },
  ...NONZERO.filter((_, i) => i % 3 === 0),
  { type: 'Ordering', kind: 'ordering', promotable: true, value: fc.constantFrom('Less', 'Equal', 'Greater').map((o) => ({ rust: `Ordering::${o}`, text: o, kinds: ['ordering'] })) },
  durationGen,
  { type: 'String', kind: 'string', promotable: false, value: strBody.map((s) => ({ rust: `String::from("${s}")`, text: `"${s}"`, kinds: ['string'] })) },
  { type: '*const u8', kind: 'ptr', promotable: false, value: fc.bigInt(0n, (1n << 48n) - 1n).map((a) => ({ rust: `0x${a.toString(16)}usize as *const u8`, text: `0x${a.toString(16)}`, kinds: ['ptr'] })) },
  { type: 'AtomicUsize', kind: 'atomic', promotable: false, value: fc.bigInt(0n, 1000n).map((n) => ({ rust: `AtomicUsize::new(${n})`, text: `${n}`, kinds: ['atomic'] })) },
  { type: 'Unit', kind: 'struct', promotable: true, value: fc.constant(same('Unit', ['struct'])) },
  { type: 'Empty', kind: 'struct', promotable: true, value: fc.constant(same('Empty {}', ['struct'])) },
  { type: 'Tup', kind: 'struct', promotable: true, value: fc.constant(same('Tup()', ['struct'])) },
  { type: 'Small', kind: 'enum', promotable: true, value: fc.constantFrom('X', 'Y', 'Z').map((x) => same(`Small::${x}`, ['enum'])) },
  { type: 'Neg', kind: 'enum', promotable: true, value: fc.constantFrom('M', 'N').map((x) => same(`Neg::${x}`, ['enum'])) },
];

const INT_LEAVES = LEAVES.slice(0, 12);
const leafArb: fc.Arbitrary<Gen> = fc.constantFrom(...LEAVES);

// ---- composites

function composites(inner: fc.Arbitrary<Gen>): fc.Arbitrary<Gen>[] {
  const ints = fc.constantFrom(...INT_LEAVES);
  const c = (f: (g: Gen) => Gen): fc.Arbitrary<Gen> => inner.map(f);
  const c2 = (f: (a: Gen, b: Gen) => Gen): fc.Arbitrary<Gen> => fc.tuple(inner, inner).map(([a, b]) => f(a, b));
  const call = (name: string, kind: string, ty: (t: string) => string, promotable = false, text?: (s: string) => string) => (g: Gen): Gen => ({
    type: ty(g.type), kind, promotable,
    value: g.value.map((v) => ({ rust: `${name}(${v.rust})`, text: text === undefined ? `${name}(${v.text})` : text(v.text), kinds: [kind, ...v.kinds] })),
  });
  return [
    c((g) => ({ type: `Option<${g.type}>`, kind: 'option', promotable: g.promotable, value: fc.oneof(fc.constant(same('None', ['option'])), g.value.map((v) => join([v], ([x]) => `Some(${x})`, ['option']))) })),
    c2((a, b) => ({
      type: `Result<${a.type}, ${b.type}>`, kind: 'result', promotable: a.promotable && b.promotable,
      value: fc.oneof(a.value.map((v) => join([v], ([x]) => `Ok(${x})`, ['result'])), b.value.map((v) => join([v], ([x]) => `Err(${x})`, ['result']))),
    })),
    c((g) => ({ type: `(${g.type},)`, kind: 'tuple', promotable: g.promotable, value: g.value.map((v) => join([v], ([x]) => `(${x},)`, ['tuple'])) })),
    fc.tuple(inner, inner, inner).map(([a, b, d]): Gen => ({
      type: `(${a.type}, ${b.type}, ${d.type})`, kind: 'tuple', promotable: a.promotable && b.promotable && d.promotable,
      value: fc.tuple(a.value, b.value, d.value).map((vs) => join(vs, (xs) => `(${xs.join(', ')})`, ['tuple'])),
    })),
    fc.tuple(inner, fc.integer({ min: 0, max: 3 })).map(([g, n]): Gen => ({
      type: `[${g.type}; ${n}]`, kind: 'array', promotable: g.promotable, value: seq(g, n).map((vs) => join(vs, (xs) => `[${xs.join(', ')}]`, ['array'])),
    })),
    inner.filter((g) => g.promotable).map((g): Gen => ({
      type: `&${g.type}`, kind: 'ref', promotable: true,
      value: fc.tuple(g.value, fc.boolean()).map(([v, bare]) => ({ rust: `&${v.rust}`, text: bare ? v.text : `&${v.text}`, kinds: ['ref', ...v.kinds] })),
    })),
    c(call('Box::new', 'box', (t) => `Box<${t}>`)),
    c(call('Rc::new', 'rc', (t) => `Rc<${t}>`)),
    c(call('Arc::new', 'arc', (t) => `Arc<${t}>`)),
    fc.tuple(inner, fc.integer({ min: 0, max: 3 })).map(([g, n]): Gen => ({
      type: `Vec<${g.type}>`, kind: 'vec', promotable: false, value: seq(g, n).map((vs) => join(vs, (xs) => `vec![${xs.join(', ')}]`, ['vec'])),
    })),
    ints.map(call('Cell::new', 'cell', (t) => `Cell<${t}>`)),
    ints.map(call('UnsafeCell::new', 'unsafecell', (t) => `UnsafeCell<${t}>`)),
    ints.map(call('MaybeUninit::new', 'maybeuninit', (t) => `MaybeUninit<${t}>`)),
    c(call('RefCell::new', 'refcell', (t) => `RefCell<${t}>`)),
    c(call('ManuallyDrop::new', 'manuallydrop', (t) => `ManuallyDrop<${t}>`)),
    c((g) => ({ type: `PhantomData<${g.type}>`, kind: 'phantom', promotable: true, value: fc.constant(same('PhantomData', ['phantom'])) })),
    c((g) => ({ type: `Gen<${g.type}>`, kind: 'struct', promotable: g.promotable, value: fc.tuple(g.value, fc.nat(255)).map(([v, y]) => join([v], ([x]) => `Gen { x: ${x}, y: ${y} }`, ['struct'])) })),
    c(call('Wrap', 'struct', (t) => `Wrap<${t}>`, false, (s) => `Wrap(${s})`)),
    c((g) => ({
      type: `E2<${g.type}>`, kind: 'enum', promotable: g.promotable,
      value: fc.oneof(fc.constant(same('E2::Nothing', ['enum'])), g.value.map((v) => join([v], ([x]) => `E2::One(${x})`, ['enum'])), seq(g, 2).map((vs) => join(vs, (xs) => `E2::Two(${xs.join(', ')})`, ['enum']))),
    })),
  ];
}

/** Fixed user-type values (no type parameters). */
function userValues(): fc.Arbitrary<Gen>[] {
  const i = (n: string): fc.Arbitrary<V> => (INT_LEAVES.find((g) => g.type === n) as Gen).value;
  const g = (type: string, kind: string, value: fc.Arbitrary<V>): fc.Arbitrary<Gen> => fc.constant({ type, kind, promotable: true, value });
  return [
    g('Pair', 'struct', fc.tuple(i('u8'), i('i32')).map((vs) => join(vs, (xs) => `Pair(${xs.join(', ')})`, ['struct']))),
    g('Named', 'struct', fc.tuple(i('u16'), fc.boolean(), charGen.value).map(([a, b, c]) => join([a, c], ([x, y]) => `Named { a: ${x}, b: ${b}, c: ${y} }`, ['struct']))),
    g('CS', 'struct', fc.tuple(i('u8'), i('u32')).map((vs) => join(vs, (xs) => `CS { a: ${xs[0]}, b: ${xs[1]} }`, ['struct']))),
    g('E1', 'enum', fc.oneof(fc.constant(same('E1::A', ['enum'])), i('u8').map((v) => join([v], ([x]) => `E1::B(${x})`, ['enum'])), fc.tuple(i('i64'), fc.boolean()).map(([v, b]) => join([v], ([x]) => `E1::C { x: ${x}, y: ${b} }`, ['enum'])))),
    g('Niche', 'enum', fc.oneof(fc.boolean().map((b) => same(`Niche::P(${b})`, ['enum'])), fc.constantFrom('Niche::Q', 'Niche::R').map((s) => same(s, ['enum'])))),
    g('CE', 'enum', fc.oneof(i('u8').map((v) => join([v], ([x]) => `CE::A(${x})`, ['enum'])), (LEAVES.find((x) => x.type === 'f32') as Gen).value.map((v) => join([v], ([x]) => `CE::B { f: ${x} }`, ['enum'])))),
    g('Big', 'enum', fc.oneof(fc.tuple(i('u64'), i('u64'), i('u64')).map((vs) => join(vs, (xs) => `Big::A(${xs.join(', ')})`, ['enum'])), fc.constant(same('Big::B', ['enum'])), charGen.value.map((v) => join([v], ([x]) => `Big::C(${x})`, ['enum'])))),
  ];
}

function typeArb(depth: number): fc.Arbitrary<Gen> {
  const base = fc.oneof({ weight: 4, arbitrary: leafArb }, { weight: 1, arbitrary: fc.oneof(...userValues()) });
  if (depth === 0) return base;
  const inner = typeArb(depth - 1);
  return fc.oneof({ weight: 3, arbitrary: base }, { weight: 4, arbitrary: fc.oneof(...composites(inner)) });
}

/** The arbitrary of cases, nesting up to `depth` constructors. */
export function caseArb(depth = 3): fc.Arbitrary<Case> {
  return typeArb(depth).chain((g) => g.value.map((v): Case => ({ type: g.type, rust: v.rust, text: v.text, kinds: [...new Set(v.kinds)] })));
}

/** Fixed edge cases added to every run (float thresholds per width, chars Rust escapes). */
export function edgeCases(): Case[] {
  const out: Case[] = [];
  const f = (type: string, lit: string): void => {
    const bits = decimalToBits(lit.replace(/^-/, ''), `F${type.slice(1)}` as Float);
    if (bits !== null && classify(bits, `F${type.slice(1)}` as Float) === 'inf') return; // would not compile
    out.push({ type, rust: lit, text: lit, kinds: ['float'] });
  };
  for (const t of ['f16', 'f32', 'f64']) {
    for (const lit of ['1e-4', '0.0001', '9.99e-5', '1e16', '9.999e15', '1.0e16', '1e-5', '0.5', '-0.0', '1.0', '100.0', '1e15', '123456.0']) f(t, lit);
    f(t, `${t}::MAX`); f(t, `${t}::MIN`); f(t, `${t}::MIN_POSITIVE`); f(t, `${t}::EPSILON`); f(t, `-${t}::NAN`);
  }
  for (const s of ['0.00009999999', '0.000099999994', '0.00010000001', '9999999999999999.0', '10000000000000001.0', '4.9406564584124654e-324']) f('f64', s);
  for (const s of ['0.000099999', '9999999.0', '16777217.0', '1.4e-45', '3.4028236e38']) f('f32', s);
  for (const s of ['0.000061035156', '0.000060975552', '0.0000000596', '65519.0', '0.0001001', '0.00009995']) f('f16', s);
  return out;
}
