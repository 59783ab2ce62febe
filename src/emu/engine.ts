/**
 * The emulator contract: what the call harness (run.ts) and the ELF loader (elf.ts) need from a CPU
 * emulator, and nothing more. The Unicorn adapter (unicorn.ts) is one implementation; test/fakes has
 * another. Registers are named as the ISA names them (`rax`, `x0`, `a0`, `xmm0`, `v0`, `fa0`);
 * isa.ts lists them.
 *
 * Engine failures are thrown as `EmulatorError` with a stable `code` (the engine's own status codes are
 * converted in one function of the adapter, never here).
 */

/** The architectures the harness can run (wasm32 runs in the host's WebAssembly engine instead). */
export type EmuArch = 'x86_64' | 'aarch64' | 'riscv64';
export const EMU_ARCHES: readonly EmuArch[] = ['x86_64', 'aarch64', 'riscv64'];

/** Page permissions, as bits: read 1, write 2, execute 4. */
export type MemPerms = number;
export const PROT_ALL: MemPerms = 7;

/**
 * Limits of one run. Both cost speed with Unicorn 2.0.1 (measured, x86_64, 2-register function): a
 * timeout starts a watchdog thread per run (~2,000 runs/s instead of ~70,000), and a count installs
 * an instruction hook that stays installed, so every later run of that engine is slow too (~1,200/s).
 */
export interface StartOptions {
  /** Stop after this many microseconds (0: no limit). */
  readonly timeoutUs?: number;
  /** Stop after this many instructions (0: no limit). */
  readonly count?: number;
}

export interface Emulator {
  readonly arch: EmuArch;
  /** Maps `size` bytes at `address` (both page-aligned, 4 KiB), zero-filled. */
  mapMemory(address: bigint, size: number, perms?: MemPerms): void;
  writeMemory(address: bigint, bytes: Uint8Array): void;
  readMemory(address: bigint, size: number): Uint8Array;
  /** A register's bytes, little-endian, as wide as the register (8 for GPRs, 16 for xmm/v, 8 for f/fa). */
  readRegisterBytes(name: string): Uint8Array;
  /** Writes the low bytes of a register; shorter values are zero-extended. */
  writeRegisterBytes(name: string, bytes: Uint8Array): void;
  readRegister(name: string): bigint;
  writeRegister(name: string, value: bigint): void;
  /** Runs from `begin` until the program counter reaches `until` (not executed), a limit, or a fault. */
  start(begin: bigint, until: bigint, opts?: StartOptions): void;
  /** Frees the engine; any later call throws `EmulatorError('emu/disposed')`. Idempotent. */
  dispose(): void;
}

/** Stable codes of engine failures; the engine's own codes map onto these in one adapter function. */
export type EmuErrorCode =
  | 'emu/unavailable'        // the native engine cannot be loaded
  | 'emu/disposed'           // the engine was used after dispose()
  | 'emu/no-memory'
  | 'emu/bad-arch'
  | 'emu/bad-handle'
  | 'emu/bad-mode'
  | 'emu/version'
  | 'emu/read-unmapped'
  | 'emu/write-unmapped'
  | 'emu/fetch-unmapped'
  | 'emu/hook'
  | 'emu/invalid-instruction'
  | 'emu/map'
  | 'emu/write-protected'
  | 'emu/read-protected'
  | 'emu/fetch-protected'
  | 'emu/bad-argument'
  | 'emu/read-unaligned'
  | 'emu/write-unaligned'
  | 'emu/fetch-unaligned'
  | 'emu/hook-exists'
  | 'emu/resource'
  | 'emu/cpu-exception'
  | 'emu/unknown-register'
  | 'emu/did-not-return'     // the run stopped (timeout, count) before reaching the sentinel
  | 'emu/unknown';

export class EmulatorError extends Error {
  override readonly name = 'EmulatorError';
  readonly code: EmuErrorCode;
  /** The operation that failed, e.g. `uc_emu_start`. */
  readonly op: string;
  /** The engine's own status code, when it gave one. */
  readonly native: number | null;
  /** The program counter when an emulated run failed, when known. */
  readonly pc: bigint | null;
  constructor(code: EmuErrorCode, op: string, message: string, native: number | null = null, pc: bigint | null = null) {
    super(`${op}: ${message} [${code}${native === null ? '' : `, native ${native}`}${pc === null ? '' : `, pc 0x${pc.toString(16)}`}]`);
    this.code = code;
    this.op = op;
    this.native = native;
    this.pc = pc;
  }
}

export const PAGE: number = 0x1000;

export function pageFloor(a: bigint): bigint {
  return a & ~0xfffn;
}

export function pageCeil(a: bigint): bigint {
  return (a + 0xfffn) & ~0xfffn;
}

/** Little-endian bytes of `v` (mod 2^(8·size)). */
export function leBytes(v: bigint, size: number): Uint8Array {
  const out = new Uint8Array(size);
  if (size <= 8) {
    // Two 32-bit halves: no per-byte BigInt work on the call path.
    const x = BigInt.asUintN(64, v);
    let lo = Number(x & 0xffffffffn);
    let hi = Number(x >> 32n);
    for (let i = 0; i < size; i++) {
      if (i < 4) { out[i] = lo & 0xff; lo >>>= 8; } else { out[i] = hi & 0xff; hi >>>= 8; }
    }
    return out;
  }
  let x = BigInt.asUintN(size * 8, v);
  for (let i = 0; i < size; i++) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

export function leValue(bytes: Uint8Array): bigint {
  if (bytes.length === 8) return new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i] ?? 0);
  return v;
}
