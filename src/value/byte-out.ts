/**
 * A growing byte buffer that text is written into as UTF-8: what decode-trace's output is made of, so
 * that millions of printed calls become bytes once, without a string per value or per line.
 */

const ENCODER = new TextEncoder();

export class ByteOut {
  buf: Uint8Array;
  pos = 0;

  constructor(size: number = 1 << 16) {
    this.buf = new Uint8Array(size);
  }

  /** Room for `n` more bytes. */
  reserve(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
  }

  byte(c: number): void {
    if (this.pos >= this.buf.length) this.reserve(1);
    this.buf[this.pos++] = c;
  }

  /** Bytes made once (a name, `Some(`), copied by hand: they are short, and `set` costs more to call. */
  bytes(b: Uint8Array): void {
    const n = b.length;
    if (this.pos + n > this.buf.length) this.reserve(n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = b[i] as number;
    this.pos = p;
  }

  /** Any text, as UTF-8 (ASCII byte by byte, the rest through the encoder). */
  text(s: string): void {
    const n = s.length;
    if (this.pos + n > this.buf.length) this.reserve(n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.pos = p;
        this.reserve(3 * (n - i));
        this.pos += ENCODER.encodeInto(s.slice(i), this.buf.subarray(this.pos)).written;
        return;
      }
      buf[p++] = c;
    }
    this.pos = p;
  }

  /**
   * `String(v)`, as bytes. An integer below 2^53 in magnitude is printed here: `String(v)` of a number
   * outside the small-integer range goes through V8's float printer (about 110 ns), and decode-trace
   * prints millions of 64-bit values.
   */
  decimal(v: number): void {
    if (!Number.isSafeInteger(v)) { this.text(String(v)); return; }
    if (v < 0) {
      this.byte(45);
      v = -v;
    }
    if (v < 1e8) { this.small(v, 0); return; }
    // Below 2^53 < 10^16: two halves below 10^8, each printed with small-integer arithmetic. The
    // division may round up to the next integer; the remainder says so.
    let hi = Math.floor(v / 1e8);
    let lo = v - hi * 1e8;
    if (lo < 0) { hi--; lo += 1e8; }
    this.small(hi, 0);
    this.small(lo, 8);
  }

  /** `v` (0 ≤ v < 10^8) in decimal, left-padded with zeros to `width` digits. */
  private small(v: number, width: number): void {
    // In int32 arithmetic: `v` may come from float division, and a float `%` is a library call.
    let x = v | 0;
    let digits = x < 10 ? 1 : x < 100 ? 2 : x < 1000 ? 3 : x < 10000 ? 4 : x < 100000 ? 5 : x < 1000000 ? 6 : x < 10000000 ? 7 : 8;
    if (digits < width) digits = width;
    if (this.pos + digits > this.buf.length) this.reserve(digits);
    const buf = this.buf;
    const end = this.pos + digits;
    for (let p = end - 1; p >= this.pos; p--) {
      const q = (x / 10) | 0;
      buf[p] = 48 + x - q * 10;
      x = q;
    }
    this.pos = end;
  }

  /** What was written since `from`, as a string (tests and the line-at-a-time API). */
  textFrom(from: number): string {
    return DECODER.decode(this.buf.subarray(from, this.pos));
  }
}

const DECODER = new TextDecoder('utf-8');

/** `s` as UTF-8 bytes, for the constant pieces of printers. */
export function utf8(s: string): Uint8Array {
  return ENCODER.encode(s);
}
