/**
 * An in-memory Emulator for unit tests of the harness plumbing (no native engine): page-granular
 * memory, registers by the names of isa.ts, and `start` running a JavaScript "program" looked up by
 * its entry address. A program reads its arguments from registers/memory and writes its results; the
 * fake then sets the program counter to `until`, as a function returning to the sentinel would.
 */
import type { EmuArch, Emulator, MemPerms, StartOptions } from '../../src/emu/engine.js';
import { EmulatorError, leBytes, leValue } from '../../src/emu/engine.js';
import type { RegisterDef } from '../../src/emu/isa.js';
import { ISAS, registerIndex } from '../../src/emu/isa.js';

export type FakeProgram = (emu: FakeEmulator) => void;

export class FakeEmulator implements Emulator {
  readonly arch: EmuArch;
  readonly pages = new Map<bigint, Uint8Array>();
  readonly regs = new Map<string, Uint8Array>();
  readonly programs = new Map<bigint, FakeProgram>();
  readonly starts: { begin: bigint; until: bigint; opts: StartOptions }[] = [];
  readonly #defs: ReadonlyMap<string, RegisterDef>;
  disposed = false;
  /** When set, `start` stops here instead of at `until` (a function that never returns). */
  stopAt: bigint | null = null;

  constructor(arch: EmuArch) {
    this.arch = arch;
    this.#defs = registerIndex(ISAS[arch]);
    for (const r of ISAS[arch].registers) this.regs.set(r.name, new Uint8Array(r.size));
  }

  #live(): void {
    if (this.disposed) throw new EmulatorError('emu/disposed', 'use', 'disposed');
  }

  #def(name: string): RegisterDef {
    const d = this.#defs.get(name);
    if (d === undefined) throw new EmulatorError('emu/unknown-register', 'register', `no register ${name}`);
    return d;
  }

  mapMemory(address: bigint, size: number, _perms?: MemPerms): void {
    this.#live();
    if ((address & 0xfffn) !== 0n || size % 0x1000 !== 0) throw new EmulatorError('emu/bad-argument', 'map', 'unaligned map');
    for (let a = address; a < address + BigInt(size); a += 0x1000n) {
      if (this.pages.has(a)) throw new EmulatorError('emu/map', 'map', `page 0x${a.toString(16)} is already mapped`);
    }
    for (let a = address; a < address + BigInt(size); a += 0x1000n) this.pages.set(a, new Uint8Array(0x1000));
  }

  #byte(a: bigint, op: 'read' | 'write'): [Uint8Array, number] {
    const page = this.pages.get(a & ~0xfffn);
    if (page === undefined) throw new EmulatorError(op === 'read' ? 'emu/read-unmapped' : 'emu/write-unmapped', op, `0x${a.toString(16)}`);
    return [page, Number(a & 0xfffn)];
  }

  writeMemory(address: bigint, bytes: Uint8Array): void {
    this.#live();
    bytes.forEach((b, i) => { const [p, o] = this.#byte(address + BigInt(i), 'write'); p[o] = b; });
  }

  readMemory(address: bigint, size: number): Uint8Array {
    this.#live();
    const out = new Uint8Array(size);
    for (let i = 0; i < size; i++) { const [p, o] = this.#byte(address + BigInt(i), 'read'); out[i] = p[o] ?? 0; }
    return out;
  }

  readRegisterBytes(name: string): Uint8Array {
    this.#live();
    return Uint8Array.from(this.regs.get(this.#def(name).name) ?? []);
  }

  writeRegisterBytes(name: string, bytes: Uint8Array): void {
    this.#live();
    const d = this.#def(name);
    const full = new Uint8Array(d.size);
    full.set(bytes);
    this.regs.set(d.name, full);
  }

  readRegister(name: string): bigint {
    return leValue(this.readRegisterBytes(name));
  }

  writeRegister(name: string, value: bigint): void {
    this.writeRegisterBytes(name, leBytes(value, this.#def(name).size));
  }

  start(begin: bigint, until: bigint, opts: StartOptions = {}): void {
    this.#live();
    this.starts.push({ begin, until, opts });
    const program = this.programs.get(begin);
    if (program === undefined) throw new EmulatorError('emu/fetch-unmapped', 'start', `no program at 0x${begin.toString(16)}`);
    program(this);
    this.writeRegister(ISAS[this.arch].pc, this.stopAt ?? until);
  }

  dispose(): void {
    this.disposed = true;
  }
}
