/** The ELF loader on hand-built files (test/fakes/elf-builder.ts), loaded into the fake emulator. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ElfError, leValue, loadElf, parseElf } from '../../src/emu/index.js';
import { buildElf } from '../fakes/elf-builder.js';
import { FakeEmulator } from '../fakes/fake-emulator.js';

const BASE = 0x1000_0000n;

test('ET_DYN: segments at the base, R_X86_64_RELATIVE and R_X86_64_64 applied, .dynsym exported', () => {
  const bytes = buildElf({
    symbols: [{ name: 'foo', value: 0x380n, defined: true }, { name: 'bar', value: 0x390n, defined: true }],
    relocations: [
      { offset: 0x100n, type: 8, sym: 0, addend: 0x40n },   // RELATIVE: base + 0x40
      { offset: 0x108n, type: 1, sym: 2, addend: 8n },      // R_X86_64_64 against bar: base + 0x398
    ],
    payload: [[0x380, Uint8Array.of(0xc3)]],
  });
  const img = parseElf(bytes);
  assert.equal(img.arch, 'x86_64');
  assert.equal(img.kind, 'dyn');
  const emu = new FakeEmulator('x86_64');
  const loaded = loadElf(emu, bytes, BASE, img);
  assert.equal(loaded.start, BASE);
  assert.equal(loaded.end, BASE + 0x2000n);
  assert.equal(leValue(emu.readMemory(BASE + 0x100n, 8)), BASE + 0x40n);
  assert.equal(leValue(emu.readMemory(BASE + 0x108n, 8)), BASE + 0x398n);
  assert.equal(loaded.address('foo'), BASE + 0x380n);
  assert.deepEqual(emu.readMemory(BASE + 0x380n, 1), Uint8Array.of(0xc3));
  assert.deepEqual(emu.readMemory(BASE + 0x1800n, 4), new Uint8Array(4), 'bss beyond p_filesz is zero');
  assert.throws(() => loaded.address('nope'), ElfError);
});

test('relocation numbers of aarch64 (1027) and riscv64 (3)', () => {
  for (const [machine, arch, type] of [[183, 'aarch64', 1027], [243, 'riscv64', 3]] as const) {
    const bytes = buildElf({ machine, relocations: [{ offset: 0x110n, type, sym: 0, addend: 0x123n }] });
    const emu = new FakeEmulator(arch);
    loadElf(emu, bytes, BASE);
    assert.equal(leValue(emu.readMemory(BASE + 0x110n, 8)), BASE + 0x123n, arch);
  }
});

test('ET_EXEC loads at its link address and reads .symtab', () => {
  const bytes = buildElf({ type: 2, symtab: true, vaddr: 0x20_0000n, symbols: [{ name: 'f', value: 0x20_0380n, defined: true }] });
  const emu = new FakeEmulator('x86_64');
  const loaded = loadElf(emu, bytes, BASE);
  assert.equal(loaded.base, 0n);
  assert.equal(loaded.address('f'), 0x20_0380n);
  assert.ok(emu.pages.has(0x20_0000n));
});

test('loader errors are ElfErrors that say what is wrong', () => {
  const undef = buildElf({ symbols: [{ name: 'ext', value: 0n, defined: false }], relocations: [{ offset: 0x100n, type: 6, sym: 1, addend: 0n }] });
  assert.throws(() => loadElf(new FakeEmulator('x86_64'), undef, BASE), /undefined symbol `ext`/);
  const odd = buildElf({ symbols: [{ name: 'f', value: 0x380n, defined: true }], relocations: [{ offset: 0x100n, type: 2, sym: 1, addend: 0n }] });
  assert.throws(() => loadElf(new FakeEmulator('x86_64'), odd, BASE), /unsupported relocation type 2/);
  assert.throws(() => parseElf(Uint8Array.of(1, 2, 3)), (e: unknown) => e instanceof ElfError);
  assert.throws(() => parseElf(new Uint8Array(64)), /not an ELF file/);
  assert.throws(() => parseElf(buildElf({ machine: 3 })), /e_machine 3/);
  assert.throws(() => parseElf(buildElf().subarray(0, 0x300)), ElfError, 'truncated section headers');
  assert.throws(() => loadElf(new FakeEmulator('aarch64'), buildElf(), BASE), /for x86_64, the emulator for aarch64/);
});
