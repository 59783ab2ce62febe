/**
 * IR pieces: what LLVM sees for one argument after rustc chose its pass mode — the unit the per-target
 * register allocators place. A Pair is two pieces, a Cast one per register of the cast, an Indirect one
 * pointer (plus metadata for unsized values).
 */
import type { PassMode, RegKind } from '../model/abi.js';
import type { Layout } from '../model/layout.js';
import type { TargetDataLayout } from '../model/target.js';
import { primSize } from '../layout/index.js';

export interface IrPiece {
  /** Byte offset in the value (for Indirect: 0, the pointer itself). */
  readonly offset: number;
  readonly size: number;
  readonly class: RegKind;
  /** x86_64 C `byval`: the whole value is copied into the stack-argument area (this alignment, at least 8). */
  readonly byvalAlign?: number;
}

/** LLVM's alignment of a cast register (rustc `Reg::align`) on our 64-bit-int-aligned targets. */
function regAlign(size: number): number {
  return size >= 16 ? 16 : size >= 8 ? 8 : size >= 4 ? 4 : size >= 2 ? 2 : 1;
}

export function irPieces(l: Layout, m: PassMode, dl: TargetDataLayout): IrPiece[] {
  switch (m.kind) {
    case 'ignore': return [];
    case 'indirect': {
      if (m.onStack) return [{ offset: 0, size: l.size, class: 'int', byvalAlign: l.align }];
      const out: IrPiece[] = [{ offset: 0, size: dl.pointerSize, class: 'int' }];
      for (let i = 0; i < m.metaPieces; i++) out.push({ offset: dl.pointerSize * (i + 1), size: dl.pointerSize, class: 'int' });
      return out;
    }
    case 'direct': {
      const r = l.repr;
      if (r.kind === 'scalar') return [{ offset: 0, size: primSize(r.s.prim, dl), class: r.s.prim.kind === 'float' ? 'float' : 'int' }];
      if (r.kind === 'vector') return [{ offset: 0, size: l.size, class: 'vector' }];
      return [{ offset: 0, size: l.size, class: 'int' }];
    }
    case 'pair': {
      const r = l.repr;
      if (r.kind !== 'scalarPair') return [{ offset: 0, size: l.size, class: 'int' }];
      const aSize = primSize(r.a.prim, dl);
      const bSize = primSize(r.b.prim, dl);
      const bAlign = bSize >= 16 ? 16 : bSize;
      const bOff = Math.ceil(aSize / bAlign) * bAlign;
      return [
        { offset: 0, size: aSize, class: r.a.prim.kind === 'float' ? 'float' : 'int' },
        { offset: bOff, size: bSize, class: r.b.prim.kind === 'float' ? 'float' : 'int' },
      ];
    }
    case 'cast': {
      // Only the bytes of the value are described: a unit that runs past its end (riscv C casts a 12-byte
      // struct to two i64) carries fewer bytes of it than the register holds.
      const out: IrPiece[] = [];
      const push = (offset: number, size: number, kind: RegKind): void => {
        const n = Math.min(size, l.size - offset);
        if (n > 0) out.push({ offset, size: n, class: kind });
      };
      let off = 0;
      for (const p of m.cast.prefix) {
        off = Math.ceil(off / regAlign(p.size)) * regAlign(p.size);
        push(off, p.size, p.kind);
        off += p.size;
      }
      const u = m.cast.unit;
      const start = m.cast.restOffset ?? Math.ceil(off / regAlign(u.size)) * regAlign(u.size);
      for (let done = 0; done < m.cast.total; done += u.size) push(start + done, Math.min(u.size, m.cast.total - done), u.kind);
      return out;
    }
  }
}
