/**
 * Values of literal tokens, decoded only where the parser needs them (const expressions, attribute
 * arguments, `extern "ABI"`). Each function returns the value or an error message (never throws).
 */

const INT_SUFFIXES: ReadonlySet<string> = new Set(['u8', 'u16', 'u32', 'u64', 'u128', 'usize', 'i8', 'i16', 'i32', 'i64', 'i128', 'isize']);
const FLOAT_SUFFIXES: ReadonlySet<string> = new Set(['f16', 'f32', 'f64', 'f128']);

export type Decoded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

function good<T>(value: T): Decoded<T> {
  return { ok: true, value };
}
function bad<T>(message: string): Decoded<T> {
  return { ok: false, message };
}

/** `0x7fff_ffff`, `1u8`, `0b1010_i8`, `1_000` → value and suffix. */
export function intLiteral(text: string): Decoded<{ value: bigint; suffix: string | null }> {
  let base = 10;
  let i = 0;
  if (text.length > 1 && text.charCodeAt(0) === 48) {
    const p = text[1];
    if (p === 'x') base = 16;
    else if (p === 'o') base = 8;
    else if (p === 'b') base = 2;
    if (base !== 10) i = 2;
  }
  const digitRe = base === 16 ? /[0-9a-fA-F_]/ : /[0-9_]/;
  let j = i;
  while (j < text.length && digitRe.test(text[j] as string)) j++;
  const digits = text.slice(i, j).replaceAll('_', '');
  const suffix = j < text.length ? text.slice(j) : null;
  if (digits.length === 0) return bad('no valid digits found for number');
  if (suffix !== null && !INT_SUFFIXES.has(suffix)) {
    if (FLOAT_SUFFIXES.has(suffix)) return bad(base === 10 ? 'floating-point literals are not supported here' : `binary float literal is not supported`);
    return bad(`invalid suffix \`${suffix}\` for number literal`);
  }
  if (base === 2 || base === 8) {
    const limit = base === 2 ? '1' : '7';
    for (const d of digits) if (d > limit) return bad(`invalid digit for a base ${base} literal`);
  }
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  return good({ value: BigInt(prefix + digits), suffix });
}

/**
 * The text of a string-like literal (`"…"`, `r#"…"#`, `b"…"`, `c"…"`) → its contents with escapes decoded.
 * Byte strings decode to one character per byte.
 */
export function stringLiteral(text: string): Decoded<string> {
  let i = 0;
  let bytes = false;
  if (text[i] === 'b') { bytes = true; i++; } else if (text[i] === 'c') i++;
  if (text[i] === 'r') {
    i++;
    let hashes = 0;
    while (text[i] === '#') { hashes++; i++; }
    const end = text.lastIndexOf('"');
    if (text[i] !== '"' || end <= i) return bad('malformed raw string literal');
    if (end + 1 + hashes !== text.length) return bad(`invalid suffix \`${text.slice(end + 1 + hashes)}\` for string literal`);
    return good(text.slice(i + 1, end));
  }
  const close = text.lastIndexOf('"');
  if (text[i] !== '"' || close <= i) return bad('malformed string literal');
  if (close !== text.length - 1) return bad(`invalid suffix \`${text.slice(close + 1)}\` for string literal`);
  return unescape(text.slice(i + 1, close), bytes, true);
}

/** The text of a char or byte literal (`'x'`, `'\u{1F600}'`, `b'\xff'`) → its code point / byte value. */
export function charLiteral(text: string): Decoded<number> {
  const bytes = text[0] === 'b';
  const q = bytes ? 1 : 0;
  const close = text.lastIndexOf("'");
  if (close <= q) return bad('malformed character literal');
  if (close !== text.length - 1) return bad(`invalid suffix \`${text.slice(close + 1)}\` for character literal`);
  const r = unescape(text.slice(q + 1, close), bytes, false);
  if (!r.ok) return r;
  const cp = r.value.codePointAt(0);
  if (cp === undefined || r.value.length !== String.fromCodePoint(cp).length) return bad('character literal may only contain one codepoint');
  return good(cp);
}

function unescape(body: string, bytes: boolean, multiline: boolean): Decoded<string> {
  if (!body.includes('\\')) return good(body);
  let out = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i] as string;
    if (c !== '\\') { out += c; i++; continue; }
    const e = body[i + 1];
    i += 2;
    switch (e) {
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case '\\': out += '\\'; break;
      case '0': out += '\0'; break;
      case "'": out += "'"; break;
      case '"': out += '"'; break;
      case 'x': {
        const hex = body.slice(i, i + 2);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) return bad('invalid `\\x` escape: expected two hex digits');
        const v = parseInt(hex, 16);
        if (!bytes && v > 0x7f) return bad('out of range hex escape: must be a character in the range [\\x00-\\x7f]');
        out += String.fromCharCode(v);
        i += 2;
        break;
      }
      case 'u': {
        if (bytes) return bad('unicode escape in byte string');
        const m = /^\{([0-9a-fA-F_]{1,8})\}/.exec(body.slice(i));
        const digits = m?.[1]?.replaceAll('_', '') ?? '';
        if (m === null || digits.length === 0 || digits.length > 6) return bad('invalid unicode character escape');
        const v = parseInt(digits, 16);
        if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return bad('invalid unicode character escape: not a Unicode scalar value');
        out += String.fromCodePoint(v);
        i += m[0].length;
        break;
      }
      case '\n':
      case '\r':
        if (!multiline) return bad('unknown character escape');
        // A line continuation: the newline and the next line's leading whitespace vanish.
        while (i < body.length && /\s/.test(body[i] as string)) i++;
        break;
      default:
        return bad(`unknown character escape: \`${e ?? ''}\``);
    }
  }
  return good(out);
}
