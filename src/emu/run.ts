/**
 * Calls one function in an emulator the way a caller compiled by rustc would, following a register map
 * (`FnAbi`) rather than knowing any calling convention itself: each argument's pieces go to the
 * registers and stack slots the map names, Indirect arguments get a scratch copy whose address is
 * passed, and an indirect return gets a buffer whose address goes where `sret.atEntry` says. The
 * return address is a sentinel (pushed on x86_64, in lr/ra elsewhere, as the ISA table says); the run
 * stops when the program counter reaches it.
 *
 * What comes back is what a kprobe / kretprobe would see: the registers at the first instruction and at
 * the return, plus the memory.
 */
import type { FnAbi, Loc, PassMode, Piece } from '../model/abi.js';
import type { EmuArch, Emulator, StartOptions } from './engine.js';
import { EmulatorError, PROT_ALL, leBytes, leValue } from './engine.js';
import type { LoadedImage } from './elf.js';
import { loadElf } from './elf.js';
import type { IsaSpec, RegisterDef } from './isa.js';
import { ISAS, registerIndex } from './isa.js';

/** Where the harness puts its regions (all page-aligned). */
export interface AddressPlan {
  /** Load address of position-independent images. */
  readonly imageBase: bigint;
  readonly stackBase: bigint;
  readonly stackSize: number;
  /** Bytes kept free above the stack pointer at the call, for stack arguments. */
  readonly stackArgArea: number;
  readonly scratchBase: bigint;
  readonly scratchSize: number;
  /** The return address handed to the callee; its page holds trap instructions. */
  readonly sentinel: bigint;
}

export const DEFAULT_PLAN: AddressPlan = {
  imageBase: 0x1000_0000n,
  stackBase: 0x7ff0_0000n,
  stackSize: 0x10_0000,
  stackArgArea: 0x1_0000,
  scratchBase: 0x6000_0000n,
  scratchSize: 0x10_0000,
  sentinel: 0x5fff_f000n,
};

/** Registers at one moment: every register by ISA name, alias and pt_regs field name. */
export interface EmuSnapshot {
  readonly arch: EmuArch;
  /** GPRs, sp, pc, flags as 64-bit values; xmm/v registers as 128-bit values; RISC-V f registers as 64-bit. */
  readonly regs: ReadonlyMap<string, bigint>;
  /** The value of a register (any of its names); throws EmulatorError for an unknown name. */
  reg(name: string): bigint;
}

export interface MemoryReader {
  read(address: bigint, size: number): Uint8Array;
  u64(address: bigint): bigint;
}

export interface CallOptions {
  /** Stop at the first instruction (the kprobe point): `exit` and `ret` are null. */
  readonly stopAtEntry?: boolean;
  /** 'none' skips the full register snapshots (only the return value is read): for throughput. */
  readonly snapshots?: 'full' | 'none';
  /**
   * Fill every register that carries no argument (and the upper bytes of pieces narrower than their
   * register, when the pass mode asks for no extension) with a recognisable pattern, so a callee that
   * reads anything the register map did not place computes garbage. Default true.
   */
  readonly poison?: boolean;
  readonly timeoutUs?: number;
  readonly count?: number;
}

export interface CallResult {
  readonly entry: EmuSnapshot | null;
  readonly exit: EmuSnapshot | null;
  /** The return value's bytes (`ret.layout.size`), read from the registers the map names or from the sret buffer. */
  readonly ret: Uint8Array | null;
  /** The hidden return buffer, when the return is indirect. */
  readonly sretAddress: bigint | null;
  /** Whether the register `sret.atReturn` names held the buffer address at return (null: the map names none). */
  readonly sretEchoed: boolean | null;
  /** Scratch address of each Indirect argument's copy (null for the others). */
  readonly argAddresses: readonly (bigint | null)[];
  /** The stack pointer at the first instruction. */
  readonly spAtEntry: bigint;
  readonly memory: MemoryReader;
}

/** The value the harness writes into registers and bytes nobody should read. */
export const POISON = 0x5a5a_5a5a_5a5a_5a5an;

function align(v: bigint, a: number): bigint {
  const b = BigInt(a);
  return ((v + b - 1n) / b) * b;
}

/** The extension LLVM applies to piece `index` of an argument passed with `mode`. */
function extOf(mode: PassMode, piece: Piece): 'zext' | 'sext' | null {
  if (mode.kind === 'direct') return mode.ext;
  if (mode.kind === 'pair') return piece.offset === 0 ? mode.ext[0] : mode.ext[1];
  return null;
}

export class CallHarness {
  readonly emu: Emulator;
  readonly plan: AddressPlan;
  readonly isa: IsaSpec;
  readonly #regs: ReadonlyMap<string, RegisterDef>;
  #scratchNext: bigint;

  /** Maps the stack, scratch and sentinel regions into `emu`. */
  constructor(emu: Emulator, plan: AddressPlan = DEFAULT_PLAN) {
    this.emu = emu;
    this.plan = plan;
    this.isa = ISAS[emu.arch];
    this.#regs = registerIndex(this.isa);
    this.#scratchNext = plan.scratchBase;
    emu.mapMemory(plan.stackBase, plan.stackSize, PROT_ALL);
    emu.mapMemory(plan.scratchBase, plan.scratchSize, PROT_ALL);
    emu.mapMemory(plan.sentinel, 0x1000, PROT_ALL);
    const traps = new Uint8Array(0x1000);
    for (let i = 0; i + this.isa.trap.length <= traps.length; i += this.isa.trap.length) traps.set(this.isa.trap, i);
    emu.writeMemory(plan.sentinel, traps);
  }

  /** Loads an ELF image (ET_DYN at `plan.imageBase`). */
  load(bytes: Uint8Array): LoadedImage {
    return loadElf(this.emu, bytes, this.plan.imageBase);
  }

  /** Copies `bytes` into the scratch region (aligned to `alignment`, at least 16) and returns the address. */
  alloc(bytes: Uint8Array, alignment = 16): bigint {
    const a = align(this.#scratchNext, Math.max(16, alignment));
    const end = a + BigInt(Math.max(bytes.length, 1));
    if (end > this.plan.scratchBase + BigInt(this.plan.scratchSize)) throw new EmulatorError('emu/resource', 'alloc', `scratch region full (${this.plan.scratchSize} bytes)`);
    this.emu.writeMemory(a, bytes);
    this.#scratchNext = end;
    return a;
  }

  readonly memory: MemoryReader = {
    read: (address: bigint, size: number): Uint8Array => this.emu.readMemory(address, size),
    u64: (address: bigint): bigint => leValue(this.emu.readMemory(address, 8)),
  };

  /** Registers now, by every name. */
  snapshot(): EmuSnapshot {
    const regs = new Map<string, bigint>();
    for (const r of this.isa.registers) {
      const v = this.emu.readRegister(r.name);
      regs.set(r.name, v);
      for (const a of r.aliases) regs.set(a, v);
      if (r.ptRegs !== null) regs.set(r.ptRegs, v);
    }
    const arch = this.emu.arch;
    return {
      arch, regs,
      reg(name: string): bigint {
        const v = regs.get(name);
        if (v === undefined) throw new EmulatorError('emu/unknown-register', 'snapshot', `no register \`${name}\` on ${arch}`);
        return v;
      },
    };
  }

  /** Reused for register contents (writeRegisterBytes copies them). */
  readonly #scratch8 = new Uint8Array(8);
  readonly #scratch16 = new Uint8Array(16);
  #sentinelBytes: Uint8Array | null = null;

  /** Writes `len` bytes of `src` from `off` where `loc` says (a register gets them in its low bytes, extended). */
  #writeLoc(loc: Loc, src: Uint8Array, off: number, len: number, sp: bigint, ext: 'zext' | 'sext' | null, poison: boolean): void {
    if ('stack' in loc) {
      this.emu.writeMemory(sp + BigInt(loc.stack), src.subarray(off, off + len));
      return;
    }
    if (!('reg' in loc)) throw new EmulatorError('emu/bad-argument', 'place', 'wasm params are not registers of this emulator');
    const def = this.#regs.get(loc.reg);
    if (def === undefined) throw new EmulatorError('emu/unknown-register', 'place', `the register map names \`${loc.reg}\`, which ${this.emu.arch} does not have`);
    if (len > def.size) throw new EmulatorError('emu/bad-argument', 'place', `${len} bytes do not fit in ${loc.reg}`);
    // Scratch buffers per register size (writeRegisterBytes copies them): no allocation per piece.
    const full = def.size === 8 ? this.#scratch8 : def.size === 16 ? this.#scratch16 : new Uint8Array(def.size);
    for (let i = 0; i < len; i++) full[i] = src[off + i] as number;
    if (len < def.size) {
      const negative = ((src[off + len - 1] ?? 0) & 0x80) !== 0;
      // RISC-V keeps a single-precision value NaN-boxed in a 64-bit f register (ISA manual, "NaN Boxing").
      const fill = def.class === 'float' && len === 4 ? 0xff
        : ext === 'sext' ? (negative ? 0xff : 0)
        : ext === 'zext' || !poison || def.class === 'vector' ? 0 : 0x5a;
      full.fill(fill, len);
    }
    this.emu.writeRegisterBytes(loc.reg, full);
  }

  #readLoc(loc: Loc, size: number, exit: ReadonlyMap<string, bigint> | null, sp: bigint): Uint8Array {
    if ('stack' in loc) return this.emu.readMemory(sp + BigInt(loc.stack), size);
    if (!('reg' in loc)) throw new EmulatorError('emu/bad-argument', 'read', 'wasm results are not registers of this emulator');
    const def = this.#regs.get(loc.reg);
    const v = exit?.get(loc.reg) ?? (def === undefined ? undefined : this.emu.readRegister(loc.reg));
    if (v === undefined) throw new EmulatorError('emu/unknown-register', 'read', `the register map names \`${loc.reg}\`, which ${this.emu.arch} does not have`);
    return leBytes(v, size);
  }

  /**
   * Calls the function at `fn` (an address or an exported symbol of `image`) with `args[i]` holding the
   * bytes of argument i (its layout's size), placed as `abi` says.
   */
  call(fn: bigint | { readonly image: LoadedImage; readonly name: string }, abi: FnAbi, args: readonly Uint8Array[], opts: CallOptions = {}): CallResult {
    const entryPc = typeof fn === 'bigint' ? fn : fn.image.address(fn.name);
    if (args.length !== abi.args.length) throw new EmulatorError('emu/bad-argument', 'call', `${args.length} argument values for ${abi.args.length} parameters`);
    const poison = opts.poison ?? true;
    const emu = this.emu;
    this.#scratchNext = this.plan.scratchBase;

    if (poison) {
      for (const r of this.isa.registers) {
        if (r.class === 'gpr') emu.writeRegister(r.name, POISON);
        else if (r.class === 'vector' || r.class === 'float') emu.writeRegisterBytes(r.name, new Uint8Array(r.size).fill(0x5a));
      }
    }
    // The stack pointer at the call site is aligned; x86_64's `call` then pushes the return address.
    const callSp = (this.plan.stackBase + BigInt(this.plan.stackSize - this.plan.stackArgArea)) & ~BigInt(this.isa.stackAlign - 1);
    let sp = callSp;
    if (this.isa.returnAddress.kind === 'stack') {
      sp -= 8n;
      this.#sentinelBytes ??= leBytes(this.plan.sentinel, 8);
      emu.writeMemory(sp, this.#sentinelBytes);
    } else {
      emu.writeRegister(this.isa.returnAddress.reg, this.plan.sentinel);
    }
    emu.writeRegister(this.isa.sp, sp);

    const argAddresses = abi.args.map((a, i): bigint | null => {
      const bytes = args[i] as Uint8Array;
      if (bytes.length !== a.layout.size) throw new EmulatorError('emu/bad-argument', 'call', `argument ${i} (${a.type}) has ${bytes.length} bytes, its layout ${a.layout.size}`);
      const m = a.mode;
      if (m.kind === 'ignore') return null;
      if (m.kind === 'indirect' && !m.onStack) {
        if (m.metaPieces > 0) throw new EmulatorError('emu/bad-argument', 'call', `argument ${i} (${a.type}) is unsized: not supported`);
        const addr = this.alloc(bytes, a.layout.align);
        for (const p of a.pieces) this.#writeLoc(p.loc, leBytes(addr, p.size), 0, p.size, sp, null, poison);
        return addr;
      }
      for (const p of a.pieces) this.#writeLoc(p.loc, bytes, p.offset, p.size, sp, extOf(m, p), poison);
      return null;
    });

    let sretAddress: bigint | null = null;
    if (abi.sret !== null) {
      sretAddress = this.alloc(new Uint8Array(abi.ret.layout.size).fill(0xa5), abi.ret.layout.align);
      this.#writeLoc(abi.sret.atEntry, leBytes(sretAddress, 8), 0, 8, sp, null, poison);
    }

    const full = (opts.snapshots ?? 'full') === 'full';
    const entry = full || opts.stopAtEntry === true ? this.snapshot() : null;
    const base = { sretAddress, argAddresses, spAtEntry: sp, memory: this.memory };
    if (opts.stopAtEntry === true) return { ...base, entry, exit: null, ret: null, sretEchoed: null };

    const start: StartOptions = { timeoutUs: opts.timeoutUs ?? 0, count: opts.count ?? 0 };
    emu.start(entryPc, this.plan.sentinel, start);
    const pc = emu.readRegister(this.isa.pc);
    if (pc !== this.plan.sentinel) {
      throw new EmulatorError('emu/did-not-return', 'call', `stopped at 0x${pc.toString(16)} before returning to the sentinel 0x${this.plan.sentinel.toString(16)}`, null, pc);
    }
    const exit = full ? this.snapshot() : null;
    const exitRegs = exit?.regs ?? null;

    let ret: Uint8Array;
    let sretEchoed: boolean | null = null;
    if (sretAddress !== null) {
      ret = emu.readMemory(sretAddress, abi.ret.layout.size);
      const back = abi.sret?.atReturn ?? null;
      if (back !== null) sretEchoed = leValue(this.#readLoc(back, 8, exitRegs, sp)) === sretAddress;
    } else {
      ret = new Uint8Array(abi.ret.layout.size);
      let dv: DataView | null = null;
      for (const p of abi.ret.pieces) {
        if (exitRegs === null && 'reg' in p.loc && p.size === 8 && p.offset + 8 <= ret.length && this.#regs.has(p.loc.reg)) {
          // The common case without snapshots: one register straight into the value's bytes.
          dv ??= new DataView(ret.buffer);
          dv.setBigUint64(p.offset, BigInt.asUintN(64, emu.readRegister(p.loc.reg)), true);
          continue;
        }
        ret.set(this.#readLoc(p.loc, p.size, exitRegs, sp).subarray(0, Math.max(0, Math.min(p.size, ret.length - p.offset))), p.offset);
      }
    }
    return { sretAddress, argAddresses, spAtEntry: sp, memory: this.memory, entry, exit, ret, sretEchoed };
  }

  dispose(): void {
    this.emu.dispose();
  }
}
