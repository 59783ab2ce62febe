/**
 * The human view of a register map: per argument and for the return, the registers or stack slots and
 * what each holds ("rax = tag: 0 None, 1 Some"), and a warning when the return value cannot be read at
 * return time without an entry stash.
 */
import type { ArgAbi, FnAbi, Loc, Piece } from '../model/abi.js';
import type { Layout } from '../model/layout.js';
import type { Ty } from '../model/ty.js';
import { tyKey } from '../model/ty.js';
import type { LayoutCx } from '../layout/index.js';
import { fieldsOf, pointerMetadata, primSize } from '../layout/index.js';
import type { FnSig } from './signature.js';
import { CALLING_CONVENTIONS } from './targets/index.js';

export function locText(l: Loc): string {
  if ('reg' in l) return l.reg;
  if ('stack' in l) return `[sp+${l.stack}]`;
  return `param ${l.param}`;
}

function variantNames(ty: Ty): string[] {
  return ty.kind === 'adt' ? ty.def.variants.map((v) => v.name) : [];
}

/** What bytes offset..offset+size of a value of type `ty` hold, in words. */
function describe(ty: Ty, l: Layout, offset: number, size: number, cx: LayoutCx, depth = 0, label = tyKey(ty)): string {
  const v = l.variants;
  const end = offset + size;
  if (v.kind === 'multiple' && ty.kind === 'adt') {
    const tagOff = l.fields.kind === 'arbitrary' ? (l.fields.offsets[0] ?? 0) : 0;
    const tagEnd = tagOff + primSize(v.tag.prim, cx.dl);
    const names = variantNames(ty);
    if (tagOff >= offset && tagEnd <= end) {
      if (v.encoding.kind === 'direct') {
        const list = names.length <= 6 ? names.map((n, i) => `${discrOf(ty, i)} ${n}`).join(', ') : `${names.length} variants`;
        return `tag: ${list}`;
      }
      const e = v.encoding;
      const mask = (1n << BigInt(primSize(v.tag.prim, cx.dl) * 8)) - 1n;
      const niche = [];
      for (let i = e.nicheVariants[0]; i <= e.nicheVariants[1] && niche.length < 4; i++) {
        if (i !== e.untaggedVariant) niche.push(`${(BigInt(i - e.nicheVariants[0]) + e.nicheStart) & mask} = ${names[i] ?? i}`);
      }
      return `niche-encoded ${tyKey(ty)}: ${niche.join(', ')}; anything else = ${names[e.untaggedVariant] ?? ''}(…)`;
    }
    const parts: string[] = [];
    v.variants.forEach((_, i) => {
      const fs = fieldsOf({ ty, layout: l }, cx, i);
      if (!fs.ok) return;
      for (const f of fs.value) {
        if (f.layout.size > 0 && f.offset < end && f.offset + f.layout.size > offset) parts.push(`${names[i]}.${f.name}: ${tyKey(f.ty)}`);
      }
    });
    return parts.length > 0 ? `payload ${parts.join(' / ')}` : 'padding';
  }
  if ((ty.kind === 'ref' || ty.kind === 'ptr') && l.repr.kind === 'scalarPair') {
    const meta = pointerMetadata(ty.pointee);
    if (offset === 0) return `data pointer of ${label}`;
    return meta.ok && meta.value === 'vtable' ? `vtable pointer of ${label}` : `length of ${label}`;
  }
  if (offset === 0 && size >= l.size) return tyKey(ty);
  if (depth > 4) return tyKey(ty);
  const fs = fieldsOf({ ty, layout: l }, cx);
  if (fs.ok && fs.value.length > 0) {
    const inside = fs.value.filter((f) => f.layout.size > 0 && f.offset < end && f.offset + f.layout.size > offset);
    if (inside.length === 1) {
      const f = inside[0] as (typeof inside)[number];
      // A single field filling the whole value is a wrapper (Box, NonNull, newtypes): describe through it.
      if (f.layout.size === l.size && inside.length === fs.value.filter((x) => x.layout.size > 0).length) {
        return describe(f.ty, f.layout, offset, size, cx, depth + 1, label);
      }
      const sub = describe(f.ty, f.layout, Math.max(0, offset - f.offset), size, cx, depth + 1);
      return `.${f.name} ${sub}`;
    }
    if (inside.length > 1) return inside.map((f) => `.${f.name}: ${tyKey(f.ty)}`).join(', ');
  }
  return `bytes ${offset}..${end} of ${tyKey(ty)}`;
}

function discrOf(ty: Ty & { kind: 'adt' }, i: number): string {
  let d = 0n;
  for (let k = 0; k <= i; k++) {
    const e = ty.def.variants[k]?.discriminant ?? null;
    d = e !== null ? e : k === 0 ? 0n : d + 1n;
  }
  return d.toString();
}

function modeText(a: ArgAbi): string {
  const m = a.mode;
  switch (m.kind) {
    case 'ignore': return 'ignored (zero-sized: no register, no stack slot)';
    case 'direct': return `direct${m.ext === null ? '' : ` (${m.ext})`}`;
    case 'pair': return `pair${m.ext[0] === null && m.ext[1] === null ? '' : ` (${m.ext.map((e) => e ?? '-').join(', ')})`}`;
    case 'cast': {
      // rustc's CastTarget: `prefix` registers, then `total` bytes of `unit`s (total excludes the prefix).
      const units = m.cast.total > 0 ? [`${m.cast.unit.kind}${m.cast.unit.size * 8}×${Math.ceil(m.cast.total / m.cast.unit.size)}`] : [];
      return `cast to ${[...m.cast.prefix.map((r) => `${r.kind}${r.size * 8}`), ...units].join(' + ')} (the bytes of the value in memory order)`;
    }
    case 'indirect': return m.onStack ? 'by value on the stack' : 'by reference: a pointer to a copy';
  }
}

function pieceLine(a: ArgAbi, p: Piece, cx: LayoutCx, isPointer: boolean): string {
  const where = locText(p.loc);
  const what = isPointer ? `pointer to the ${tyKey(a.ty)}` : describe(a.ty, a.layout, p.offset, p.size, cx);
  const pt = p.ptRegs === null ? ('reg' in p.loc && !isPointer && p.fetcharg === null ? ' (not in pt_regs)' : '') : ` [pt_regs ${p.ptRegs}]`;
  return `${where} = ${what}${pt}`;
}

export function dumpFnAbi(signature: string, sig: FnSig, abi: FnAbi, cx: LayoutCx): string {
  const lines = [`${signature}  (${cx.dl.triple}, ${abi.conv === 'rust' ? 'Rust ABI' : 'extern "C"'})`];
  const argLines = abi.args.map((a) => {
    const ptr = a.mode.kind === 'indirect' && !a.mode.onStack;
    const pieces = a.pieces.map((p) => pieceLine(a, p, cx, ptr && p.offset === 0));
    return `  ${a.name ?? '_'}: ${a.type} — ${modeText(a)}${pieces.length > 0 ? `\n      ${pieces.join('\n      ')}` : ''}`;
  });
  if (abi.sret !== null) {
    const n = CALLING_CONVENTIONS[cx.dl.arch].names(abi.sret.atEntry, cx.dl);
    const probe = n.ptRegs === null ? '' : ` [pt_regs ${n.ptRegs}, fetch-arg ${n.fetcharg ?? '-'}]`;
    lines.push(`  (hidden) return buffer pointer — ${locText(abi.sret.atEntry)} at entry${probe}`);
  }
  lines.push(...argLines);
  const r = abi.ret;
  if (abi.sret !== null) {
    const at = abi.sret.atReturn;
    lines.push(`  return ${r.type} — ${r.layout.size} bytes through the hidden pointer`);
    lines.push(at === null
      ? `      warning: at return the buffer address is in no register; a kretprobe must stash ${locText(abi.sret.atEntry)} in its entry handler and read the value from memory`
      : `      ${locText(at)} = the buffer address at return; read the ${tyKey(r.ty)} from memory there`);
  } else if (r.mode.kind === 'ignore') {
    lines.push(`  return ${r.type} — nothing is returned${r.layout.uninhabited ? ' (the function never returns: a kretprobe never fires)' : ''}`);
  } else {
    const pieces = r.pieces.map((p) => pieceLine(r, p, cx, false));
    lines.push(`  return ${r.type} — ${modeText(r)}\n      ${pieces.join('\n      ')}`);
    if (r.pieces.some((p) => p.ptRegs === null && !('param' in p.loc) && (('reg' in p.loc && p.loc.reg !== 'result')))) {
      lines.push('      warning: part of the value is in a floating-point register, which pt_regs does not hold');
    }
  }
  void sig;
  return lines.join('\n');
}
