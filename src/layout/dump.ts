/**
 * The human view of a layout: a byte map with offsets, fields, padding, tag and niche, variants and the
 * backend repr. Canonical (no addresses, fixed order), so goldens and the CLI share it.
 */
import type { Layout } from '../model/layout.js';
import type { Primitive, Scalar, WrappingRange } from '../model/scalar.js';
import { isFullRange } from '../model/scalar.js';
import type { Ty } from '../model/ty.js';
import { tyKey } from '../model/ty.js';
import type { LayoutCx } from './compute.js';
import { layoutOf } from './compute.js';
import { nicheAvailable, primBits, primSize } from './primitives.js';

export function primText(p: Primitive, dl: LayoutCx['dl']): string {
  switch (p.kind) {
    case 'int': return `${p.signed ? 'i' : 'u'}${primBits(p, dl)}`;
    case 'float': return `f${primBits(p, dl)}`;
    case 'ptr': return 'ptr';
  }
}

export function rangeText(r: WrappingRange): string {
  return r.start <= r.end ? `${r.start}..=${r.end}` : `${r.start}..=${r.end} (wraps)`;
}

export function scalarText(s: Scalar, cx: LayoutCx): string {
  const p = primText(s.prim, cx.dl);
  if (s.kind === 'union') return `${p} (may be uninit)`;
  return isFullRange(s.valid, primBits(s.prim, cx.dl)) ? p : `${p} [${rangeText(s.valid)}]`;
}

export function reprText(l: Layout, cx: LayoutCx): string {
  const r = l.repr;
  switch (r.kind) {
    case 'scalar': return `Scalar(${scalarText(r.s, cx)})`;
    case 'scalarPair': return `ScalarPair(${scalarText(r.a, cx)}, ${scalarText(r.b, cx)})`;
    case 'vector': return `SimdVector(${scalarText(r.elem, cx)} x ${r.count})`;
    case 'memory': return r.sized ? 'Memory' : 'Memory (unsized)';
  }
}

interface Row { start: number; end: number; text: string }

function fieldRows(tys: readonly Ty[], names: readonly string[], l: Layout, cx: LayoutCx, base: number, tag: { start: number; end: number; text: string } | null): Row[] {
  const rows: Row[] = [];
  if (tag !== null) rows.push({ start: tag.start, end: tag.end, text: tag.text });
  const offsets = l.fields.kind === 'arbitrary' ? l.fields.offsets : [];
  tys.forEach((t, i) => {
    const fl = layoutOf(t, cx);
    const size = fl.ok ? fl.value.size : 0;
    const off = (offsets[i] ?? 0) + base;
    let text = `.${names[i] ?? i}: ${tyKey(t)}`;
    if (fl.ok && fl.value.largestNiche !== null && size > 0) {
      const n = fl.value.largestNiche;
      text += `  (niche at +${n.offset}: ${primText(n.prim, cx.dl)} valid ${rangeText(n.valid)})`;
    }
    rows.push({ start: off, end: off + size, text });
  });
  rows.sort((a, b) => a.start - b.start || a.end - b.end);
  return rows;
}

function renderRows(rows: readonly Row[], size: number, indent: string): string[] {
  const out: string[] = [];
  const w = String(size).length;
  const range = (s: number, e: number): string => `${String(s).padStart(w)}..${String(e).padEnd(w)}`;
  let at = 0;
  for (const r of rows) {
    if (r.start > at) out.push(`${indent}${range(at, r.start)}  padding`);
    out.push(`${indent}${range(r.start, r.end)}  ${r.text}`);
    at = Math.max(at, r.end);
  }
  if (at < size) out.push(`${indent}${range(at, size)}  padding`);
  return out;
}

/** A multi-line byte map of `ty`'s layout. */
export function dumpLayout(type: string, ty: Ty, l: Layout, cx: LayoutCx): string {
  const dl = cx.dl;
  const lines = [`${type}  (${dl.triple})`];
  const sized = !(l.repr.kind === 'memory' && !l.repr.sized);
  lines.push(`  size ${sized ? l.size : 'unsized'}, align ${l.align}, ${reprText(l, cx)}${l.uninhabited ? ', uninhabited' : ''}`);
  if (l.largestNiche !== null) {
    const n = l.largestNiche;
    const free = nicheAvailable(n, dl);
    lines.push(`  niche: ${primText(n.prim, dl)} at ${n.offset}..${n.offset + primSize(n.prim, dl)}, valid ${rangeText(n.valid)} (${free} invalid value${free === 1n ? '' : 's'} free)`);
  }
  const fieldTys = ty.kind === 'adt' ? ty.def.fields(ty.args) : null;
  const v = l.variants;
  if (v.kind === 'multiple' && ty.kind === 'adt' && fieldTys?.ok === true) {
    const tagOff = l.fields.kind === 'arbitrary' ? (l.fields.offsets[0] ?? 0) : 0;
    const tagEnd = tagOff + primSize(v.tag.prim, dl);
    const names = ty.def.variants.map((x) => x.name);
    if (v.encoding.kind === 'direct') {
      lines.push(`  tag: ${scalarText(v.tag, cx)} at ${tagOff}..${tagEnd} (direct)`);
    } else {
      const e = v.encoding;
      lines.push(`  tag: niche ${scalarText(v.tag, cx)} at ${tagOff}..${tagEnd}; ${names[e.untaggedVariant] ?? e.untaggedVariant} is untagged (holds any valid value there)`);
    }
    v.variants.forEach((vl, i) => {
      const vname = names[i] ?? String(i);
      let enc: string;
      if (v.encoding.kind === 'direct') {
        const d = tagValueOfDirect(ty, i);
        const stored = BigInt.asUintN(primBits(v.tag.prim, dl), d);
        enc = stored === d ? `tag = ${d}` : `tag = ${stored}, discriminant ${d}`;
      } else {
        const e = v.encoding;
        const bits = primBits(v.tag.prim, dl);
        if (i === e.untaggedVariant) enc = 'untagged';
        else if (i >= e.nicheVariants[0] && i <= e.nicheVariants[1]) enc = `niche value ${(BigInt(i - e.nicheVariants[0]) + e.nicheStart) & ((1n << BigInt(bits)) - 1n)}`;
        else enc = 'unreachable';
      }
      lines.push(`  variant ${vname} (${enc}), ${vl.size} byte${vl.size === 1 ? '' : 's'}${vl.uninhabited ? ', uninhabited' : ''}:`);
      const tys = fieldTys.value[i] ?? [];
      const fnames = ty.def.variants[i]?.fields.map((f) => f.name) ?? [];
      const showTag = v.encoding.kind === 'direct' || i !== v.encoding.untaggedVariant;
      const rows = fieldRows(tys, fnames, vl, cx, 0, showTag ? { start: tagOff, end: tagEnd, text: v.encoding.kind === 'direct' ? 'tag' : 'niche value (tag)' } : null);
      lines.push(...renderRows(rows, l.size, '    '));
    });
  } else if (fieldTys?.ok === true && ty.kind === 'adt' && l.fields.kind !== 'primitive') {
    const idx = l.variants.kind === 'single' ? l.variants.index : 0;
    const tys = ty.def.kind === 'enum' ? (fieldTys.value[idx] ?? []) : (fieldTys.value[0] ?? []);
    const names = ty.def.variants[ty.def.kind === 'enum' ? idx : 0]?.fields.map((f) => f.name) ?? [];
    if (ty.def.kind === 'union') {
      tys.forEach((t, i) => { const fl = layoutOf(t, cx); lines.push(`    0..${fl.ok ? fl.value.size : '?'}  .${names[i] ?? i}: ${tyKey(t)}`); });
    } else {
      if (ty.def.kind === 'enum') lines.push(`  only variant ${ty.def.variants[idx]?.name ?? idx}, no tag`);
      lines.push(...renderRows(fieldRows(tys, names, l, cx, 0, null), l.size, '    '));
    }
  } else if (ty.kind === 'tuple') {
    lines.push(...renderRows(fieldRows(ty.elems, ty.elems.map((_, i) => String(i)), l, cx, 0, null), l.size, '    '));
  }
  return lines.join('\n');
}

/** The discriminant of variant `i`: explicit, or one more than the previous (the first is 0). */
function tagValueOfDirect(ty: Ty & { kind: 'adt' }, i: number): bigint {
  let d = 0n;
  for (let k = 0; k <= i; k++) {
    const e = ty.def.variants[k]?.discriminant ?? null;
    d = e !== null ? e : k === 0 ? 0n : d + 1n;
  }
  return d;
}
