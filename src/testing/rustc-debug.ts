/**
 * A parser for Rust's pretty `{:#?}` Debug text, as rustc prints it in `#[rustc_layout(debug)]` and
 * `#[rustc_abi(debug)]` dumps. It knows nothing about layouts: it turns the text into a plain JS tree
 * that rustc-layout.ts (and later an fn_abi reader) walks.
 *
 * Syntax handled (all seen in rustc 1.95 dumps):
 *   `Name { k: v, }` struct · `Name(a, b,)` tuple struct · `(a, b)` tuple · `Name` unit · `[a, b]` list
 *   `{ k: v }` map · integers (decimal, `-`, `0x`; always bigint: niche values exceed 2^53) · floats
 *   · `true`/`false` · `"str"` · `'c'` · `Size(8 bytes)` (the ` bytes` unit is dropped)
 *   · WrappingRange `0..=1` and its wrapped form `(..=end) | (start..)` (printed when start > end)
 *   · bitflags `A | B | C` and the empty flag set, printed as nothing at all (`regular: ,`)
 *   · fields listed in `rawFields` (default `ty`, which holds Rust type syntax like `Option<&[u8]>`)
 *     are kept as the raw rest of their line.
 */

export type DebugValue =
  | bigint
  | number
  | boolean
  | string
  | readonly DebugValue[]
  | DebugStruct
  | DebugTuple
  | DebugUnit
  | DebugRange
  | DebugFlags
  | DebugMap
  | DebugChar
  | DebugRaw;

export interface DebugStruct { readonly kind: 'struct'; readonly name: string; readonly fields: Readonly<Record<string, DebugValue>> }
/** `name` is '' for a plain tuple `(a, b)`. */
export interface DebugTuple { readonly kind: 'tuple'; readonly name: string; readonly items: readonly DebugValue[] }
export interface DebugUnit { readonly kind: 'unit'; readonly name: string }
/** `a..=b` (inclusive) or `a..b`; a bound printed as nothing is null. The wrapped form gives start > end. */
export interface DebugRange { readonly kind: 'range'; readonly start: bigint | null; readonly end: bigint | null; readonly inclusive: boolean }
/** Two or more bitflag names joined by `|`, or none (an empty set prints as nothing). */
export interface DebugFlags { readonly kind: 'flags'; readonly names: readonly string[] }
export interface DebugMap { readonly kind: 'map'; readonly entries: readonly (readonly [DebugValue, DebugValue])[] }
export interface DebugChar { readonly kind: 'char'; readonly value: string }
export interface DebugRaw { readonly kind: 'raw'; readonly text: string }

export interface ParseOptions {
  /** Struct fields whose value is kept as raw text up to the end of the line (default ['ty']). */
  readonly rawFields?: readonly string[];
}

const C_0 = 48, C_9 = 57, C_A = 65, C_Z = 90, C_a = 97, C_z = 122, C_UNDERSCORE = 95;

function isIdentStart(c: number): boolean {
  return (c >= C_a && c <= C_z) || (c >= C_A && c <= C_Z) || c === C_UNDERSCORE;
}
function isIdentChar(c: number): boolean {
  return isIdentStart(c) || (c >= C_0 && c <= C_9);
}
function isDigit(c: number): boolean {
  return c >= C_0 && c <= C_9;
}

class Parser {
  i = 0;
  private readonly raw: ReadonlySet<string>;

  constructor(private readonly s: string, opts: ParseOptions) {
    this.raw = new Set(opts.rawFields ?? ['ty']);
  }

  fail(what: string): never {
    const before = this.s.slice(0, this.i);
    const line = before.split('\n').length;
    const col = this.i - before.lastIndexOf('\n');
    const near = JSON.stringify(this.s.slice(Math.max(0, this.i - 30), this.i + 30));
    throw new Error(`rust debug parse error at ${line}:${col}: ${what} (near ${near})`);
  }

  ws(): void {
    const s = this.s;
    let i = this.i;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
    this.i = i;
  }

  /** Skips spaces only (not newlines): used where a suffix must be on the same line. */
  spaces(): void {
    while (this.s.charCodeAt(this.i) === 32) this.i++;
  }

  eat(lit: string): boolean {
    if (this.s.startsWith(lit, this.i)) { this.i += lit.length; return true; }
    return false;
  }

  expect(lit: string): void {
    if (!this.eat(lit)) this.fail(`expected ${JSON.stringify(lit)}`);
  }

  /** An identifier, possibly a path `a::B`. */
  ident(): string {
    const s = this.s;
    const start = this.i;
    if (!isIdentStart(s.charCodeAt(this.i))) this.fail('expected an identifier');
    for (;;) {
      while (isIdentChar(s.charCodeAt(this.i))) this.i++;
      if (s.startsWith('::', this.i) && isIdentStart(s.charCodeAt(this.i + 2))) this.i += 2;
      else break;
    }
    return s.slice(start, this.i);
  }

  value(): DebugValue {
    this.ws();
    const c = this.s.charCodeAt(this.i);
    switch (c) {
      case 91 /* [ */: this.i++; return this.list();
      case 123 /* { */: this.i++; return this.map();
      case 40 /* ( */:
        if (this.s.startsWith('(..=', this.i)) return this.wrappedRange();
        this.i++;
        return { kind: 'tuple', name: '', items: this.items(41 /* ) */) };
      case 34 /* " */: return this.string();
      case 39 /* ' */: return { kind: 'char', value: this.string() };
      // A value that is nothing at all: an empty bitflags set (`regular: ,`).
      case 44 /* , */: case 41: case 93: case 125: return { kind: 'flags', names: [] };
    }
    if (c === 45 /* - */ || isDigit(c)) return this.number();
    if (c === 46 /* . */) return this.rangeFrom(null);
    if (isIdentStart(c)) return this.named();
    return this.fail('unexpected character');
  }

  /** Comma-separated values up to `close` (trailing comma allowed). */
  items(close: number): DebugValue[] {
    const out: DebugValue[] = [];
    for (;;) {
      this.ws();
      if (this.s.charCodeAt(this.i) === close) { this.i++; return out; }
      out.push(this.value());
      this.ws();
      const c = this.s.charCodeAt(this.i);
      if (c === 44) this.i++;
      else if (c !== close) this.fail(`expected ',' or '${String.fromCharCode(close)}'`);
    }
  }

  list(): DebugValue[] {
    return this.items(93 /* ] */);
  }

  map(): DebugMap {
    const entries: (readonly [DebugValue, DebugValue])[] = [];
    for (;;) {
      this.ws();
      if (this.eat('}')) return { kind: 'map', entries };
      const k = this.value();
      this.ws();
      this.expect(':');
      entries.push([k, this.value()]);
      this.ws();
      if (!this.eat(',') && this.s.charCodeAt(this.i) !== 125) this.fail("expected ',' or '}'");
    }
  }

  named(): DebugValue {
    const name = this.ident();
    if (name === 'true') return true;
    if (name === 'false') return false;
    const c = this.s.charCodeAt(this.i);
    if (c === 40 /* ( */) { this.i++; return { kind: 'tuple', name, items: this.items(41) }; }
    const save = this.i;
    this.spaces();
    const d = this.s.charCodeAt(this.i);
    if (d === 123 /* { */) { this.i++; return this.struct(name); }
    if (d === 124 /* | */) return this.flags(name);
    this.i = save;
    return { kind: 'unit', name };
  }

  struct(name: string): DebugStruct {
    const fields: Record<string, DebugValue> = Object.create(null) as Record<string, DebugValue>;
    for (;;) {
      this.ws();
      if (this.eat('}')) return { kind: 'struct', name, fields };
      if (this.eat('..')) continue; // `finish_non_exhaustive()`
      const key = this.ident();
      this.ws();
      this.expect(':');
      this.spaces();
      fields[key] = this.raw.has(key) ? this.rawLine() : this.value();
      this.ws();
      if (!this.eat(',') && this.s.charCodeAt(this.i) !== 125) this.fail("expected ',' or '}'");
    }
  }

  /** The rest of the line, without its trailing comma (pretty Debug puts one field per line). */
  rawLine(): DebugRaw {
    let end = this.s.indexOf('\n', this.i);
    if (end < 0) end = this.s.length;
    const line = this.s.slice(this.i, end).trimEnd();
    if (line.endsWith(',')) {
      // Leave the cursor on the comma so struct() sees its separator.
      const text = line.slice(0, -1).trimEnd();
      this.i += line.length - 1;
      return { kind: 'raw', text };
    }
    this.i = end;
    return { kind: 'raw', text: line };
  }

  flags(first: string): DebugFlags {
    const names = [first];
    for (;;) {
      this.spaces();
      if (!this.eat('|')) return { kind: 'flags', names };
      this.spaces();
      names.push(this.ident());
    }
  }

  string(): string {
    const s = this.s;
    const quote = s.charCodeAt(this.i);
    this.i++;
    let out = '';
    for (;;) {
      const c = s.charCodeAt(this.i);
      if (Number.isNaN(c)) this.fail('unterminated string');
      if (c === quote) { this.i++; return out; }
      if (c !== 92 /* \ */) { out += s[this.i]; this.i++; continue; }
      const e = s[this.i + 1];
      this.i += 2;
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case '0': out += '\0'; break;
        case 'u': {
          const close = s.indexOf('}', this.i);
          if (s[this.i] !== '{' || close < 0) this.fail('bad \\u escape');
          out += String.fromCodePoint(parseInt(s.slice(this.i + 1, close), 16));
          this.i = close + 1;
          break;
        }
        default: out += e ?? '';
      }
    }
  }

  /** An integer or float, then maybe a range (`0..=1`) or a unit suffix (`8 bytes`). */
  number(): DebugValue {
    const n = this.literal();
    if (typeof n !== 'bigint') return n;
    if (this.s.startsWith('..', this.i)) return this.rangeFrom(n);
    if (this.s.startsWith(' bytes', this.i)) this.i += 6;
    return n;
  }

  /** A bare numeric literal: bigint for integers, number for floats. */
  literal(): bigint | number {
    const s = this.s;
    const start = this.i;
    if (s.charCodeAt(this.i) === 45) this.i++;
    let isFloat = false;
    if (s.startsWith('0x', this.i)) {
      this.i += 2;
      while (/[0-9a-fA-F_]/.test(s[this.i] ?? '')) this.i++;
    } else {
      while (isDigit(s.charCodeAt(this.i))) this.i++;
      // `1.5` is a float; `1..` is a range.
      if (s.charCodeAt(this.i) === 46 && isDigit(s.charCodeAt(this.i + 1))) {
        isFloat = true;
        this.i++;
        while (isDigit(s.charCodeAt(this.i))) this.i++;
      }
      if (s[this.i] === 'e' || s[this.i] === 'E') {
        isFloat = true;
        this.i++;
        if (s[this.i] === '-' || s[this.i] === '+') this.i++;
        while (isDigit(s.charCodeAt(this.i))) this.i++;
      }
    }
    const text = s.slice(start, this.i).replace(/_/g, '');
    if (text === '-' || text === '' || text === '-0x' || text === '0x') this.fail('expected a number');
    if (isFloat) return Number(text);
    return text.startsWith('-') ? -BigInt(text.slice(1)) : BigInt(text);
  }

  rangeFrom(start: bigint | null): DebugRange {
    this.expect('..');
    const inclusive = this.eat('=');
    const c = this.s.charCodeAt(this.i);
    const end = c === 45 || isDigit(c) ? this.integer() : null;
    return { kind: 'range', start, end, inclusive };
  }

  integer(): bigint {
    const v = this.literal();
    if (typeof v !== 'bigint') this.fail('expected an integer');
    return v;
  }

  /** rustc's WrappingRange with start > end: `(..={end}) | ({start}..)`. */
  wrappedRange(): DebugRange {
    this.expect('(..=');
    const end = this.integer();
    this.expect(') | (');
    const start = this.integer();
    this.expect('..)');
    return { kind: 'range', start, end, inclusive: true };
  }
}

/** Parses one Debug value (the whole text must be that value, up to whitespace). */
export function parseRustDebug(text: string, opts: ParseOptions = {}): DebugValue {
  const p = new Parser(text, opts);
  const v = p.value();
  p.ws();
  if (p.i !== text.length) p.fail('trailing text');
  return v;
}

export interface DumpMessage {
  /** `layout_of`, `fn_abi_of`, … */
  readonly query: string;
  /** What is inside the query's parentheses: a type (`Option<usize>`) or a fn name. */
  readonly subject: string;
  readonly value: DebugValue;
}

/** Splits a rustc debug-dump message `layout_of(T) = Layout { … }` and parses its value. */
export function parseDumpMessage(message: string, opts: ParseOptions = {}): DumpMessage {
  const nl = message.indexOf('\n');
  const first = nl < 0 ? message : message.slice(0, nl);
  // The value's first line is `Name {`, which has no ` = `; the subject (a type) may contain one.
  const eq = first.lastIndexOf(') = ');
  const open = first.indexOf('(');
  if (eq < 0 || open < 0 || open > eq) throw new Error(`not a rustc debug dump: ${JSON.stringify(first)}`);
  return {
    query: first.slice(0, open),
    subject: first.slice(open + 1, eq),
    value: parseRustDebug(message.slice(eq + 4), opts),
  };
}

// ---- accessors for walking a tree; they throw with the expected shape when rustc's format moves.

function describe(v: DebugValue | undefined): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && 'kind' in v) {
    return 'name' in v ? `${v.kind} ${v.name || '()'}` : v.kind;
  }
  return Array.isArray(v) ? 'list' : typeof v;
}

function isKind<K extends string>(v: DebugValue | undefined, kind: K): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as { kind?: string }).kind === kind;
}

/** The struct's name if `v` is a struct, tuple or unit; undefined otherwise. */
export function nameOf(v: DebugValue | undefined): string | undefined {
  if (isKind(v, 'struct') || isKind(v, 'tuple') || isKind(v, 'unit')) return (v as DebugUnit).name;
  return undefined;
}

export function asStruct(v: DebugValue | undefined, name?: string): DebugStruct {
  if (!isKind(v, 'struct') || (name !== undefined && (v as DebugStruct).name !== name)) {
    throw new Error(`expected struct ${name ?? ''}, got ${describe(v)}`);
  }
  return v as DebugStruct;
}

export function asTuple(v: DebugValue | undefined, name?: string): DebugTuple {
  if (!isKind(v, 'tuple') || (name !== undefined && (v as DebugTuple).name !== name)) {
    throw new Error(`expected tuple ${name ?? ''}, got ${describe(v)}`);
  }
  return v as DebugTuple;
}

export function asList(v: DebugValue | undefined): readonly DebugValue[] {
  if (!Array.isArray(v)) throw new Error(`expected list, got ${describe(v)}`);
  return v;
}

export function asRange(v: DebugValue | undefined): DebugRange {
  if (!isKind(v, 'range')) throw new Error(`expected range, got ${describe(v)}`);
  return v as DebugRange;
}

export function asBigInt(v: DebugValue | undefined): bigint {
  if (typeof v !== 'bigint') throw new Error(`expected integer, got ${describe(v)}`);
  return v;
}

/** An integer that must fit a JS number exactly. */
export function asInt(v: DebugValue | undefined): number {
  const n = asBigInt(v);
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < -BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`integer ${n} exceeds 2^53`);
  return Number(n);
}

export function asBool(v: DebugValue | undefined): boolean {
  if (typeof v !== 'boolean') throw new Error(`expected bool, got ${describe(v)}`);
  return v;
}

/** A struct field, throwing if absent. */
export function field(s: DebugStruct, key: string): DebugValue {
  const v = s.fields[key];
  if (v === undefined) throw new Error(`struct ${s.name} has no field ${key}`);
  return v;
}

/** The flag names of a bitflags value: a flags node, or a single flag printed as a unit name. */
export function flagNames(v: DebugValue | undefined): readonly string[] {
  if (isKind(v, 'flags')) return (v as DebugFlags).names;
  if (isKind(v, 'unit')) return [(v as DebugUnit).name];
  throw new Error(`expected bitflags, got ${describe(v)}`);
}
