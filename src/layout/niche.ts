/**
 * Niche reservation (rustc_abi `Niche::reserve`): take `count` invalid values next to the valid range,
 * preferring to let the first reserved value be 0 (so `None` can be null).
 */
import type { Niche } from '../model/layout.js';
import type { Scalar } from '../model/scalar.js';
import { maxOfBits } from '../model/scalar.js';
import type { TargetDataLayout } from '../model/target.js';
import { nicheAvailable, primBits } from './primitives.js';

export interface Reserved {
  /** The bit pattern of the first niche variant. */
  readonly nicheStart: bigint;
  /** The scalar with its valid range widened over the reserved values. */
  readonly scalar: Scalar;
}

export function reserveNiche(n: Niche, count: bigint, dl: TargetDataLayout): Reserved | null {
  const max = maxOfBits(primBits(n.prim, dl));
  const { start, end } = n.valid;
  if (count > nicheAvailable(n, dl)) return null;
  const moveStart = (): Reserved => {
    const s = (start - count) & max;
    return { nicheStart: s, scalar: { kind: 'init', prim: n.prim, valid: { start: s, end } } };
  };
  const moveEnd = (): Reserved => {
    const s = (end + 1n) & max;
    const e = (end + count) & max;
    return { nicheStart: s, scalar: { kind: 'init', prim: n.prim, valid: { start, end: e } } };
  };
  const distanceEndZero = max - end;
  if (start > end) return moveEnd(); // already wraps: zero is taken
  if (start <= distanceEndZero) return count <= start ? moveStart() : moveEnd();
  const e = (end + count) & max;
  const overshotZero = e >= 1n && e <= end;
  return overshotZero ? moveStart() : moveEnd();
}
