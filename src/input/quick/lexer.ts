/** A compact Rust lexer (stand-in until the full input lexer lands). */
import type { Diagnostic, Source } from '../../model/diagnostics.js';
import { error } from '../../model/diagnostics.js';

export type TokKind = 'ident' | 'lifetime' | 'int' | 'float' | 'str' | 'char' | 'punct' | 'eof';
export interface Tok { kind: TokKind; text: string; start: number; end: number; value?: bigint; suffix?: string | null }

const PUNCT3 = ['..=', '...', '<<=', '>>='];
const PUNCT2 = ['::', '->', '=>', '==', '!=', '<=', '>=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '^=', '&=', '|=', '<<', '>>', '..'];

function isIdStart(c: number): boolean { return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127; }
function isIdCont(c: number): boolean { return isIdStart(c) || (c >= 48 && c <= 57); }

export function lex(src: Source): { toks: Tok[] } | { error: Diagnostic } {
  const s = src.text;
  const toks: Tok[] = [];
  let i = 0;
  const n = s.length;
  const err = (msg: string, a: number, b: number, code: 'input/unexpected-char' | 'input/unterminated' | 'input/invalid-literal' = 'input/unexpected-char') =>
    ({ error: error(code, msg, { source: src, start: a, end: Math.max(b, a + 1) }) });
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) { i++; continue; }
    if (c === 47 && s.charCodeAt(i + 1) === 47) { while (i < n && s.charCodeAt(i) !== 10) i++; continue; }
    if (c === 47 && s.charCodeAt(i + 1) === 42) {
      const st = i; let depth = 1; i += 2;
      while (i < n && depth > 0) {
        if (s.charCodeAt(i) === 47 && s.charCodeAt(i + 1) === 42) { depth++; i += 2; }
        else if (s.charCodeAt(i) === 42 && s.charCodeAt(i + 1) === 47) { depth--; i += 2; }
        else i++;
      }
      if (depth > 0) return err('unterminated block comment', st, n, 'input/unterminated');
      continue;
    }
    const start = i;
    // raw strings / byte strings / raw idents
    if ((c === 114 || c === 98 || c === 99) && i + 1 < n) {
      let j = i;
      if (s[j] === 'b' || s[j] === 'c') j++;
      if (s[j] === 'r' && (s[j + 1] === '"' || s[j + 1] === '#')) {
        j++;
        let hashes = 0;
        while (s[j] === '#') { hashes++; j++; }
        if (s[j] === '"') {
          j++;
          const close = '"' + '#'.repeat(hashes);
          const e = s.indexOf(close, j);
          if (e < 0) return err('unterminated raw string', start, n, 'input/unterminated');
          toks.push({ kind: 'str', text: s.slice(j, e), start, end: e + close.length });
          i = e + close.length;
          continue;
        }
        if (hashes === 1 && isIdStart(s.charCodeAt(j))) { // r#ident
          let k = j; while (k < n && isIdCont(s.charCodeAt(k))) k++;
          toks.push({ kind: 'ident', text: s.slice(j, k), start, end: k });
          i = k; continue;
        }
      }
      if ((c === 98 || c === 99) && (s[i + 1] === '"' || (c === 98 && s[i + 1] === "'"))) i++;
    }
    const d = s.charCodeAt(i);
    if (d === 34) {
      let j = i + 1;
      while (j < n && s.charCodeAt(j) !== 34) j += s.charCodeAt(j) === 92 ? 2 : 1;
      if (j >= n) return err('unterminated string literal', start, n, 'input/unterminated');
      toks.push({ kind: 'str', text: s.slice(i + 1, j), start, end: j + 1 });
      i = j + 1; continue;
    }
    if (d === 39) {
      // char literal or lifetime
      if (s.charCodeAt(i + 1) === 92) {
        const e = s.indexOf("'", i + 2 + (s[i + 2] === "'" ? 1 : 0));
        if (e < 0) return err('unterminated character literal', start, n, 'input/unterminated');
        toks.push({ kind: 'char', text: s.slice(i + 1, e), start, end: e + 1 }); i = e + 1; continue;
      }
      const cp = s.codePointAt(i + 1);
      const w = cp !== undefined && cp > 0xffff ? 2 : 1;
      if (cp !== undefined && s.charCodeAt(i + 1 + w) === 39) { toks.push({ kind: 'char', text: s.slice(i + 1, i + 1 + w), start, end: i + 2 + w }); i += 2 + w; continue; }
      if (isIdStart(s.charCodeAt(i + 1))) {
        let j = i + 1; while (j < n && isIdCont(s.charCodeAt(j))) j++;
        toks.push({ kind: 'lifetime', text: s.slice(i, j), start, end: j }); i = j; continue;
      }
      return err('unterminated character literal', start, i + 1, 'input/unterminated');
    }
    if (isIdStart(d)) {
      let j = i; while (j < n && isIdCont(s.charCodeAt(j))) j++;
      toks.push({ kind: 'ident', text: s.slice(i, j), start, end: j }); i = j; continue;
    }
    if (d >= 48 && d <= 57) {
      let j = i;
      let radix = 10;
      if (d === 48 && (s[i + 1] === 'x' || s[i + 1] === 'o' || s[i + 1] === 'b')) { radix = s[i + 1] === 'x' ? 16 : s[i + 1] === 'o' ? 8 : 2; j += 2; }
      const digStart = j;
      const isDig = (ch: string): boolean => radix === 16 ? /[0-9a-fA-F_]/.test(ch) : radix === 8 ? /[0-7_]/.test(ch) : radix === 2 ? /[01_]/.test(ch) : /[0-9_]/.test(ch);
      while (j < n && isDig(s[j] as string)) j++;
      let isFloat = false;
      if (radix === 10 && s[j] === '.' && /[0-9]/.test(s[j + 1] ?? '')) { isFloat = true; j++; while (j < n && /[0-9_]/.test(s[j] as string)) j++; }
      if (radix === 10 && (s[j] === 'e' || s[j] === 'E') && /[0-9+-]/.test(s[j + 1] ?? '')) { isFloat = true; j += 2; while (j < n && /[0-9_]/.test(s[j] as string)) j++; }
      const digits = s.slice(digStart, j).replace(/_/g, '');
      let k = j; while (k < n && isIdCont(s.charCodeAt(k))) k++;
      const suffix = k > j ? s.slice(j, k) : null;
      if (isFloat || (suffix !== null && /^f(16|32|64|128)$/.test(suffix))) { toks.push({ kind: 'float', text: s.slice(i, k), start, end: k, suffix }); i = k; continue; }
      if (digits === '') return err('invalid integer literal: no digits', start, k, 'input/invalid-literal');
      if (suffix !== null && !/^[iu](8|16|32|64|128|size)$/.test(suffix)) return err(`invalid suffix \`${suffix}\` for number literal`, j, k, 'input/invalid-literal');
      const prefix = radix === 16 ? '0x' : radix === 8 ? '0o' : radix === 2 ? '0b' : '';
      toks.push({ kind: 'int', text: s.slice(i, k), start, end: k, value: BigInt(prefix + digits), suffix }); i = k; continue;
    }
    const p3 = s.slice(i, i + 3);
    if (PUNCT3.includes(p3)) { toks.push({ kind: 'punct', text: p3, start, end: i + 3 }); i += 3; continue; }
    const p2 = s.slice(i, i + 2);
    if (PUNCT2.includes(p2)) { toks.push({ kind: 'punct', text: p2, start, end: i + 2 }); i += 2; continue; }
    if ('#!()[]{}<>,;:=&*+-/%^|~?.@$'.includes(s[i] as string)) { toks.push({ kind: 'punct', text: s[i] as string, start, end: i + 1 }); i++; continue; }
    return err(`unexpected character \`${String.fromCodePoint(s.codePointAt(i) ?? 0)}\``, i, i + 1);
  }
  toks.push({ kind: 'eof', text: '', start: n, end: n });
  return { toks };
}
