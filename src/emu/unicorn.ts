/**
 * The Unicorn 2 engine (Debian's libunicorn2) through koffi: the one file that touches the native
 * library. koffi and the shared library are loaded lazily, on the first `openUnicorn`, so importing this
 * module costs nothing on a machine without them. Every `uc_err` becomes an `EmulatorError` in exactly
 * one function, `ucError` (as the Rust binding's single `From<uc_error>`).
 */
import { createRequire } from 'node:module';
import type { EmuArch, EmuErrorCode, Emulator, MemPerms, StartOptions } from './engine.js';
import { EmulatorError, PROT_ALL } from './engine.js';
import type { RegisterDef } from './isa.js';
import { ISAS, registerIndex } from './isa.js';
import { RISCV_MSTATUS_FS_DIRTY, UC_ARCH, UC_ERR_NAMES, UC_MODE, UC_REGS } from './unicorn-consts.js';

/** uc_err (by enum index) → our stable code. */
const CODES: readonly EmuErrorCode[] = [
  'emu/unknown', 'emu/no-memory', 'emu/bad-arch', 'emu/bad-handle', 'emu/bad-mode', 'emu/version',
  'emu/read-unmapped', 'emu/write-unmapped', 'emu/fetch-unmapped', 'emu/hook', 'emu/invalid-instruction',
  'emu/map', 'emu/write-protected', 'emu/read-protected', 'emu/fetch-protected', 'emu/bad-argument',
  'emu/read-unaligned', 'emu/write-unaligned', 'emu/fetch-unaligned', 'emu/hook-exists', 'emu/resource',
  'emu/cpu-exception',
];

/** THE conversion of a native status code into our error (never called with UC_ERR_OK). */
export function ucError(status: number, op: string, pc: bigint | null = null): EmulatorError {
  const code = CODES[status] ?? 'emu/unknown';
  const name = UC_ERR_NAMES[status] ?? `uc_err ${status}`;
  let text = name;
  try {
    if (native !== null) text = `${native.strerror(status)} (${name})`;
  } catch { /* keep the enum name */ }
  return new EmulatorError(code, op, text, status, pc);
}

type Fn = (...args: unknown[]) => unknown;

interface Native {
  readonly path: string;
  readonly open: Fn;
  readonly close: Fn;
  readonly memMap: Fn;
  readonly memWrite: Fn;
  readonly memRead: Fn;
  readonly regWrite: Fn;
  readonly regRead: Fn;
  readonly emuStart: Fn;
  readonly strerror: (code: number) => string;
  readonly version: () => number;
}

let native: Native | null = null;
let loadError: string | null = null;

/** Where to look for the library: $RUSTABI_UNICORN, then the loader's search path, then Debian's path. */
function candidates(): string[] {
  const env = process.env['RUSTABI_UNICORN'];
  return [...(env !== undefined && env !== '' ? [env] : []), 'libunicorn.so.2', '/usr/lib/x86_64-linux-gnu/libunicorn.so.2', '/usr/lib/aarch64-linux-gnu/libunicorn.so.2'];
}

function load(): Native {
  if (native !== null) return native;
  if (loadError !== null) throw new EmulatorError('emu/unavailable', 'load', loadError);
  try {
    const require = createRequire(import.meta.url);
    const koffi = require('koffi') as typeof import('koffi');
    let lib: ReturnType<typeof koffi.load> | null = null;
    let path = '';
    const errors: string[] = [];
    for (const c of candidates()) {
      try {
        lib = koffi.load(c);
        path = c;
        break;
      } catch (e) {
        errors.push(`${c}: ${(e as Error).message}`);
      }
    }
    if (lib === null) throw new Error(`libunicorn.so.2 not found (apt-get install libunicorn2):\n  ${errors.join('\n  ')}`);
    koffi.opaque('uc_engine');
    native = {
      path,
      open: lib.func('int uc_open(int arch, int mode, _Out_ uc_engine **uc)') as Fn,
      close: lib.func('int uc_close(uc_engine *uc)') as Fn,
      memMap: lib.func('int uc_mem_map(uc_engine *uc, uint64_t address, size_t size, uint32_t perms)') as Fn,
      memWrite: lib.func('int uc_mem_write(uc_engine *uc, uint64_t address, const void *bytes, size_t size)') as Fn,
      memRead: lib.func('int uc_mem_read(uc_engine *uc, uint64_t address, void *bytes, size_t size)') as Fn,
      regWrite: lib.func('int uc_reg_write(uc_engine *uc, int regid, const void *value)') as Fn,
      regRead: lib.func('int uc_reg_read(uc_engine *uc, int regid, void *value)') as Fn,
      emuStart: lib.func('int uc_emu_start(uc_engine *uc, uint64_t begin, uint64_t until, uint64_t timeout, size_t count)') as Fn,
      strerror: lib.func('const char *uc_strerror(int code)') as (code: number) => string,
      version: (() => { const f = lib.func('unsigned int uc_version(unsigned int *major, unsigned int *minor)') as Fn; return () => f(null, null) as number; })(),
    };
    return native;
  } catch (e) {
    loadError = (e as Error).message;
    throw new EmulatorError('emu/unavailable', 'load', loadError);
  }
}

export interface UnicornStatus {
  readonly ok: boolean;
  /** The library that was loaded, or why none could be. */
  readonly detail: string;
  /** `major.minor` of the loaded library. */
  readonly version: string | null;
}

/** Whether koffi and libunicorn.so.2 load on this machine (loads them on first call). */
export function unicornStatus(): UnicornStatus {
  try {
    const n = load();
    const v = n.version();
    return { ok: true, detail: n.path, version: `${(v >> 24) & 0xff}.${(v >> 16) & 0xff}` };
  } catch (e) {
    return { ok: false, detail: (e as Error).message, version: null };
  }
}

const registry = new FinalizationRegistry<{ handle: unknown }>((h) => {
  if (native !== null && h.handle !== null) native.close(h.handle);
});

class UnicornEmulator implements Emulator {
  readonly arch: EmuArch;
  readonly #n: Native;
  readonly #held: { handle: unknown };
  readonly #regs: ReadonlyMap<string, RegisterDef>;
  readonly #ids: Readonly<Record<string, number>>;
  readonly #buf = Buffer.alloc(16);

  constructor(arch: EmuArch) {
    this.arch = arch;
    this.#n = load();
    const out: unknown[] = [null];
    const st = this.#n.open(UC_ARCH[arch], UC_MODE[arch], out) as number;
    if (st !== 0) throw ucError(st, 'uc_open');
    this.#held = { handle: out[0] };
    registry.register(this, this.#held, this);
    this.#regs = registerIndex(ISAS[arch]);
    this.#ids = UC_REGS[arch];
    if (arch === 'riscv64') {
      // Turn the FPU on (mstatus.FS), as a Linux kernel does for a user process with F/D.
      this.#writeId(UC_REGS.riscv64['mstatus'] as number, this.#readId(UC_REGS.riscv64['mstatus'] as number, 8) | RISCV_MSTATUS_FS_DIRTY, 8);
    }
  }

  get #h(): unknown {
    if (this.#held.handle === null) throw new EmulatorError('emu/disposed', 'use', 'the emulator was disposed');
    return this.#held.handle;
  }

  #check(st: unknown, op: string): void {
    if (st !== 0) throw ucError(st as number, op);
  }

  mapMemory(address: bigint, size: number, perms: MemPerms = PROT_ALL): void {
    this.#check(this.#n.memMap(this.#h, address, size, perms), 'uc_mem_map');
  }

  writeMemory(address: bigint, bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.#check(this.#n.memWrite(this.#h, address, bytes, bytes.length), 'uc_mem_write');
  }

  readMemory(address: bigint, size: number): Uint8Array {
    const out = Buffer.alloc(size);
    if (size > 0) this.#check(this.#n.memRead(this.#h, address, out, size), 'uc_mem_read');
    return new Uint8Array(out.buffer, out.byteOffset, size);
  }

  readonly #defs = new Map<string, { readonly id: number; readonly size: number }>();

  /** The engine id and size of a register by any of its names (cached: this runs several times per call). */
  #def(name: string): { readonly id: number; readonly size: number } {
    const cached = this.#defs.get(name);
    if (cached !== undefined) return cached;
    const d = this.#regs.get(name);
    const id = d === undefined ? this.#ids[name] : this.#ids[d.name];
    if (id === undefined) throw new EmulatorError('emu/unknown-register', 'register', `no register \`${name}\` on ${this.arch}`);
    const def = { id, size: d?.size ?? 8 };
    this.#defs.set(name, def);
    return def;
  }

  /** Reads a register into the shared buffer; returns its value (8 or 16 bytes, little-endian). */
  #readId(id: number, size: number): bigint {
    this.#buf.fill(0);
    this.#check(this.#n.regRead(this.#h, id, this.#buf), 'uc_reg_read');
    const lo = this.#buf.readBigUInt64LE(0);
    return size > 8 ? lo | (this.#buf.readBigUInt64LE(8) << 64n) : lo;
  }

  #writeId(id: number, v: bigint, size: number): void {
    this.#buf.fill(0);
    this.#buf.writeBigUInt64LE(BigInt.asUintN(64, v), 0);
    if (size > 8) this.#buf.writeBigUInt64LE(BigInt.asUintN(64, v >> 64n), 8);
    this.#check(this.#n.regWrite(this.#h, id, this.#buf), 'uc_reg_write');
  }

  readRegisterBytes(name: string): Uint8Array {
    const { id, size } = this.#def(name);
    this.#readId(id, size);
    return Uint8Array.from(this.#buf.subarray(0, size));
  }

  writeRegisterBytes(name: string, bytes: Uint8Array): void {
    const { id, size } = this.#def(name);
    if (bytes.length > size) throw new EmulatorError('emu/bad-argument', 'uc_reg_write', `${bytes.length} bytes do not fit in ${name} (${size} bytes)`);
    this.#buf.fill(0);
    this.#buf.set(bytes, 0);
    this.#check(this.#n.regWrite(this.#h, id, this.#buf), 'uc_reg_write');
  }

  readRegister(name: string): bigint {
    const { id, size } = this.#def(name);
    return this.#readId(id, size);
  }

  writeRegister(name: string, value: bigint): void {
    const { id, size } = this.#def(name);
    this.#writeId(id, value, size);
  }

  start(begin: bigint, until: bigint, opts: StartOptions = {}): void {
    const st = this.#n.emuStart(this.#h, begin, until, opts.timeoutUs ?? 0, opts.count ?? 0) as number;
    if (st !== 0) {
      let pc: bigint | null = null;
      try { pc = this.readRegister(ISAS[this.arch].pc); } catch { /* keep null */ }
      throw ucError(st, 'uc_emu_start', pc);
    }
  }

  dispose(): void {
    if (this.#held.handle === null) return;
    const h = this.#held.handle;
    this.#held.handle = null;
    registry.unregister(this);
    this.#check(this.#n.close(h), 'uc_close');
  }
}

/** A fresh Unicorn engine for `arch`. Throws `EmulatorError('emu/unavailable')` if the library cannot be loaded. */
export function openUnicorn(arch: EmuArch): Emulator {
  return new UnicornEmulator(arch);
}
