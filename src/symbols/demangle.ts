/**
 * Rust symbol demangling, both manglings rustc emits:
 *   - legacy: `_ZN` {<len><ident>} `17h<16 hex>` `E` (Itanium-shaped, `$LT$`-style escapes, `..` for `::`);
 *   - v0: `_R` <path> [<instantiating crate>], the grammar of https://doc.rust-lang.org/rustc/symbol-mangling/v0.html
 *     (the printer follows rustc-demangle's `v0.rs`).
 * A leading extra `_` (Mach-O) and an LLVM ThinLTO `.llvm.<digits>` suffix are accepted; any other `.suffix`
 * (`.cold`, `.constprop.0`) is kept, printed after the path, as rustc-demangle does.
 *
 * Output is what GNU c++filt (binutils 2.40) prints, which the tests check symbol by symbol:
 *   - default: as `c++filt -i` — no legacy hash, no `[hex]` crate disambiguators, no `: type` on constants;
 *   - `{ hash: true }`: as plain `c++filt` — `::h0123…` kept, `crate[7a64…]`, `3: usize`.
 * Deliberate departures from c++filt: legacy `$u{hex}$` escapes of non-ASCII characters are decoded
 * (c++filt leaves them, and the rest of that identifier, as they are), and a `'` constant prints as `'\''`
 * (c++filt prints `'''`).
 *
 * Pure and total: any string gives a string or null (not a Rust symbol, or malformed), never an exception.
 * Recursion is bounded by MAX_DEPTH, work by MAX_STEPS and output by MAX_OUTPUT (backrefs can otherwise
 * make a short symbol print exponentially long).
 */

export interface DemangleOptions {
  /** Keep the legacy `::h<hash>` segment and print v0 crate disambiguators and constant types (c++filt's verbose form). */
  readonly hash?: boolean;
}

/** rustc-demangle's limit on nesting (paths, types, constants and backrefs each count one level). */
const MAX_DEPTH = 500;
/** Parser steps per symbol. */
const MAX_STEPS = 1 << 20;
/** Characters of output per symbol. */
const MAX_OUTPUT = 1 << 18;
const U64 = 1n << 64n;

/** Thrown inside the parser for any malformed input; caught by demangleRust only. */
const INVALID: unique symbol = Symbol('invalid');

function fail(): never {
  throw INVALID;
}

/** Demangles a Rust symbol (legacy or v0); null when `sym` is not one. */
export function demangleRust(sym: string, opts: DemangleOptions = {}): string | null {
  if (typeof sym !== 'string') return null;
  let s = sym;
  if (s.startsWith('__ZN') || s.startsWith('__R')) s = s.slice(1);
  const llvm = s.indexOf('.llvm.');
  if (llvm >= 0 && /^[0-9A-Fa-f@]+$/.test(s.slice(llvm + 6))) s = s.slice(0, llvm);
  const verbose = opts.hash === true;
  try {
    if (s.startsWith('_ZN')) return legacy(s.slice(3), verbose);
    if (s.startsWith('_R')) return v0(s.slice(2), verbose);
  } catch (e) {
    if (e === INVALID) return null;
    throw e;
  }
  return null;
}

/** What may follow a symbol: nothing, or a `.`-led run of printable ASCII (LLVM/GCC clone suffixes). */
function suffixOk(suffix: string): boolean {
  return suffix === '' || /^\.[\x21-\x7e]*$/.test(suffix);
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

// ---------------------------------------------------------------------------------------------------------
// legacy

function legacy(inner: string, verbose: boolean): string | null {
  const parts: string[] = [];
  let i = 0;
  for (;;) {
    const c = inner[i];
    if (c === undefined) return null;
    if (c === 'E') break;
    if (!isDigit(c) || c === '0') return null;
    let len = 0;
    while (isDigit(inner[i])) {
      len = len * 10 + (inner.charCodeAt(i) - 48);
      if (len > inner.length) return null;
      i++;
    }
    if (i + len > inner.length) return null;
    const ident = inner.slice(i, i + len);
    if (!/^[0-9A-Za-z_$.]+$/.test(ident)) return null;
    parts.push(ident);
    i += len;
  }
  const suffix = inner.slice(i + 1);
  // Every legacy Rust symbol ends in its hash; without one it is C++ (`_ZN3foo3barE` is `foo::bar` there).
  if (parts.length < 2 || !/^h[0-9a-f]{16}$/.test(parts[parts.length - 1] as string) || !suffixOk(suffix)) return null;
  const shown = verbose ? parts : parts.slice(0, -1);
  return shown.map(legacyIdent).join('::') + suffix;
}

const LEGACY_ESCAPES: Readonly<Record<string, string>> = { SP: '@', BP: '*', RF: '&', LT: '<', GT: '>', LP: '(', RP: ')', C: ',' };

/** One legacy path segment: `$LT$`-style escapes, `$u7b$`-style code points, `..` → `::`. */
function legacyIdent(ident: string): string {
  // The mangler puts `_` before an escape at the start, to begin with an XID_Start character.
  let rest = ident.startsWith('_$') ? ident.slice(1) : ident;
  let out = '';
  while (rest.length > 0) {
    if (rest.startsWith('..')) {
      out += '::';
      rest = rest.slice(2);
    } else if (rest[0] === '$') {
      const end = rest.indexOf('$', 1);
      const ch = end < 0 ? undefined : legacyEscape(rest.slice(1, end));
      if (ch === undefined) return out + rest; // an unknown escape: the rest verbatim, as rustc-demangle does
      out += ch;
      rest = rest.slice(end + 1);
    } else {
      const m = /^\.?[^$.]*/.exec(rest) as RegExpExecArray;
      out += m[0];
      rest = rest.slice(m[0].length);
    }
  }
  return out;
}

function legacyEscape(e: string): string | undefined {
  const named = LEGACY_ESCAPES[e];
  if (named !== undefined) return named;
  if (!/^u[0-9a-f]{1,6}$/.test(e)) return undefined;
  const cp = parseInt(e.slice(1), 16);
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) return undefined;
  return String.fromCodePoint(cp);
}

// ---------------------------------------------------------------------------------------------------------
// v0

function v0(mangled: string, verbose: boolean): string | null {
  // A v0 symbol is made of [A-Za-z0-9_] only; a `.` starts the suffix.
  const body = (/^[A-Za-z0-9_]*/.exec(mangled) as RegExpExecArray)[0];
  const suffix = mangled.slice(body.length);
  if (!/^[A-Z]/.test(body) || !suffixOk(suffix)) return null;
  const p = new V0Printer(body, verbose);
  p.path(true);
  // The instantiating crate (a path, so it starts with an upper-case letter) is parsed, not printed.
  if (p.pos < body.length) p.skipping(() => p.path(false));
  if (p.pos !== body.length) return null;
  return p.text() + suffix;
}

interface Ident {
  readonly ascii: string;
  readonly punycode: string;
}

const BASIC_TYPES: Readonly<Record<string, string>> = {
  a: 'i8', b: 'bool', c: 'char', d: 'f64', e: 'str', f: 'f32', h: 'u8', i: 'isize', j: 'usize', l: 'i32', m: 'u32',
  n: 'i128', o: 'u128', p: '_', s: 'i16', t: 'u16', u: '()', v: '...', x: 'i64', y: 'u64', z: '!',
};

function base62Digit(c: string): number {
  const x = c.charCodeAt(0);
  if (x >= 48 && x <= 57) return x - 48;
  if (x >= 97 && x <= 122) return x - 97 + 10;
  if (x >= 65 && x <= 90) return x - 65 + 36;
  return fail();
}

/** Parses and prints in one pass, like rustc-demangle's `Printer`; `out === null` while skipping. */
class V0Printer {
  pos = 0;
  private depth = 0;
  private steps = 0;
  private out: string[] | null = [];
  private length = 0;
  /** Lifetimes bound by the enclosing `for<…>` binders. */
  private bound = 0;

  constructor(private readonly sym: string, private readonly verbose: boolean) {}

  text(): string {
    return (this.out as string[]).join('');
  }

  private print(s: string): void {
    if (this.out === null) return;
    this.length += s.length;
    if (this.length > MAX_OUTPUT) fail();
    this.out.push(s);
  }

  skipping(f: () => void): void {
    const saved = this.out;
    this.out = null;
    f();
    this.out = saved;
  }

  private push(): void {
    if (++this.depth > MAX_DEPTH || ++this.steps > MAX_STEPS) fail();
  }

  private pop(): void {
    this.depth--;
  }

  private peek(): string | undefined {
    return this.sym[this.pos];
  }

  private eat(c: string): boolean {
    if (this.sym[this.pos] !== c) return false;
    this.pos++;
    return true;
  }

  private next(): string {
    const c = this.sym[this.pos];
    if (c === undefined) fail();
    this.pos++;
    return c;
  }

  // --- grammar leaves ---

  /** <base-62-number>: `_` is 0, otherwise digits then `_`, plus one. */
  private integer62(): bigint {
    if (this.eat('_')) return 0n;
    let x = 0n;
    while (!this.eat('_')) {
      x = x * 62n + BigInt(base62Digit(this.next()));
      if (x >= U64) fail();
    }
    return x + 1n < U64 ? x + 1n : fail();
  }

  private optInteger62(tag: string): bigint {
    if (!this.eat(tag)) return 0n;
    const x = this.integer62() + 1n;
    return x < U64 ? x : fail();
  }

  private disambiguator(): bigint {
    return this.optInteger62('s');
  }

  /** <identifier> without its disambiguator: `[u] <decimal> [_] <bytes>`. */
  private ident(): Ident {
    const puny = this.eat('u');
    const first = this.next();
    if (!isDigit(first)) fail();
    let len = first.charCodeAt(0) - 48;
    if (len !== 0) {
      while (isDigit(this.peek())) {
        len = len * 10 + (this.sym.charCodeAt(this.pos++) - 48);
        if (len > this.sym.length) fail();
      }
    }
    this.eat('_');
    const start = this.pos;
    this.pos += len;
    if (this.pos > this.sym.length) fail();
    const text = this.sym.slice(start, this.pos);
    if (!puny) return { ascii: text, punycode: '' };
    const us = text.lastIndexOf('_');
    const id = us < 0 ? { ascii: '', punycode: text } : { ascii: text.slice(0, us), punycode: text.slice(us + 1) };
    if (id.punycode === '') fail();
    return id;
  }

  private printIdent(id: Ident): void {
    if (this.out === null) return;
    if (id.punycode === '') return this.print(id.ascii);
    const decoded = punycodeDecode(id.ascii, id.punycode);
    this.print(decoded ?? `punycode{${id.ascii === '' ? '' : `${id.ascii}-`}${id.punycode}}`);
  }

  /** `B <base-62-number>`, the `B` already read: runs `f` at the earlier position. */
  private backref(f: () => void): void {
    const start = this.pos - 1;
    const target = this.integer62();
    if (target >= BigInt(start)) fail();
    if (this.out === null) return;
    const saved = this.pos;
    this.pos = Number(target);
    this.push();
    f();
    this.pop();
    this.pos = saved;
  }

  private sepList(f: () => void, sep: string): number {
    let n = 0;
    while (!this.eat('E')) {
      if (n > 0) this.print(sep);
      f();
      n++;
    }
    return n;
  }

  // --- paths ---

  path(inValue: boolean): void {
    const tag = this.next();
    this.push();
    switch (tag) {
      case 'C': {
        const dis = this.disambiguator();
        this.printIdent(this.ident());
        if (this.verbose) this.print(`[${dis.toString(16)}]`);
        break;
      }
      case 'N': {
        const ns = this.next();
        if (!/^[A-Za-z]$/.test(ns)) fail();
        this.path(inValue);
        const dis = this.disambiguator();
        const name = this.ident();
        const named = name.ascii !== '' || name.punycode !== '';
        if (ns >= 'A' && ns <= 'Z') {
          // Special namespaces: closures, shims, and others rustc may add later.
          this.print(`::{${ns === 'C' ? 'closure' : ns === 'S' ? 'shim' : ns}`);
          if (named) {
            this.print(':');
            this.printIdent(name);
          }
          this.print(`#${dis.toString()}}`);
        } else if (named) {
          this.print('::');
          this.printIdent(name);
        }
        break;
      }
      case 'M':
      case 'X':
      case 'Y':
        if (tag !== 'Y') {
          // The impl's own path (where the impl block is) is not printed.
          this.disambiguator();
          this.skipping(() => this.path(false));
        }
        this.print('<');
        this.type();
        if (tag !== 'M') {
          this.print(' as ');
          this.path(false);
        }
        this.print('>');
        break;
      case 'I':
        this.path(inValue);
        if (inValue) this.print('::');
        this.print('<');
        this.sepList(() => this.genericArg(), ', ');
        this.print('>');
        break;
      case 'B':
        this.backref(() => this.path(inValue));
        break;
      default:
        fail();
    }
    this.pop();
  }

  private genericArg(): void {
    if (this.eat('L')) this.printLifetime(this.integer62());
    else if (this.eat('K')) this.constant(false);
    else this.type();
  }

  // --- types ---

  private type(): void {
    const tag = this.next();
    const basic = BASIC_TYPES[tag];
    if (basic !== undefined) return this.print(basic);
    this.push();
    switch (tag) {
      case 'R':
      case 'Q':
        this.print('&');
        if (this.eat('L')) {
          const lt = this.integer62();
          if (lt !== 0n) {
            this.printLifetime(lt);
            this.print(' ');
          }
        }
        if (tag === 'Q') this.print('mut ');
        this.type();
        break;
      case 'P':
      case 'O':
        this.print(tag === 'P' ? '*const ' : '*mut ');
        this.type();
        break;
      case 'A':
      case 'S':
        this.print('[');
        this.type();
        if (tag === 'A') {
          this.print('; ');
          this.constant(true);
        }
        this.print(']');
        break;
      case 'T': {
        this.print('(');
        const n = this.sepList(() => this.type(), ', ');
        this.print(n === 1 ? ',)' : ')');
        break;
      }
      case 'F':
        this.inBinder(() => this.fnSig());
        break;
      case 'D': {
        this.print('dyn ');
        this.inBinder(() => this.sepList(() => this.dynTrait(), ' + '));
        if (!this.eat('L')) fail();
        const lt = this.integer62();
        if (lt !== 0n) {
          this.print(' + ');
          this.printLifetime(lt);
        }
        break;
      }
      case 'B':
        this.backref(() => this.type());
        break;
      default:
        // A named type: the tag is the start of a path.
        this.pos--;
        this.path(false);
    }
    this.pop();
  }

  private fnSig(): void {
    const unsafe = this.eat('U');
    let abi: string | undefined;
    if (this.eat('K')) {
      if (this.eat('C')) abi = 'C';
      else {
        const id = this.ident();
        if (id.ascii === '' || id.punycode !== '') fail();
        abi = id.ascii.split('_').join('-');
      }
    }
    if (unsafe) this.print('unsafe ');
    if (abi !== undefined) this.print(`extern "${abi}" `);
    this.print('fn(');
    this.sepList(() => this.type(), ', ');
    this.print(')');
    if (!this.eat('u')) {
      this.print(' -> ');
      this.type();
    }
  }

  private dynTrait(): void {
    let open = this.pathMaybeOpenGenerics();
    while (this.eat('p')) {
      this.print(open ? ', ' : '<');
      open = true;
      this.printIdent(this.ident());
      this.print(' = ');
      this.type();
    }
    if (open) this.print('>');
  }

  /** A trait path whose generic list stays open for the associated-type bindings that follow. */
  private pathMaybeOpenGenerics(): boolean {
    if (this.eat('B')) {
      let open = false;
      this.backref(() => {
        open = this.pathMaybeOpenGenerics();
      });
      return open;
    }
    if (this.eat('I')) {
      this.path(false);
      this.print('<');
      this.sepList(() => this.genericArg(), ', ');
      return true;
    }
    this.path(false);
    return false;
  }

  private inBinder(f: () => void): void {
    const count = this.optInteger62('G');
    if (this.out === null) return f();
    if (count > 0n) {
      if (count > BigInt(MAX_OUTPUT)) fail();
      this.print('for<');
      for (let i = 0n; i < count; i++) {
        if (i > 0n) this.print(', ');
        this.bound++;
        this.printLifetime(1n);
      }
      this.print('> ');
    }
    f();
    this.bound -= Number(count);
  }

  /** `'_` for 0, else the binder the index counts back to: `'a`…`'z`, then `'_26`… */
  private printLifetime(lt: bigint): void {
    if (this.out === null) return;
    if (lt === 0n) return this.print("'_");
    const depth = BigInt(this.bound) - lt;
    if (depth < 0n) fail();
    this.print(depth < 26n ? `'${String.fromCharCode(97 + Number(depth))}` : `'_${depth.toString()}`);
  }

  // --- constants ---

  private constant(inValue: boolean): void {
    const tag = this.next();
    this.push();
    // Only literals may stand bare in generic-argument position; other expressions get braces.
    let braced = false;
    const brace = (): void => {
      if (inValue) return;
      braced = true;
      this.print('{');
    };
    switch (tag) {
      case 'p':
        this.print('_');
        break;
      case 'h': case 't': case 'm': case 'y': case 'o': case 'j':
        this.constUint(tag, false);
        break;
      case 'a': case 's': case 'l': case 'x': case 'n': case 'i':
        this.constUint(tag, this.eat('n'));
        break;
      case 'b': {
        const v = parseUint(this.hexNibbles());
        if (v !== 0n && v !== 1n) fail();
        this.print(v === 1n ? 'true' : 'false');
        if (this.verbose) this.print(': bool');
        break;
      }
      case 'c': {
        const v = parseUint(this.hexNibbles());
        if (v === undefined || v > 0x10ffffn || (v >= 0xd800n && v < 0xe000n)) fail();
        this.print(`'${escapeChar(Number(v), "'")}'`);
        if (this.verbose) this.print(': char');
        break;
      }
      case 'e':
        // `str` by value: `*"…"` (a string literal is a `&str`).
        brace();
        this.print('*');
        this.constStr();
        break;
      case 'R':
      case 'Q':
        if (tag === 'R' && this.eat('e')) this.constStr();
        else {
          brace();
          this.print(tag === 'R' ? '&' : '&mut ');
          this.constant(true);
        }
        break;
      case 'A':
        brace();
        this.print('[');
        this.sepList(() => this.constant(true), ', ');
        this.print(']');
        break;
      case 'T': {
        brace();
        this.print('(');
        const n = this.sepList(() => this.constant(true), ', ');
        this.print(n === 1 ? ',)' : ')');
        break;
      }
      case 'V':
        brace();
        this.path(true);
        this.constFields();
        break;
      case 'B':
        this.backref(() => this.constant(inValue));
        break;
      default:
        fail();
    }
    if (braced) this.print('}');
    this.pop();
  }

  /** The fields of a `V` (ADT) constant: `U` unit, `T` tuple fields, `S` named fields. */
  private constFields(): void {
    switch (this.next()) {
      case 'U':
        break;
      case 'T':
        this.print('(');
        this.sepList(() => this.constant(true), ', ');
        this.print(')');
        break;
      case 'S':
        this.print(' { ');
        this.sepList(() => {
          this.disambiguator();
          this.printIdent(this.ident());
          this.print(': ');
          this.constant(true);
        }, ', ');
        this.print(' }');
        break;
      default:
        fail();
    }
  }

  private constUint(tag: string, negative: boolean): void {
    const hex = this.hexNibbles();
    const v = parseUint(hex);
    if (negative) this.print('-');
    this.print(v === undefined ? `0x${hex}` : v.toString());
    if (this.verbose) this.print(`: ${BASIC_TYPES[tag] as string}`);
  }

  private constStr(): void {
    const hex = this.hexNibbles();
    if (hex.length % 2 !== 0) fail();
    const bytes: number[] = [];
    for (let i = 0; i < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
    const cps = utf8CodePoints(bytes);
    if (cps === undefined) fail();
    this.print(`"${cps.map((c) => escapeChar(c, '"')).join('')}"`);
  }

  /** Lower-case hex digits up to `_`. */
  private hexNibbles(): string {
    const start = this.pos;
    for (;;) {
      const c = this.next();
      if (c === '_') return this.sym.slice(start, this.pos - 1);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) fail();
    }
  }
}

/** A hex run as an integer when it fits 64 bits (leading zeros aside), as rustc-demangle's `try_parse_uint`. */
function parseUint(hex: string): bigint | undefined {
  const digits = hex.replace(/^0+/, '');
  if (digits.length > 16) return undefined;
  return digits === '' ? 0n : BigInt(`0x${digits}`);
}

/** A character inside quotes, as c++filt escapes it: `\t \r \n \\ \0`, the quote, and `\u{…}` outside printable ASCII. */
function escapeChar(c: number, quote: string): string {
  switch (c) {
    case 0: return '\\0';
    case 9: return '\\t';
    case 10: return '\\n';
    case 13: return '\\r';
    case 92: return '\\\\';
  }
  const ch = String.fromCodePoint(c);
  if (ch === quote) return `\\${ch}`;
  return c >= 0x20 && c <= 0x7e ? ch : `\\u{${c.toString(16)}}`;
}

/** Strict UTF-8 decoding (no overlongs, surrogates or values past U+10FFFF). */
function utf8CodePoints(bytes: readonly number[]): number[] | undefined {
  const out: number[] = [];
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] as number;
    const n = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (n < 0) return undefined;
    let cp = n === 0 ? b : b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cb = bytes[i + k];
      if (cb === undefined || (cb & 0xc0) !== 0x80) return undefined;
      cp = (cp << 6) | (cb & 0x3f);
    }
    const min = [0, 0x80, 0x800, 0x10000][n] as number;
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) return undefined;
    out.push(cp);
    i += n + 1;
  }
  return out;
}

/** Punycode (RFC 3492) as v0 uses it for non-ASCII identifiers; undefined when malformed or implausibly long. */
function punycodeDecode(ascii: string, punycode: string): string | undefined {
  const BASE = 36, TMIN = 1, TMAX = 26, SKEW = 38, DAMP = 700, LIMIT = 0xffffffff;
  const out: number[] = [...ascii].map((c) => c.charCodeAt(0));
  let n = 0x80, i = 0, bias = 72, first = true;
  let at = 0;
  while (at < punycode.length) {
    let delta = 0, w = 1;
    for (let k = BASE; ; k += BASE) {
      const c = punycode.charCodeAt(at++);
      const d = c >= 97 && c <= 122 ? c - 97 : c >= 48 && c <= 57 ? c - 48 + 26 : -1;
      if (d < 0) return undefined;
      delta += d * w;
      if (delta > LIMIT) return undefined;
      const t = Math.min(Math.max(k - bias, TMIN), TMAX);
      if (d < t) break;
      w *= BASE - t;
      if (w > LIMIT) return undefined;
    }
    const len = out.length + 1;
    i += delta;
    n += Math.floor(i / len);
    i %= len;
    if (n > 0x10ffff || (n >= 0xd800 && n < 0xe000) || len > 256) return undefined;
    out.splice(i, 0, n);
    i++;
    // Bias adaptation.
    delta = Math.floor(delta / (first ? DAMP : 2));
    first = false;
    delta += Math.floor(delta / len);
    let k = 0;
    while (delta > ((BASE - TMIN) * TMAX) >> 1) {
      delta = Math.floor(delta / (BASE - TMIN));
      k += BASE;
    }
    bias = k + Math.floor(((BASE - TMIN + 1) * delta) / (delta + SKEW));
  }
  return String.fromCodePoint(...out);
}
