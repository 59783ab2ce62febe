/**
 * Values in registers: `encodeArgs` turns argument values into the contents of the registers, stack
 * slots and wasm params a register map (`FnAbi`) names; `decodeFromRegs` reassembles an argument or
 * the return value from a register snapshot — Direct/Pair/Cast pieces are the value's bytes at their
 * offsets (a register holds a piece in its low bytes), Indirect values are read through their pointer
 * (a return through the hidden sret pointer: `sret.atReturn` at the kretprobe, else the address the
 * probe stashed at entry).
 */
import type { ArgAbi, FnAbi, Loc, Piece } from '../model/abi.js';
import type { Diagnostic, Outcome } from '../model/diagnostics.js';
import { fail, ok } from '../model/diagnostics.js';
import type { MemoryWriter, RustValue } from '../model/value.js';
import type { LayoutCx } from '../layout/index.js';
import { valueError } from './codes.js';
import { leBytes, readLe, writeLe } from './common.js';
import { decodeValue } from './decode.js';
import type { DecodeOptions } from './decode.js';
import { encodeValue } from './encode.js';
import { valuesEqual } from './equal.js';

export interface Placement {
  readonly loc: Loc;
  /** The piece's bytes (little endian; a register holds them in its low bytes). */
  readonly bytes: Uint8Array;
  /** The piece of the register map, or null for the sret pointer. */
  readonly piece: Piece | null;
}

export interface EncodedArgs {
  /** Per argument, its placements (none for ignored ZSTs). */
  readonly args: readonly (readonly Placement[])[];
  /** The hidden return pointer, when the return is indirect. */
  readonly sret: Placement | null;
  readonly sretAddress: bigint | null;
}

function locText(loc: Loc): string {
  return 'reg' in loc ? loc.reg : 'stack' in loc ? `stack+${loc.stack}` : `param ${loc.param}`;
}

/**
 * The register/stack/param contents that pass `values` to a function with register map `fnAbi`.
 * Indirect arguments and the sret buffer are placed in `memory` (required when there are any).
 */
export function encodeArgs(values: readonly RustValue[], fnAbi: FnAbi, cx: LayoutCx, memory?: MemoryWriter): Outcome<EncodedArgs> {
  if (values.length !== fnAbi.args.length) return fail(valueError('value/arity', `${values.length} values for ${fnAbi.args.length} parameters`));
  const ps = cx.dl.pointerSize;
  const args: Placement[][] = [];
  const opts = memory === undefined ? {} : { memory };
  for (let i = 0; i < values.length; i++) {
    const a = fnAbi.args[i] as ArgAbi;
    const m = a.mode;
    const bytes = encodeValue(values[i] as RustValue, a.ty, a.layout, cx, opts);
    if (!bytes.ok) return fail(...bytes.errors.map((d) => ({ ...d, message: `argument ${a.name ?? i}: ${d.message}` })));
    if (m.kind === 'ignore') { args.push([]); continue; }
    if (m.kind === 'indirect' && !m.onStack) {
      if (m.metaPieces > 0) return fail(valueError('value/unsupported', `argument ${a.name ?? i} (\`${a.type}\`) is unsized`));
      if (memory === undefined) return fail(valueError('value/no-address', `argument ${a.name ?? i} (\`${a.type}\`) is passed by reference: give a memory to place it in`));
      const address = memory.alloc(bytes.value, a.layout.align);
      args.push(a.pieces.map((p) => ({ loc: p.loc, bytes: leBytes(address, Math.min(p.size, ps)), piece: p })));
      continue;
    }
    args.push(a.pieces.map((p) => ({ loc: p.loc, bytes: bytes.value.slice(p.offset, p.offset + p.size), piece: p })));
  }
  let sret: Placement | null = null;
  let sretAddress: bigint | null = null;
  if (fnAbi.sret !== null) {
    if (memory === undefined) return fail(valueError('value/no-address', 'the return value goes through a hidden pointer: give a memory for its buffer'));
    sretAddress = memory.alloc(new Uint8Array(fnAbi.ret.layout.size), fnAbi.ret.layout.align);
    sret = { loc: fnAbi.sret.atEntry, bytes: leBytes(sretAddress, ps), piece: null };
  }
  return ok({ args, sret, sretAddress });
}

export interface EncodedReturn {
  /** What the callee leaves in registers (none for an indirect return). */
  readonly regs: readonly Placement[];
  /** The value's bytes; for an indirect return, what the callee writes into the sret buffer. */
  readonly bytes: Uint8Array;
  readonly indirect: boolean;
}

/** How a function with register map `fnAbi` returns `value` (for emulating a callee, and for tests). */
export function encodeReturn(value: RustValue, fnAbi: FnAbi, cx: LayoutCx, memory?: MemoryWriter): Outcome<EncodedReturn> {
  const r = fnAbi.ret;
  const bytes = encodeValue(value, r.ty, r.layout, cx, memory === undefined ? {} : { memory });
  if (!bytes.ok) return bytes;
  // wasm32 also returns pairs through the hidden pointer (the map then has `sret` and no pieces).
  const indirect = r.mode.kind === 'indirect' || fnAbi.sret !== null;
  const regs = indirect ? [] : r.pieces.map((p) => ({ loc: p.loc, bytes: bytes.value.slice(p.offset, p.offset + p.size), piece: p }));
  return ok({ regs, bytes: bytes.value, indirect });
}

export type RegisterSnapshot = Readonly<Record<string, bigint>> | ReadonlyMap<string, bigint>;

export interface RegsOptions extends DecodeOptions {
  /** The stack pointer at entry (for stack pieces); read through `memory`. */
  readonly sp?: bigint;
  /** The registers at entry, when decoding a return at the kretprobe (for an sret pointer not in a register at return). */
  readonly entryRegs?: RegisterSnapshot;
  /** The sret buffer address, if the probe stashed it. */
  readonly sretAddress?: bigint;
}

function regOf(regs: RegisterSnapshot, name: string): bigint | undefined {
  return regs instanceof Map ? regs.get(name) : (regs as Readonly<Record<string, bigint>>)[name];
}

class MissingLoc {
  constructor(readonly diag: Diagnostic) {}
}

function readLoc(loc: Loc, size: number, regs: RegisterSnapshot, opts: RegsOptions): Uint8Array {
  if ('stack' in loc) {
    const b = opts.sp === undefined ? null : opts.memory?.read(opts.sp + BigInt(loc.stack), size) ?? null;
    if (b === null) throw new MissingLoc(valueError('value/missing-register', `stack slot ${locText(loc)} needs the entry stack pointer (sp) and readable memory`));
    return b;
  }
  const name = 'reg' in loc ? loc.reg : `param${loc.param}`;
  const v = regOf(regs, name);
  if (v === undefined) throw new MissingLoc(valueError('value/missing-register', `the register map puts a piece in \`${name}\`, which the snapshot does not have`));
  return leBytes(v, size);
}

/** Copies the first `n` bytes of the piece at `loc` into `dst` at `offset` (no allocation for registers). */
function readLocInto(loc: Loc, size: number, n: number, regs: RegisterSnapshot, opts: RegsOptions, dst: Uint8Array, offset: number): void {
  if ('reg' in loc && size <= 8) {
    const v = regOf(regs, loc.reg);
    if (v === undefined) throw new MissingLoc(valueError('value/missing-register', `the register map puts a piece in \`${loc.reg}\`, which the snapshot does not have`));
    writeLe(dst, offset, n, v);
    return;
  }
  dst.set(readLoc(loc, size, regs, opts).subarray(0, n), offset);
}

/**
 * The value of argument `which` (an index or its ArgAbi) or of the return (`'return'`), from a register
 * snapshot (at entry for arguments, at return for the return value).
 */
export function decodeFromRegs(regs: RegisterSnapshot, which: ArgAbi | number | 'return', fnAbi: FnAbi, cx: LayoutCx, opts: RegsOptions = {}): Outcome<RustValue> {
  const a = which === 'return' ? fnAbi.ret : typeof which === 'number' ? fnAbi.args[which] : which;
  if (a === undefined) return fail(valueError('value/arity', `no argument ${String(which)}`));
  const isRet = a === fnAbi.ret;
  const m = a.mode;
  try {
    if ((m.kind === 'indirect' && !m.onStack) || (isRet && fnAbi.sret !== null)) {
      const ps = cx.dl.pointerSize;
      let address: bigint;
      if (!isRet) {
        const p = a.pieces[0];
        if (p === undefined) return fail(valueError('value/unsupported', `argument \`${a.type}\` has no pointer piece`));
        address = readLe(readLoc(p.loc, ps, regs, opts), 0, ps);
      } else if (opts.sretAddress !== undefined) {
        address = opts.sretAddress;
      } else if (fnAbi.sret?.atReturn != null) {
        address = readLe(readLoc(fnAbi.sret.atReturn, ps, regs, opts), 0, ps);
      } else if (fnAbi.sret !== null && opts.entryRegs !== undefined) {
        address = readLe(readLoc(fnAbi.sret.atEntry, ps, opts.entryRegs, opts), 0, ps);
      } else {
        return fail(valueError('value/missing-register', 'the return value is behind the sret pointer, which is not in a register at return: pass the entry registers or the stashed address'));
      }
      if (opts.memory === undefined) return fail(valueError('value/unreadable', `\`${a.type}\` is passed by reference (at 0x${address.toString(16)}): give a memory to read it from`));
      return decodeValue({ reader: opts.memory, address }, a.ty, a.layout, cx, opts);
    }
    // A missing register is fatal only if the value depends on it (the payload register of `None`
    // is not): decode with the missing bytes all-zero and all-one, and accept when both agree.
    const lo = new Uint8Array(a.layout.size);
    let hi: Uint8Array | null = null;
    let missing: MissingLoc | null = null;
    for (const p of a.pieces) {
      const n = Math.max(0, Math.min(p.size, lo.length - p.offset));
      try {
        readLocInto(p.loc, p.size, n, regs, opts, lo, p.offset);
      } catch (e) {
        if (!(e instanceof MissingLoc)) throw e;
        missing ??= e;
        hi ??= new Uint8Array(lo.length);
        hi.fill(0xff, p.offset, p.offset + n);
      }
    }
    const v = decodeValue(lo, a.ty, a.layout, cx, opts);
    if (missing === null || hi === null) return v;
    for (let i = 0; i < lo.length; i++) if (hi[i] !== 0xff) hi[i] = lo[i] as number;
    const w = decodeValue(hi, a.ty, a.layout, cx, opts);
    if (v.ok && w.ok && valuesEqual(v.value, w.value)) return v;
    return fail(missing.diag);
  } catch (e) {
    if (e instanceof MissingLoc) return fail(e.diag);
    throw e;
  }
}
