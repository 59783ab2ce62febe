/**
 * Typed field access (rustc's `TyAndLayout::field`): for a type and its layout, the type, layout and
 * offset of each field — of a struct/tuple/union, of an array element, or of one enum variant.
 * Used by calling-convention classifiers and the value codec, which walk aggregates.
 */
import type { Outcome } from '../model/diagnostics.js';
import { ok } from '../model/diagnostics.js';
import type { Layout } from '../model/layout.js';
import type { Ty } from '../model/ty.js';
import type { LayoutCx } from './compute.js';
import { layoutOf } from './compute.js';

export interface TyAndLayout {
  readonly ty: Ty;
  readonly layout: Layout;
}

export interface FieldOf extends TyAndLayout {
  readonly name: string;
  readonly offset: number;
}

/** The fields of `tl` (of `variant` when it is a multi-variant enum), in declaration order. */
export function fieldsOf(tl: TyAndLayout, cx: LayoutCx, variant?: number): Outcome<FieldOf[]> {
  const { ty, layout } = tl;
  let tys: readonly Ty[] = [];
  let names: readonly string[] = [];
  let shape = layout;
  switch (ty.kind) {
    case 'tuple':
      tys = ty.elems;
      names = ty.elems.map((_, i) => String(i));
      break;
    case 'array': {
      const el = layoutOf(ty.elem, cx);
      if (!el.ok) return el;
      const n = Number(ty.len);
      const out: FieldOf[] = [];
      for (let i = 0; i < n; i++) out.push({ ty: ty.elem, layout: el.value, name: String(i), offset: i * el.value.size });
      return ok(out);
    }
    case 'adt': {
      const fs = ty.def.fields(ty.args);
      if (!fs.ok) return fs;
      let vi = 0;
      if (ty.def.kind === 'enum') {
        if (layout.variants.kind === 'multiple') {
          vi = variant ?? 0;
          const vl = layout.variants.variants[vi];
          if (vl !== undefined) shape = vl;
        } else if (layout.variants.kind === 'single') {
          vi = layout.variants.index;
        } else {
          return ok([]);
        }
      }
      tys = fs.value[vi] ?? [];
      names = ty.def.variants[vi]?.fields.map((f) => f.name) ?? [];
      break;
    }
    default:
      return ok([]);
  }
  const offsets = shape.fields.kind === 'arbitrary' ? shape.fields.offsets : [];
  const out: FieldOf[] = [];
  for (let i = 0; i < tys.length; i++) {
    const t = tys[i] as Ty;
    const l = layoutOf(t, cx);
    if (!l.ok) return l;
    out.push({ ty: t, layout: l.value, name: names[i] ?? String(i), offset: shape.fields.kind === 'union' ? 0 : (offsets[i] ?? 0) });
  }
  return ok(out);
}
