/**
 * A probe plan: what a kprobe must read at a Rust function's entry and what its kretprobe must read at
 * return so that the arguments and the return value can be rebuilt as Rust values.
 *
 * A plan is a list of *fetches* per function: 8-, 4-, 2- or 1-byte reads of a register or of memory
 * behind another fetch (a stack slot is memory behind `sp`; a by-reference argument is memory behind its
 * pointer register; a `&T` shows its pointee, read behind the pointer). Fetches are what every emitter
 * speaks: tracefs fetch-args (`%di`, `+8(%di):u64`), bpftrace (`reg("di")`, `*(uint64*)(…)`), and the
 * `decode-trace` command, which rebuilds registers and memory from the fetched words and decodes them
 * with the value codec. The kernel-module emitter reads the same registers and memory itself
 * (through `copy_from_kernel_nofault`) and prints with generated C.
 *
 * The plan is data (JSON, `plan.json`): it carries the target, the definition sources and each
 * function's signature, so `decode-trace` recomputes the layouts and register maps exactly.
 */
import type { ArgAbi, FnAbi, Loc } from '../model/abi.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { Layout } from '../model/layout.js';
import type { TargetId } from '../model/target.js';
import type { Ty } from '../model/ty.js';
import type { LayoutCx } from '../layout/index.js';
import type { RegisterArch } from '../model/registers.js';
import { REGISTER_FILES } from '../model/registers.js';
import { pointerSites } from './sites.js';

export const PLAN_FORMAT = 'rustabi-probe-plan/1';

/** Where a fetched word comes from. `mem` reads `size` bytes at (value of fetch `base`) + `offset`. */
export type FetchSource =
  | { readonly kind: 'reg'; readonly reg: string }
  | { readonly kind: 'mem'; readonly base: string; readonly offset: number };

export interface Fetch {
  /** Unique within the function: `e0`, `e1`… at entry, `r0`… at return. */
  readonly id: string;
  readonly phase: 'entry' | 'return';
  readonly size: 1 | 2 | 4 | 8;
  readonly src: FetchSource;
}

export interface PlannedValue {
  /** Parameter name (`arg0` when unnamed), or `return`. */
  readonly name: string;
  /** The type as written. */
  readonly type: string;
  /** Whether the fetches rebuild it; else `reason` says why it is left out of the printed call. */
  readonly captured: boolean;
  readonly reason?: string;
}

export interface ProbeFn {
  /** A C identifier and tracefs event name, unique in the plan (`p0_detect_func`). */
  readonly id: string;
  /** The kernel symbol the probe attaches to. */
  readonly symbol: string;
  /** What the printed call is named: the Rust path, or the symbol when no path is known. */
  readonly path: string;
  /** The signature text `decode-trace` recomputes the register map from. */
  readonly signature: string;
  readonly args: readonly PlannedValue[];
  readonly ret: PlannedValue;
  readonly fetches: readonly Fetch[];
  /** True when a return fetch reads behind an entry fetch (the hidden return pointer kept from entry). */
  readonly stash: boolean;
}

export interface ProbePlan {
  readonly format: typeof PLAN_FORMAT;
  readonly target: TargetId;
  readonly arch: RegisterArch;
  /** Definition sources (`--defs`), verbatim, so the plan stands alone. */
  readonly defs: readonly { readonly name: string; readonly text: string }[];
  readonly probes: readonly ProbeFn[];
}

/** Limits of one event: tracefs takes at most 128 fetch-args; bpftrace's printf and its BPF stack less. */
export const MAX_FETCHES = 64;
/** Largest pointee read behind a reference, and largest by-memory value, in bytes. */
export const MAX_POINTEE = 64;
export const MAX_MEMORY_VALUE = 256;

export interface PlanInput {
  readonly symbol: string;
  readonly path: string;
  readonly signature: string;
  readonly abi: FnAbi;
}

const CHUNKS: readonly (1 | 2 | 4 | 8)[] = [8, 4, 2, 1];

/** 8/4/2/1-byte reads that cover `size` bytes exactly. */
function chunks(size: number): { offset: number; size: 1 | 2 | 4 | 8 }[] {
  const out: { offset: number; size: 1 | 2 | 4 | 8 }[] = [];
  let off = 0;
  while (off < size) {
    const c = CHUNKS.find((s) => s <= size - off) as 1 | 2 | 4 | 8;
    out.push({ offset: off, size: c });
    off += c;
  }
  return out;
}

class FetchBuilder {
  readonly fetches: Fetch[] = [];
  private readonly byKey = new Map<string, string>();
  private counts = { entry: 0, return: 0 };
  constructor(private readonly spName: string) {}

  get(phase: 'entry' | 'return', size: 1 | 2 | 4 | 8, src: FetchSource): string {
    const key = `${phase}|${size}|${src.kind === 'reg' ? src.reg : `${src.base}+${src.offset}`}`;
    const have = this.byKey.get(key);
    if (have !== undefined) return have;
    const id = `${phase === 'entry' ? 'e' : 'r'}${this.counts[phase]++}`;
    this.fetches.push({ id, phase, size, src });
    this.byKey.set(key, id);
    return id;
  }

  reg(phase: 'entry' | 'return', reg: string): string {
    return this.get(phase, 8, { kind: 'reg', reg });
  }

  /** A fetch for a piece location: a register, or a stack slot (memory behind `sp` at entry). */
  loc(phase: 'entry' | 'return', loc: Loc): string | null {
    if ('reg' in loc) return this.reg(phase, loc.reg);
    if ('stack' in loc) return this.get('entry', 8, { kind: 'mem', base: this.reg('entry', this.spName), offset: loc.stack });
    return null;
  }

  /** Reads `size` bytes behind fetch `base`, as 8/4/2/1-byte words. */
  memory(phase: 'entry' | 'return', base: string, size: number): void {
    for (const c of chunks(size)) this.get(phase, c.size, { kind: 'mem', base, offset: c.offset });
  }

  get count(): number {
    return this.fetches.length;
  }

  /** Drops every fetch added after `mark` (a value that did not fit). */
  rollback(mark: number): void {
    for (const f of this.fetches.splice(mark)) {
      for (const [k, v] of this.byKey) if (v === f.id) this.byKey.delete(k);
      this.counts[f.phase]--;
    }
  }
}

/** Registers the plan can read: those in pt_regs. */
function inPtRegs(arch: RegisterArch, reg: string): boolean {
  return REGISTER_FILES[arch].some((r) => r.name === reg && r.ptRegs !== null);
}

function spOf(arch: RegisterArch): string {
  return arch === 'x86_64' ? 'rsp' : 'sp';
}

/** Pointees that `{:?}` shows (`&T`, `Box<T>`): read them behind the pointer word at `base`+site offset. */
function addPointees(b: FetchBuilder, phase: 'entry' | 'return', ty: Ty, layout: Layout, cx: LayoutCx, wordAt: (offset: number) => string | null): void {
  for (const site of pointerSites(ty, layout, cx)) {
    if (site.size > MAX_POINTEE || site.size === 0) continue;
    const base = wordAt(site.offset);
    if (base === null) continue;
    const mark = b.count;
    b.memory(phase, base, site.size);
    if (b.count > MAX_FETCHES) b.rollback(mark);
  }
}

function planArg(b: FetchBuilder, arch: RegisterArch, a: ArgAbi, cx: LayoutCx): string | null {
  const m = a.mode;
  if (m.kind === 'ignore') return null;
  for (const p of a.pieces) {
    if ('param' in p.loc) return 'a wasm parameter';
    if ('reg' in p.loc && !inPtRegs(arch, p.loc.reg)) return `it is passed in ${p.loc.reg}, which pt_regs does not hold`;
  }
  if (m.kind === 'indirect' && !m.onStack) {
    if (m.metaPieces > 0) return 'it is unsized';
    if (a.layout.size > MAX_MEMORY_VALUE) return `it is ${a.layout.size} bytes in memory (at most ${MAX_MEMORY_VALUE} are read)`;
    const ptr = a.pieces[0];
    if (ptr === undefined) return 'no pointer piece';
    const base = b.loc('entry', ptr.loc);
    if (base === null) return 'no pointer piece';
    b.memory('entry', base, a.layout.size);
    addPointees(b, 'entry', a.ty, a.layout, cx, (off) => (off % 8 === 0 ? b.get('entry', 8, { kind: 'mem', base, offset: off }) : null));
    return null;
  }
  const words = new Map<number, string>();
  for (const p of a.pieces) {
    const id = b.loc('entry', p.loc);
    if (id === null) return 'a piece has no location';
    if (p.size === 8) words.set(p.offset, id);
  }
  addPointees(b, 'entry', a.ty, a.layout, cx, (off) => words.get(off) ?? null);
  return null;
}

function planReturn(b: FetchBuilder, arch: RegisterArch, abi: FnAbi, cx: LayoutCx): { reason: string | null; stash: boolean } {
  const r = abi.ret;
  if (abi.sret !== null) {
    if (r.layout.size > MAX_MEMORY_VALUE) return { reason: `it is ${r.layout.size} bytes in memory (at most ${MAX_MEMORY_VALUE} are read)`, stash: false };
    const at = abi.sret.atReturn;
    let base: string | null;
    let stash = false;
    if (at !== null && 'reg' in at && inPtRegs(arch, at.reg)) {
      base = b.reg('return', at.reg);
    } else {
      base = b.loc('entry', abi.sret.atEntry);
      stash = true;
    }
    if (base === null) return { reason: 'the hidden return pointer has no location', stash: false };
    b.memory('return', base, r.layout.size);
    addPointees(b, 'return', r.ty, r.layout, cx, (off) => (off % 8 === 0 ? b.get('return', 8, { kind: 'mem', base, offset: off }) : null));
    return { reason: null, stash };
  }
  if (r.mode.kind === 'ignore') return { reason: null, stash: false };
  const words = new Map<number, string>();
  for (const p of r.pieces) {
    if (!('reg' in p.loc)) return { reason: 'a return piece is not in a register', stash: false };
    if (!inPtRegs(arch, p.loc.reg)) return { reason: `it is returned in ${p.loc.reg}, which pt_regs does not hold`, stash: false };
    const id = b.reg('return', p.loc.reg);
    if (p.size === 8) words.set(p.offset, id);
  }
  addPointees(b, 'return', r.ty, r.layout, cx, (off) => words.get(off) ?? null);
  return { reason: null, stash: false };
}

/** A C identifier / tracefs event name for probe `i` of `symbol`. */
export function probeId(i: number, symbol: string): string {
  const clean = symbol.replace(/[^A-Za-z0-9_]/g, '_').replace(/_+/g, '_').slice(0, 40);
  return `p${i}_${clean}`;
}

/** The fetches of one function. Values that cannot be captured are kept, marked, with a reason. */
export function planFunction(index: number, input: PlanInput, arch: RegisterArch, cx: LayoutCx): { fn: ProbeFn; warnings: Diagnostic[] } {
  const b = new FetchBuilder(spOf(arch));
  const warnings: Diagnostic[] = [];
  const warn = (what: string, reason: string): void => {
    warnings.push({ code: 'probe/uncapturable', severity: 'warning', message: `${input.path}: ${what} is left out: ${reason}` });
  };
  const args: PlannedValue[] = input.abi.args.map((a, i) => {
    const name = a.name ?? `arg${i}`;
    const mark = b.count;
    let reason = planArg(b, arch, a, cx);
    if (reason === null && b.count > MAX_FETCHES) {
      b.rollback(mark);
      reason = `it needs more than ${MAX_FETCHES} fetches`;
    }
    if (reason !== null) {
      b.rollback(mark);
      warn(`argument \`${name}\``, reason);
      return { name, type: a.type, captured: false, reason };
    }
    return { name, type: a.type, captured: true };
  });
  const mark = b.count;
  const r = planReturn(b, arch, input.abi, cx);
  let reason = r.reason;
  if (reason === null && b.count > MAX_FETCHES) reason = `it needs more than ${MAX_FETCHES} fetches`;
  if (reason !== null) {
    b.rollback(mark);
    warn('the return value', reason);
  }
  const ret: PlannedValue = reason === null ? { name: 'return', type: input.abi.ret.type, captured: true } : { name: 'return', type: input.abi.ret.type, captured: false, reason };
  const fn: ProbeFn = {
    id: probeId(index, /^[A-Za-z_][A-Za-z0-9_:]*$/.test(input.path) ? (input.path.split('::').pop() as string) : input.symbol), symbol: input.symbol, path: input.path, signature: input.signature,
    args, ret, fetches: b.fetches, stash: reason === null && r.stash,
  };
  return { fn, warnings };
}
