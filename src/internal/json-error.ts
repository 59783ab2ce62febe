/**
 * Where JSON text stops being JSON: the offset of the first character a JSON parser cannot accept (the
 * text's length when it ends too early), or -1 when the text is valid. Node's JSON.parse messages do
 * not always carry a position; diagnostics need one for their file:line:col and caret.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const n = text.length;
  class Stop { constructor(readonly at: number) {} }
  const ws = (): void => { while (i < n && ' \t\n\r'.includes(text[i] as string)) i++; };
  const expect = (s: string): void => {
    for (const ch of s) { if (text[i] !== ch) throw new Stop(i); i++; }
  };
  const string = (): void => {
    expect('"');
    while (i < n && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) throw new Stop(i);
      if (text[i] === '\\') {
        i++;
        const e = text[i];
        if (e === 'u') { for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) throw new Stop(i + k); i += 5; continue; }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) throw new Stop(i);
      }
      i++;
    }
    expect('"');
  };
  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m === null || m[0] === '' || m[0] === '-') throw new Stop(i + (m?.[0].length ?? 0));
    i += m[0].length;
  };
  const value = (depth: number): void => {
    if (depth > 512) throw new Stop(i);
    ws();
    const c = text[i];
    if (c === '{') {
      i++; ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws(); string(); ws(); expect(':'); value(depth + 1); ws();
        if (text[i] === ',') { i++; continue; }
        expect('}');
        return;
      }
    }
    if (c === '[') {
      i++; ws();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        value(depth + 1); ws();
        if (text[i] === ',') { i++; continue; }
        expect(']');
        return;
      }
    }
    if (c === '"') return string();
    if (c === 't') return expect('true');
    if (c === 'f') return expect('false');
    if (c === 'n') return expect('null');
    return number();
  };
  try {
    value(0);
    ws();
    return i < n ? i : -1;
  } catch (e) {
    if (e instanceof Stop) return Math.min(e.at, n);
    throw e;
  }
}
