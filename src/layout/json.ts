/** Layout → the `--json` contract (model/layout-json.ts). */
import type { Layout } from '../model/layout.js';
import type { LayoutJson, ScalarJson } from '../model/layout-json.js';
import type { Primitive, Scalar } from '../model/scalar.js';
import { INTEGER_BYTES, FLOAT_BYTES } from '../model/scalar.js';
import type { TargetDataLayout } from '../model/target.js';

export function primJson(p: Primitive): Pick<ScalarJson, 'prim' | 'signed'> {
  switch (p.kind) {
    case 'int': return { prim: `i${INTEGER_BYTES[p.int] * 8}` as ScalarJson['prim'], signed: p.signed };
    case 'float': return { prim: `f${FLOAT_BYTES[p.float] * 8}` as ScalarJson['prim'] };
    case 'ptr': return { prim: 'ptr' };
  }
}

export function scalarJson(s: Scalar): ScalarJson {
  const base = primJson(s.prim);
  return s.kind === 'init' ? { ...base, start: s.valid.start.toString(), end: s.valid.end.toString() } : base;
}

function fieldsJson(l: Layout): number[] | null {
  if (l.variants.kind === 'multiple') return null;
  switch (l.fields.kind) {
    case 'arbitrary': return [...l.fields.offsets];
    case 'union': return new Array<number>(l.fields.count).fill(0);
    default: return null;
  }
}

/** `variantNames` in declaration order (used only for enums with several variants). */
export function layoutToJson(type: string, l: Layout, dl: TargetDataLayout, variantNames: readonly string[] = []): LayoutJson {
  const r = l.repr;
  const abi: LayoutJson['abi'] =
    r.kind === 'scalar' ? { kind: 'scalar', scalars: [scalarJson(r.s)] }
      : r.kind === 'scalarPair' ? { kind: 'scalarPair', scalars: [scalarJson(r.a), scalarJson(r.b)] }
        : r.kind === 'vector' ? { kind: 'vector', scalars: [], elem: scalarJson(r.elem), count: r.count }
          : { kind: 'memory', scalars: [], sized: r.sized };
  const v = l.variants;
  let variants: LayoutJson['variants'] = null;
  if (v.kind === 'multiple') {
    const offs = l.fields.kind === 'arbitrary' ? l.fields.offsets : [0];
    const list = v.variants.map((vl, i) => ({
      name: variantNames[i] ?? String(i),
      size: vl.size,
      fields: vl.fields.kind === 'arbitrary' ? [...vl.fields.offsets] : [],
    }));
    const tag = { offset: offs[0] ?? 0, scalar: scalarJson(v.tag) };
    variants = v.encoding.kind === 'direct'
      ? { tag, encoding: 'direct', list }
      : {
          tag, encoding: 'niche', list,
          untaggedVariant: v.encoding.untaggedVariant,
          nicheVariants: [v.encoding.nicheVariants[0], v.encoding.nicheVariants[1]],
          nicheStart: v.encoding.nicheStart.toString(),
        };
  }
  return {
    type, target: dl.triple,
    size: l.size, align: l.align,
    uninhabited: l.uninhabited,
    sized: !(r.kind === 'memory' && !r.sized),
    abi,
    fields: fieldsJson(l),
    largestNiche: l.largestNiche === null ? null : {
      offset: l.largestNiche.offset,
      scalar: scalarJson({ kind: 'init', prim: l.largestNiche.prim, valid: l.largestNiche.valid }),
    },
    variants,
  };
}
