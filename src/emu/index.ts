/**
 * The emulation harness: runs rustc-compiled fixtures in a CPU emulator to check register maps by
 * execution. Used by test/ (and later by the `verify` command through a public subpath). Nothing in
 * layout/, regmap/ or query/ may import it: the solver never depends on an emulator.
 *
 * Entry points: `openUnicorn(arch)` (the native engine, loaded lazily), `CallHarness` (place arguments
 * per a FnAbi, run to a sentinel, snapshot registers), `buildFixture` (compile and cache a fixture),
 * `parseElf` / `loadElf`.
 */
export type { EmuArch, Emulator, EmuErrorCode, MemPerms, StartOptions } from './engine.js';
export { EMU_ARCHES, EmulatorError, PROT_ALL, leBytes, leValue } from './engine.js';
export type { IsaSpec, RegisterDef, RegisterClass } from './isa.js';
export { ISAS, registerIndex } from './isa.js';
export type { ElfImage, ElfSegment, ElfSymbol, ElfRelocation, LoadedImage } from './elf.js';
export { ElfError, parseElf, loadElf } from './elf.js';
export type { AddressPlan, CallOptions, CallResult, EmuSnapshot, MemoryReader } from './run.js';
export { CallHarness, DEFAULT_PLAN, POISON } from './run.js';
export type { UnicornStatus } from './unicorn.js';
export { openUnicorn, unicornStatus, ucError } from './unicorn.js';
export type { Fixture, FixtureOptions } from './fixtures.js';
export { buildFixture, fixtureCrate, FixtureBuildError, FIXTURE_FLAGS, FIXTURE_LANG_ITEMS, FIXTURE_RUNTIME, rustLld } from './fixtures.js';
export type { DisasmLine } from './disasm.js';
export { disassemble, disassembleBytes, objdumpFunction, functionBytes, formatDisassembly } from './disasm.js';
export type { VerifyOptions, VerifyReport, VerifyResult } from './verify.js';
export { verifySignature } from './verify.js';
