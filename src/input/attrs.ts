/**
 * Attribute interpretation: `#[repr(...)]` → ReprOptions, `#[cfg(...)]` against a target,
 * `#[lang = "..."]`, and `#[rustc_layout_scalar_valid_range_start/end(N)]`.
 */
import type { Attr, Meta } from './ast.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { error } from '../model/diagnostics.js';
import type { TargetDataLayout } from '../model/target.js';
import type { IntTy, LangItem, ReprOptions } from '../model/ty.js';
import { DEFAULT_REPR } from '../model/ty.js';

const INT_REPRS: Readonly<Record<string, { int: IntTy; signed: boolean }>> = {
  u8: { int: 'I8', signed: false }, u16: { int: 'I16', signed: false }, u32: { int: 'I32', signed: false },
  u64: { int: 'I64', signed: false }, u128: { int: 'I128', signed: false }, usize: { int: 'size', signed: false },
  i8: { int: 'I8', signed: true }, i16: { int: 'I16', signed: true }, i32: { int: 'I32', signed: true },
  i64: { int: 'I64', signed: true }, i128: { int: 'I128', signed: true }, isize: { int: 'size', signed: true },
};

function isPow2(n: bigint): boolean {
  return n > 0n && (n & (n - 1n)) === 0n;
}

function numArg(m: Meta & { kind: 'word' }): bigint | null {
  const a = m.args?.[0];
  if (a === undefined || m.args?.length !== 1) return null;
  if (a.kind === 'lit' && typeof a.value === 'bigint') return a.value;
  if (a.kind === 'word' && a.args === null && /^\d+$/.test(a.name)) return BigInt(a.name);
  return null;
}

/** Collects every `#[repr]` on an item into one ReprOptions, with diagnostics for invalid or conflicting hints. */
export function parseRepr(attrs: readonly Attr[], itemKind: 'struct' | 'enum' | 'union', diags: Diagnostic[]): ReprOptions {
  let r: { -readonly [K in keyof ReprOptions]: ReprOptions[K] } = { ...DEFAULT_REPR };
  for (const a of attrs) {
    if (a.path !== 'repr') continue;
    if (a.args === null || a.args.length === 0) {
      diags.push(error('input/invalid-repr', 'malformed `repr` attribute: expected `#[repr(...)]` with at least one hint', a.span));
      continue;
    }
    for (const m of a.args) {
      if (m.kind !== 'word') {
        diags.push(error('input/invalid-repr', 'unrecognized representation hint', m.span));
        continue;
      }
      const name = m.name;
      if (name === 'C' && m.args === null) r.c = true;
      else if (name === 'Rust' && m.args === null) { /* the default */ }
      else if (name === 'transparent' && m.args === null) r.transparent = true;
      else if (name === 'simd' && m.args === null) r.simd = true;
      else if (name === 'packed') {
        let n = 1n;
        if (m.args !== null) {
          const v = numArg(m);
          if (v === null || !isPow2(v) || v > 1n << 29n) {
            diags.push(error('input/invalid-repr', 'invalid `repr(packed)` attribute: `packed` expects a power of two', m.span));
            continue;
          }
          n = v;
        }
        r.packed = r.packed === null ? Number(n) : Math.min(r.packed, Number(n));
      } else if (name === 'align') {
        const v = numArg(m);
        if (v === null || !isPow2(v) || v > 1n << 29n) {
          diags.push(error('input/invalid-repr', 'invalid `repr(align)` attribute: `align` must be a power of two no larger than 2^29', m.span));
          continue;
        }
        r.align = r.align === null ? Number(v) : Math.max(r.align, Number(v));
      } else if (m.args === null && INT_REPRS[name] !== undefined) {
        if (itemKind !== 'enum') {
          diags.push(error('input/invalid-repr', `attribute \`repr(${name})\` should be applied to an enum`, m.span));
          continue;
        }
        if (r.int !== null) {
          diags.push(error('layout/repr-conflict', 'conflicting representation hints', m.span));
          continue;
        }
        r.int = INT_REPRS[name] as { int: IntTy; signed: boolean };
      } else {
        diags.push(error('input/invalid-repr', `unrecognized representation hint \`${name}\``, m.span, { help: 'valid hints: C, Rust, transparent, packed, packed(N), align(N), simd, u8…u128, i8…i128, usize, isize' }));
      }
    }
    if (r.packed !== null && r.align !== null) {
      diags.push(error('layout/repr-conflict', 'type has conflicting packed and align representation hints', a.span));
    }
    if (r.transparent && (r.c || r.int !== null || r.packed !== null || r.simd)) {
      diags.push(error('layout/repr-conflict', '`transparent` cannot be combined with other representation hints', a.span));
    }
    if (itemKind === 'union' && r.int !== null) r = { ...r, int: null };
  }
  return r;
}

export function langItem(attrs: readonly Attr[]): LangItem | null {
  for (const a of attrs) {
    if (a.path === 'lang' && typeof a.value === 'string') {
      if (a.value === 'unsafe_cell' || a.value === 'phantom_data' || a.value === 'manually_drop' || a.value === 'maybe_uninit') return a.value;
    }
  }
  return null;
}

export function validRange(attrs: readonly Attr[], which: 'start' | 'end'): bigint | null {
  for (const a of attrs) {
    if (a.path !== `rustc_layout_scalar_valid_range_${which}`) continue;
    const m = a.args?.[0];
    if (m !== undefined && m.kind === 'lit' && typeof m.value === 'bigint') return m.value;
    if (m !== undefined && m.kind === 'word' && /^\d+$/.test(m.name)) return BigInt(m.name);
  }
  return null;
}

function evalCfg(m: Meta, t: TargetDataLayout): boolean {
  if (m.kind === 'nameValue') {
    const v = String(m.value);
    switch (m.name) {
      case 'target_pointer_width': return v === String(t.cfg.pointerWidth);
      case 'target_arch': return v === t.cfg.targetArch;
      case 'target_os': return v === t.cfg.targetOs;
      case 'target_endian': return v === 'little';
      case 'panic': return v === 'abort';
      default: return false;
    }
  }
  if (m.kind === 'word') {
    const args = m.args ?? [];
    if (m.name === 'all' && m.args !== null) return args.every((x) => evalCfg(x, t));
    if (m.name === 'any' && m.args !== null) return args.some((x) => evalCfg(x, t));
    if (m.name === 'not' && args.length === 1) return !evalCfg(args[0] as Meta, t);
    return false;
  }
  return false;
}

/** Is an item with these attributes compiled for target `t`? Unknown cfg predicates (features, `test`) are false. */
export function cfgEnabled(attrs: readonly Attr[], t: TargetDataLayout): boolean {
  for (const a of attrs) {
    if (a.path !== 'cfg') continue;
    const m = a.args?.[0];
    if (m === undefined || !evalCfg(m, t)) return false;
  }
  return true;
}
