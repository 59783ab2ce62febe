/**
 * A choice sequence: the one source of randomness of every generator in this folder.
 *
 * fast-check draws a fixed-length array of 16-bit numbers; a generator reads them one by one through
 * `Choices` and turns them into Rust text. When fast-check shrinks the array (every value towards 0), the
 * generator's decisions move towards their first alternative, which is always the simplest one (fewer
 * items, fewer fields, `u8` rather than a nested type, no repr…). When the array is used up, a xorshift
 * stream seeded from the array continues, so long cases stay random rather than degenerate.
 *
 * Reading the numbers directly (instead of composing one fast-check arbitrary per syntax node) keeps
 * generation fast: one case costs a few tens of microseconds.
 */
import fc from 'fast-check';

/** Draws are 16-bit: `0 ..= CHOICE_MAX`. */
export const CHOICE_MAX = 0xffff;
const SPAN = CHOICE_MAX + 1;

export class Choices {
  private pos = 0;
  private state: number;

  constructor(private readonly values: ArrayLike<number>) {
    let h = 0x9e3779b9 ^ values.length;
    for (let i = 0; i < values.length; i++) h = Math.imul(h ^ (values[i] ?? 0), 0x85ebca6b) ^ (h >>> 13);
    this.state = h | 1;
  }

  /** How many values of the array have been read so far (for tuning the array length). */
  get consumed(): number {
    return this.pos;
  }

  /** The next raw draw, `0 ..= CHOICE_MAX`. */
  next(): number {
    if (this.pos < this.values.length) {
      const v = this.values[this.pos++] ?? 0;
      return v & CHOICE_MAX;
    }
    this.pos++;
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x;
    return (x >>> 8) & CHOICE_MAX;
  }

  /** Uniform integer in `lo ..= hi` (draw 0 gives `lo`). Ranges wider than 2^16 use two draws. */
  int(lo: number, hi: number): number {
    if (hi <= lo) return lo;
    const n = hi - lo + 1;
    if (n <= SPAN) return lo + (this.next() % n);
    const v = this.next() * SPAN + this.next();
    return lo + (v % n);
  }

  /** Uniform bigint in `lo ..= hi` (draw 0 gives `lo`). */
  bigint(lo: bigint, hi: bigint): bigint {
    if (hi <= lo) return lo;
    const n = hi - lo + 1n;
    let v = 0n;
    let range = 1n;
    while (range < n * 256n && range < 1n << 160n) {
      v = v * BigInt(SPAN) + BigInt(this.next());
      range *= BigInt(SPAN);
    }
    return lo + (v % n);
  }

  /** True with probability `p`; draw 0 gives `false` (the simpler decision). */
  chance(p: number): boolean {
    return this.next() >= Math.round((1 - p) * SPAN);
  }

  /** One element of a non-empty list; draw 0 gives the first. */
  pick<T>(list: readonly T[]): T {
    if (list.length === 0) throw new Error('Choices.pick: empty list');
    return list[this.int(0, list.length - 1)] as T;
  }

  /**
   * One value of a weighted list `[weight, value]`; entries with weight ≤ 0 are skipped.
   * Draw 0 gives the first entry with a positive weight.
   */
  weighted<T>(entries: readonly (readonly [number, T])[]): T {
    let total = 0;
    for (let i = 0; i < entries.length; i++) {
      const w = (entries[i] as readonly [number, T])[0];
      if (w > 0) total += w;
    }
    if (total <= 0) throw new Error('Choices.weighted: no entry with a positive weight');
    let r = (this.next() / SPAN) * total;
    let last: T | undefined;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i] as readonly [number, T];
      if (e[0] <= 0) continue;
      last = e[1];
      if (r < e[0]) return e[1];
      r -= e[0];
    }
    return last as T;
  }
}

/** Default length of the choice array; long cases continue on the seeded fallback stream. */
export const DEFAULT_CHOICE_LENGTH = 320;

/**
 * A fast-check arbitrary from a generator over `Choices`. Shrinking shrinks the choice array, i.e. it moves
 * every decision towards its simplest alternative.
 */
export function arbFromChoices<T>(gen: (c: Choices) => T, length: number = DEFAULT_CHOICE_LENGTH): fc.Arbitrary<T> {
  return fc
    .noBias(fc.array(fc.nat({ max: CHOICE_MAX }), { minLength: length, maxLength: length }))
    .map((values) => gen(new Choices(values)));
}
