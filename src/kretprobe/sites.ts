/**
 * Pointer sites: the offsets inside a value where a pointer sits whose pointee `{:?}` prints
 * (`&T`, `&mut T`, `Box<T>`, `KBox<T>`), in any variant, with the pointee's size. A probe reads those
 * pointees (one level deep) so that `Some(&5)` prints as Rust prints it, not as an address.
 */
import type { Layout } from '../model/layout.js';
import { isSized } from '../model/layout.js';
import type { Ty } from '../model/ty.js';
import type { LayoutCx } from '../layout/index.js';
import { fieldsOf, layoutOf } from '../layout/index.js';
import { preludeName } from '../value/std-types.js';

export interface PointerSite {
  readonly offset: number;
  readonly pointee: Ty;
  readonly size: number;
}

const MAX_SITES = 16;
const MAX_ARRAY = 8;

function pointeeOf(ty: Ty): Ty | null {
  if (ty.kind === 'ref') return ty.pointee;
  if (ty.kind === 'adt') {
    const n = preludeName(ty);
    if (n === 'Box' || n === 'KernelBox') {
      const a = ty.args[0];
      return a !== undefined && a.kind !== 'const' ? a : null;
    }
  }
  return null;
}

function walk(ty: Ty, l: Layout, cx: LayoutCx, base: number, out: Map<number, PointerSite>, depth: number): void {
  if (out.size >= MAX_SITES || depth > 6 || l.uninhabited) return;
  const pointee = pointeeOf(ty);
  if (pointee !== null) {
    const pl = layoutOf(pointee, cx);
    if (pl.ok && isSized(pl.value) && !pl.value.uninhabited && l.size === cx.dl.pointerSize) out.set(base, { offset: base, pointee, size: pl.value.size });
    return;
  }
  if (ty.kind === 'array') {
    const el = layoutOf(ty.elem, cx);
    if (!el.ok || l.fields.kind !== 'array') return;
    const n = Math.min(Number(ty.len), MAX_ARRAY);
    for (let i = 0; i < n; i++) walk(ty.elem, el.value, cx, base + i * l.fields.stride, out, depth + 1);
    return;
  }
  if (ty.kind !== 'tuple' && ty.kind !== 'adt') return;
  if (ty.kind === 'adt' && ty.def.kind === 'union') return;
  const variants = l.variants.kind === 'multiple' ? l.variants.variants.map((v, i) => [v, i] as const) : [[l, l.variants.kind === 'single' ? l.variants.index : 0] as const];
  for (const [vl, vi] of variants) {
    const fs = fieldsOf({ ty, layout: vl }, cx, vi);
    if (!fs.ok) continue;
    for (const f of fs.value) walk(f.ty, f.layout, cx, base + f.offset, out, depth + 1);
  }
}

/** Where the pointers inside a value of type `ty` are whose pointees Rust's Debug shows. */
export function pointerSites(ty: Ty, layout: Layout, cx: LayoutCx): PointerSite[] {
  const out = new Map<number, PointerSite>();
  walk(ty, layout, cx, 0, out, 0);
  return [...out.values()].sort((a, b) => a.offset - b.offset);
}
