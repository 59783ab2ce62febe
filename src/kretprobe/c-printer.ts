/**
 * Generated C that prints a Rust value from its bytes the way `{:?}` does: one `static void pr_N(struct
 * rb *b, const u8 *p, int d)` per type, made from the type's layout (field offsets, tag offset and
 * encoding, niche start, discriminants), so no layout is computed in the kernel.
 *
 * Covered as Rust prints them: integers (128-bit too), bool, char, `()`, tuples, arrays, structs and
 * enums (derived Debug), `Option`/`Result`/`Ordering`, `NonZero*`, `NonNull` and raw/fn pointers
 * (`0x…`), `&T`/`Box<T>`/`KBox<T>` (the pointee, read with `copy_from_kernel_nofault`), `&str` and
 * `&[T]` up to 256 bytes, `kernel::error::Error` (`EINVAL`), `Cell`, `UnsafeCell`, `ManuallyDrop`,
 * `PhantomData<T>`, `MaybeUninit<T>`. Floats print as `f64::from_bits(0x…)`. Invalid bit patterns print
 * as `<invalid: …>`; what is not covered prints its bytes as `<T: 01 02 …>`.
 */
import type { Layout } from '../model/layout.js';
import { isSized } from '../model/layout.js';
import type { Ty } from '../model/ty.js';
import { tyKey } from '../model/ty.js';
import type { LayoutCx } from '../layout/index.js';
import { discriminants, fieldsOf, layoutOf, primSize } from '../layout/index.js';
import { debugKernelError } from '../value/errno.js';
import { preludeName, typeName } from '../value/std-types.js';
import { cComment, cString } from './c-text.js';

/** Largest pointee (or str/slice contents) a printer copies onto the stack. */
export const MAX_C_POINTEE = 256;
/** How many references deep printers follow pointees. */
export const MAX_C_DEPTH = 4;

export class CPrinters {
  private readonly names = new Map<string, string>();
  private readonly protos: string[] = [];
  private readonly bodies: string[] = [];
  private errno = false;

  constructor(private readonly cx: LayoutCx) {}

  /** The printer function for `ty` (generated on first use). */
  printer(ty: Ty): string {
    const key = tyKey(ty);
    const have = this.names.get(key);
    if (have !== undefined) return have;
    const name = `pr_${this.names.size}`;
    this.names.set(key, name);
    const l = layoutOf(ty, this.cx);
    const proto = `static void ${name}(struct rb *b, const u8 *p, int d)`;
    this.protos.push(`${proto}; /* ${cComment(key)} */`);
    const body = l.ok ? this.body(ty, l.value) : [`rb_put(b, ${cString(`<${key}: no layout>`)});`];
    this.bodies.push(`${proto}\n{\n${body.map((x) => `\t${x}`).join('\n')}\n}`);
    return name;
  }

  /** Prototypes, then bodies (C that compiles after the runtime). */
  code(): string {
    const parts = [...this.protos, ''];
    if (this.errno) parts.push(errnoFunction(), '');
    parts.push(...this.bodies.map((b) => `${b}\n`));
    return parts.join('\n');
  }

  private put(text: string): string {
    return `rb_put(b, ${cString(text)});`;
  }

  private raw(key: string, l: Layout): string[] {
    return [`rb_bytes(b, ${cString(`<${key}`)}, p, ${l.size});`];
  }

  private body(ty: Ty, l: Layout): string[] {
    const key = tyKey(ty);
    if (l.uninhabited) return [this.put(`<invalid: a value of type \`${key}\` cannot exist>`)];
    switch (ty.kind) {
      case 'int': {
        const n = l.size;
        if (n === 16) return [`rb_i128(b, ld(p, 8), ld(p + 8, 8), ${ty.signed ? 1 : 0});`];
        return ty.signed ? [`rb_fmt(b, "%lld", (long long)sx(ld(p, ${n}), ${n * 8}));`] : [`rb_fmt(b, "%llu", (unsigned long long)ld(p, ${n}));`];
      }
      case 'float': {
        const n = l.size;
        const t = { F16: 'f16', F32: 'f32', F64: 'f64', F128: 'f128' }[ty.float];
        if (n === 16) return [`rb_fmt(b, "f128::from_bits(0x%llx%016llx)", (unsigned long long)ld(p + 8, 8), (unsigned long long)ld(p, 8));`];
        return [`rb_fmt(b, "${t}::from_bits(0x%llx)", (unsigned long long)ld(p, ${n}));`];
      }
      case 'bool': return ['if (p[0] <= 1) rb_put(b, p[0] ? "true" : "false");', 'else rb_fmt(b, "<invalid: bool 0x%02x>", p[0]);'];
      case 'char': return ['rb_char(b, (u32)ld(p, 4));'];
      case 'tuple': {
        if (ty.elems.length === 0) return [this.put('()')];
        const fs = fieldsOf({ ty, layout: l }, this.cx, 0);
        if (!fs.ok) return this.raw(key, l);
        const out = [this.put('(')];
        fs.value.forEach((f, i) => {
          if (i > 0) out.push(this.put(', '));
          out.push(`${this.printer(f.ty)}(b, p + ${f.offset}, d);`);
        });
        out.push(this.put(fs.value.length === 1 ? ',)' : ')'));
        return out;
      }
      case 'array': {
        if (l.fields.kind !== 'array') return this.raw(key, l);
        const n = Number(ty.len);
        if (n === 0) return [this.put('[]')];
        return ['int i;', this.put('['), `for (i = 0; i < ${n}; i++) {`, '\tif (i) rb_put(b, ", ");', `\t${this.printer(ty.elem)}(b, p + i * ${l.fields.stride}, d);`, '}', this.put(']')];
      }
      case 'ptr': case 'fnptr':
        if (l.size !== this.cx.dl.pointerSize) return [`rb_fmt(b, "Pointer { addr: 0x%llx, metadata: %llu }", (unsigned long long)ld(p, 8), (unsigned long long)ld(p + 8, 8));`];
        return ty.kind === 'fnptr'
          ? ['if (!ld(p, 8)) rb_put(b, "<invalid: null fn pointer>");', 'else rb_fmt(b, "0x%llx", (unsigned long long)ld(p, 8));']
          : ['rb_fmt(b, "0x%llx", (unsigned long long)ld(p, 8));'];
      case 'ref': return this.reference(ty.pointee, l, `&${ty.mutable ? 'mut ' : ''}${tyKey(ty.pointee)}`);
      case 'adt': return this.adt(ty, l);
      default: return this.raw(key, l);
    }
  }

  /** A pointer at `p` whose pointee `{:?}` prints (declarations first: the kernel builds with -Wdeclaration-after-statement). */
  private reference(pointee: Ty, l: Layout, key: string): string[] {
    const unread = 'rb_fmt(b, "<unread 0x%llx>", (unsigned long long)a);';
    const nul = `if (!a) { rb_put(b, ${cString(`<invalid: null reference \`${key}\`>`)}); return; }`;
    if (pointee.kind === 'str' || pointee.kind === 'slice') {
      if (l.size !== 16) return this.raw(key, l);
      const el = pointee.kind === 'str' ? null : layoutOf(pointee.elem, this.cx);
      if (el !== null && (!el.ok || el.value.size === 0)) return ['u64 a = ld(p, 8);', nul, unread];
      const size = el === null ? 1 : (el as { value: Layout }).value.size;
      const decls = ['u64 a = ld(p, 8);', 'u64 n = ld(p + 8, 8);', `u8 t[${MAX_C_POINTEE}];`];
      const check = [nul, `if (d >= ${MAX_C_DEPTH} || n > ${Math.floor(MAX_C_POINTEE / size)} || !rd(t, a, n * ${size})) { ${unread} return; }`];
      if (pointee.kind === 'str') return [...decls, ...check, 'rb_str(b, t, n);'];
      const pe = this.printer(pointee.elem);
      return [...decls, 'u64 i;', ...check, this.put('['), 'for (i = 0; i < n; i++) {', '\tif (i) rb_put(b, ", ");', `\t${pe}(b, t + i * ${size}, d + 1);`, '}', this.put(']')];
    }
    const pl = layoutOf(pointee, this.cx);
    if (!pl.ok || !isSized(pl.value) || l.size !== this.cx.dl.pointerSize) return ['u64 a = ld(p, 8);', nul, unread];
    const size = pl.value.size;
    if (size > MAX_C_POINTEE) return ['u64 a = ld(p, 8);', nul, unread];
    const pe = this.printer(pointee);
    return ['u64 a = ld(p, 8);', `u8 t[${Math.max(size, 1)}];`, nul, `if (d >= ${MAX_C_DEPTH} || !rd(t, a, ${size})) { ${unread} return; }`, `${pe}(b, t, d + 1);`];
  }

  private fieldsText(name: string, shape: 'named' | 'tuple' | 'unit', ty: Ty, l: Layout, vi: number): string[] | null {
    const fs = fieldsOf({ ty, layout: l }, this.cx, vi);
    if (!fs.ok) return null;
    if (fs.value.length === 0) return [this.put(name)];
    const out: string[] = [];
    fs.value.forEach((f, i) => {
      const sep = i === 0 ? (shape === 'named' ? `${name} { ` : `${name}(`) : ', ';
      out.push(this.put(shape === 'named' ? `${sep}${f.name}: ` : sep));
      out.push(`${this.printer(f.ty)}(b, p + ${f.offset}, d);`);
    });
    out.push(this.put(shape === 'named' ? ' }' : ')'));
    return out;
  }

  private firstField(ty: Ty, l: Layout): { ty: Ty; offset: number } | null {
    const fs = fieldsOf({ ty, layout: l }, this.cx, 0);
    if (!fs.ok) return null;
    const f = fs.value[0];
    return f === undefined ? null : { ty: f.ty, offset: f.offset };
  }

  private adt(ty: Ty & { kind: 'adt' }, l: Layout): string[] {
    const key = tyKey(ty);
    const def = ty.def;
    const arg0 = ty.args[0] !== undefined && ty.args[0].kind !== 'const' ? (ty.args[0] as Ty) : null;
    const inner = (): string[] => {
      const f = this.firstField(ty, l);
      return f === null ? this.raw(key, l) : [`${this.printer(f.ty)}(b, p + ${f.offset}, d);`];
    };
    switch (preludeName(ty)) {
      case 'NonZero': case 'NonNull': case 'Unique': case 'UsizeNoHighBit': case 'Nanoseconds': return inner();
      case 'Box': case 'KernelBox':
        return arg0 === null ? this.raw(key, l) : this.reference(arg0, l, key);
      case 'Error': this.errno = true; return ['rb_errno(b, (s32)ld(p, 4));'];
      case 'UnsafeCell': return [this.put('UnsafeCell { .. }')];
      case 'Cell': case 'ManuallyDrop': {
        const f = this.firstField(ty, l);
        if (f === null || f.ty.kind !== 'adt') return this.raw(key, l);
        const g = preludeName(ty) === 'Cell' ? this.firstField(f.ty, (layoutOf(f.ty, this.cx) as { value: Layout }).value) : f;
        if (g === null) return this.raw(key, l);
        const [open, close] = preludeName(ty) === 'Cell' ? ['Cell { value: ', ' }'] : ['ManuallyDrop { value: MaybeDangling(', ') }'];
        const off = preludeName(ty) === 'Cell' ? f.offset + g.offset : g.offset;
        const gt = preludeName(ty) === 'Cell' ? g.ty : f.ty;
        return [this.put(open), `${this.printer(gt)}(b, p + ${off}, d);`, this.put(close)];
      }
      case 'PhantomData': return [this.put(arg0 === null ? 'PhantomData' : `PhantomData<${typeName(arg0)}>`)];
      case 'MaybeUninit': return [this.put(arg0 === null ? 'MaybeUninit' : `MaybeUninit<${typeName(arg0)}>`)];
      case null: case 'Option': case 'Result': case 'Ordering': break;
      default: if (def.kind === 'struct') return this.raw(key, l);
    }
    if (def.kind === 'union') return [`rb_bytes(b, ${cString(`<union ${def.name}`)}, p, ${l.size});`];
    if (def.kind === 'struct') {
      const v = def.variants[0];
      const out = this.fieldsText(def.name, v?.shape ?? 'unit', ty, l, 0) ?? this.raw(key, l);
      if ((def.validRangeStart !== null || def.validRangeEnd !== null) && l.repr.kind === 'scalar' && l.repr.s.kind === 'init') {
        const r = l.repr.s.valid;
        const n = primSize(l.repr.s.prim, this.cx.dl);
        if (n <= 8) {
          const mask = n === 8 ? '~0ULL' : `0x${((1n << BigInt(n * 8)) - 1n).toString(16)}ULL`;
          const cond = r.start <= r.end ? `v < 0x${r.start.toString(16)}ULL || v > 0x${r.end.toString(16)}ULL` : `v < 0x${r.start.toString(16)}ULL && v > 0x${r.end.toString(16)}ULL`;
          return [`u64 v = ld(p, ${n}) & ${mask};`, `if (${cond}) { rb_fmt(b, ${cString(`<invalid: \`${key}\` 0x`)} "%llx" ${cString(` is outside its valid range ${r.start}..=${r.end}>`)}, (unsigned long long)v); return; }`, ...out];
        }
      }
      return out;
    }
    return this.enumBody(ty, l);
  }

  private enumBody(ty: Ty & { kind: 'adt' }, l: Layout): string[] {
    const def = ty.def;
    const key = tyKey(ty);
    const vars = l.variants;
    if (vars.kind === 'empty') return [this.put(`<invalid: \`${def.name}\` has no variants>`)];
    const variant = (vi: number, vl: Layout): string[] => {
      const info = def.variants[vi];
      if (info === undefined) return this.raw(key, l);
      if (vl.uninhabited) return [this.put(`<invalid: \`${def.name}::${info.name}\` has no values>`)];
      return this.fieldsText(info.name, info.shape, ty, vl, vi) ?? this.raw(key, l);
    };
    if (vars.kind === 'single') return variant(vars.index, l);
    const tagOff = l.fields.kind === 'arbitrary' ? (l.fields.offsets[0] ?? 0) : 0;
    const n = primSize(vars.tag.prim, this.cx.dl);
    const enc = vars.encoding;
    const hexOf = (v: bigint): string => `0x${v.toString(16)}ULL`;
    const out: string[] = [];
    if (n === 16) {
      // 128-bit tags (`Option<i128>`: the tag is as wide as the payload's alignment): two 64-bit halves.
      out.push(`u64 tag = ld(p + ${tagOff}, 8), tagh = ld(p + ${tagOff + 8}, 8);`, 'int vi;');
      if (enc.kind === 'direct') {
        const ds = discriminants(def, this.cx.dl);
        if (!Array.isArray(ds)) return this.raw(key, l);
        ds.forEach((dv, i) => {
          const u = BigInt.asUintN(128, dv);
          out.push(`${i === 0 ? '' : 'else '}if (tag == ${hexOf(u & ((1n << 64n) - 1n))} && tagh == ${hexOf(u >> 64n)}) vi = ${i};`);
        });
        out.push(`else { rb_fmt(b, ${cString('<invalid: tag 0x')} "%llx%016llx" ${cString(` is no variant of \`${key}\`>`)}, (unsigned long long)tagh, (unsigned long long)tag); return; }`);
      } else {
        const [lo, hi] = enc.nicheVariants;
        const st = BigInt.asUintN(128, enc.nicheStart);
        out.push(`{ unsigned __int128 rel = (((unsigned __int128)tagh << 64) | tag) - (((unsigned __int128)${hexOf(st >> 64n)} << 64) | ${hexOf(st & ((1n << 64n) - 1n))});`,
          `  vi = rel <= ${hi - lo} ? ${lo} + (int)rel : ${enc.untaggedVariant}; }`);
      }
    } else {
      const mask = n === 8 ? '~0ULL' : `0x${((1n << BigInt(n * 8)) - 1n).toString(16)}ULL`;
      out.push(`u64 tag = ld(p + ${tagOff}, ${n});`, 'int vi;');
      if (enc.kind === 'direct') {
        const ds = discriminants(def, this.cx.dl);
        if (!Array.isArray(ds)) return this.raw(key, l);
        out.push('switch (tag) {');
        ds.forEach((dv, i) => out.push(`case ${hexOf(BigInt.asUintN(n * 8, dv))}: vi = ${i}; break;`));
        out.push(`default: rb_fmt(b, ${cString('<invalid: tag 0x')} "%llx" ${cString(` is no variant of \`${key}\`>`)}, (unsigned long long)tag); return;`, '}');
      } else {
        const [lo, hi] = enc.nicheVariants;
        out.push(`{ u64 rel = (tag - ${hexOf(BigInt.asUintN(n * 8, enc.nicheStart))}) & ${mask};`,
          `  vi = rel <= ${hi - lo} ? ${lo} + (int)rel : ${enc.untaggedVariant}; }`);
      }
    }
    out.push('switch (vi) {');
    vars.variants.forEach((vl, vi) => {
      out.push(`case ${vi}: {`, ...variant(vi, vl).map((x) => `\t${x}`), '\tbreak;', '}');
    });
    out.push('}');
    return out;
  }
}

/** `kernel::error::Error`'s Debug: the errno name (CONFIG_SYMBOLIC_ERRNAME), else `Error(N)`. */
function errnoFunction(): string {
  const cases: string[] = [];
  for (let e = 1; e <= 600; e++) {
    for (const stored of [-e, e]) {
      const text = debugKernelError(BigInt(stored), true);
      if (!text.startsWith('Error(')) cases.push(`\tcase ${stored}: rb_put(b, ${cString(text)}); return;`);
    }
  }
  return ['static void rb_errno(struct rb *b, s32 e)', '{', '\tswitch (e) {', ...cases, '\tdefault: break;', '\t}',
    '\trb_fmt(b, "Error(%lld)", e == S32_MIN ? (long long)e : -(long long)e);', '}'].join('\n');
}
