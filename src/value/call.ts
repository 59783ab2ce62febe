/**
 * A whole call from register snapshots: the arguments from the registers (and stack) at entry — the
 * kprobe point — and the return value from the registers at return — the kretprobe point — following a
 * register map. A return through the hidden pointer is read behind that pointer: from the return
 * registers when the callee echoes it (x86_64 rax), else from the entry registers (the stash a probe
 * must make: aarch64 x8, riscv64 a0), else a `value/missing-register` diagnostic that says so.
 *
 * Each part is its own Outcome: a missing register for one argument does not hide the others.
 * Invalid bit patterns are values (`invalid` nodes), not errors.
 */
import type { FnAbi } from '../model/abi.js';
import type { Outcome } from '../model/diagnostics.js';
import { fail } from '../model/diagnostics.js';
import type { MemoryReader, RustValue } from '../model/value.js';
import type { LayoutCx } from '../layout/index.js';
import { valueError } from './codes.js';
import { decodeFromRegs } from './regs.js';
import type { RegsOptions } from './regs.js';
import type { RegisterValues } from './snapshot.js';

export interface CallSnapshot {
  /** Registers at return (ISA names; `parseRegisterList` / `registersFromObject` normalise user names). */
  readonly regs?: RegisterValues;
  /** Registers at entry. */
  readonly entryRegs?: RegisterValues;
  readonly memory?: MemoryReader;
}

export interface DecodedArg {
  readonly name: string;
  /** The parameter's type as written. */
  readonly type: string;
  readonly value: Outcome<RustValue>;
}

export interface DecodedCall {
  /** One per parameter, when entry registers were given; else null. */
  readonly args: readonly DecodedArg[] | null;
  /** The return value, when return registers were given (or the return needs none); else null. */
  readonly ret: Outcome<RustValue> | null;
}

const SP_NAMES = ['rsp', 'sp'];

function stackPointer(regs: RegisterValues | undefined): bigint | undefined {
  if (regs === undefined) return undefined;
  for (const n of SP_NAMES) {
    const v = regs.get(n);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Decodes the arguments (from `entryRegs`) and the return value (from `regs`) of one call. */
export function decodeCall(fnAbi: FnAbi, cx: LayoutCx, snap: CallSnapshot): DecodedCall {
  const base: { memory?: MemoryReader } = snap.memory === undefined ? {} : { memory: snap.memory };
  const sp = stackPointer(snap.entryRegs);
  let args: DecodedArg[] | null = null;
  if (snap.entryRegs !== undefined) {
    const entry = snap.entryRegs;
    const opts: RegsOptions = sp === undefined ? base : { ...base, sp };
    args = fnAbi.args.map((a, i) => ({ name: a.name ?? `arg${i}`, type: a.type, value: decodeFromRegs(entry, i, fnAbi, cx, opts) }));
  }
  let ret: Outcome<RustValue> | null = null;
  const r = fnAbi.ret;
  const needsNoRegs = r.mode.kind === 'ignore' && fnAbi.sret === null;
  if (snap.regs !== undefined || needsNoRegs || (fnAbi.sret !== null && snap.entryRegs !== undefined)) {
    const regs = snap.regs ?? new Map<string, bigint>();
    const opts: RegsOptions = snap.entryRegs === undefined ? base : { ...base, entryRegs: snap.entryRegs };
    ret = decodeFromRegs(regs, 'return', fnAbi, cx, opts);
  }
  return { args, ret };
}

/** The diagnostic for a call given neither return nor entry registers. */
export function nothingToDecode(): Outcome<never> {
  return fail(valueError('value/missing-register', 'give the registers at return (--regs) and/or at entry (--entry-regs)'));
}
