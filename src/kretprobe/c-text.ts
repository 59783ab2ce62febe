/** Text that goes into generated C: string literals escaped, identifiers sanitised. */

/** A C string literal for any text: `\`, `"`, `?` (trigraphs), `%` (the literal may reach a format), control and non-ASCII bytes as octal escapes. */
export function cString(text: string): string {
  let out = '"';
  for (const byte of new TextEncoder().encode(text)) {
    if (byte === 0x5c) out += '\\\\';
    else if (byte === 0x22) out += '\\"';
    else if (byte === 0x3f) out += '\\?';
    else if (byte === 0x25) out += '\\045';
    else if (byte < 0x20 || byte >= 0x7f) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return out + '"';
}

/** A C identifier made from any text (letters, digits and `_`; never starting with a digit). */
export function cIdent(text: string): string {
  const s = text.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[0-9]/.test(s) || s === '' ? `_${s}` : s;
}

/** A C comment body that cannot end the comment. */
export function cComment(text: string): string {
  return text.replace(/\*\//g, '* /').replace(/[\r\n]+/g, ' ');
}
