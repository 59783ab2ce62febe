/** FnAbi → the `rustabi abi --json` contract. */
import type { ArgAbi, FnAbi, Loc, PassMode } from '../model/abi.js';
import type { TargetDataLayout } from '../model/target.js';

export interface ArgAbiJson {
  readonly name?: string;
  readonly type: string;
  readonly mode: PassMode['kind'];
  readonly cast?: {
    readonly prefix: readonly { kind: string; size: number }[];
    readonly unit: { kind: string; size: number };
    readonly total: number;
    /** Byte offset of the units when rustc sets it (riscv C `{f32, f64}`: 8). */
    readonly restOffset?: number;
    /** aarch64 homogeneous aggregates: the units go in consecutive registers. */
    readonly consecutive?: true;
  };
  readonly ext?: readonly ('zext' | 'sext' | null)[];
  readonly pieces: readonly { offset: number; size: number; loc: Loc; ptRegs: string | null; fetcharg: string | null; bpftrace: string | null }[];
  readonly onStack?: boolean;
  readonly sret?: { readonly atEntry: Loc; readonly atReturn: Loc | null };
}

export interface FnAbiJson {
  readonly signature: string;
  readonly target: string;
  readonly conv: 'rust' | 'c';
  readonly args: readonly ArgAbiJson[];
  readonly ret: ArgAbiJson;
}

function regKind(k: string): string {
  return k === 'int' ? 'int' : k;
}

export function argAbiJson(a: ArgAbi, isRet: boolean, abi: FnAbi): ArgAbiJson {
  const m = a.mode;
  const base: { -readonly [K in keyof ArgAbiJson]: ArgAbiJson[K] } = {
    type: a.type, mode: m.kind,
    pieces: a.pieces.map((p) => ({ offset: p.offset, size: p.size, loc: p.loc, ptRegs: p.ptRegs, fetcharg: p.fetcharg, bpftrace: p.bpftrace })),
  };
  if (!isRet && a.name !== null) base.name = a.name;
  if (m.kind === 'cast') {
    base.cast = {
      prefix: m.cast.prefix.map((r) => ({ kind: regKind(r.kind), size: r.size })), unit: { kind: regKind(m.cast.unit.kind), size: m.cast.unit.size }, total: m.cast.total,
      ...(m.cast.restOffset === undefined ? {} : { restOffset: m.cast.restOffset }),
      ...(m.cast.consecutive === true ? { consecutive: true } : {}),
    };
  }
  if (m.kind === 'direct') base.ext = [m.ext];
  if (m.kind === 'pair') base.ext = [m.ext[0], m.ext[1]];
  if (m.kind === 'indirect' && m.onStack) base.onStack = true;
  if (isRet && abi.sret !== null) base.sret = { atEntry: abi.sret.atEntry, atReturn: abi.sret.atReturn };
  return base;
}

export function fnAbiJson(signature: string, abi: FnAbi, dl: TargetDataLayout): FnAbiJson {
  return {
    signature, target: dl.triple, conv: abi.conv,
    args: abi.args.map((a) => argAbiJson(a, false, abi)),
    ret: argAbiJson(abi.ret, true, abi),
  };
}
