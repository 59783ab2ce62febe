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
}

export function irPieces(l: Layout, m: PassMode, dl: TargetDataLayout): IrPiece[] {
  switch (m.kind) {
    case 'ignore': return [];
    case 'indirect': {
      if (m.onStack) return [{ offset: 0, size: l.size, class: 'int' }];
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
      const out: IrPiece[] = [];
      let off = 0;
      for (const p of m.cast.prefix) { out.push({ offset: off, size: p.size, class: p.kind }); off += p.size; }
      const rest = m.cast.total - off;
      const u = m.cast.unit;
      for (let done = 0; done < rest; done += u.size) out.push({ offset: off + done, size: Math.min(u.size, rest - done), class: u.kind });
      return out;
    }
  }
}
