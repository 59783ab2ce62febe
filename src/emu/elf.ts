/**
 * A loader for the fixtures the linker makes: ELF64 little-endian, either a rust-lld `-shared` object
 * (ET_DYN, position-independent: loaded at a chosen base, R_*_RELATIVE and absolute relocations applied)
 * or a static executable (ET_EXEC, loaded where it was linked). Exported functions are read from
 * `.dynsym` (ET_DYN) or `.symtab`.
 *
 * Spec: System V gABI 4.1 ch. 4–5 (ELF header, sections, symbols, relocation, program headers);
 * relocation numbers from the x86_64 psABI 1.0 §4.4, ELF for the Arm 64-bit Architecture 2023Q3 §5.7,
 * RISC-V ELF psABI 1.0 "Relocations".
 */
import type { EmuArch, Emulator } from './engine.js';
import { PROT_ALL, leBytes, pageCeil, pageFloor } from './engine.js';

export class ElfError extends Error {
  override readonly name = 'ElfError';
}

export interface ElfSegment {
  readonly vaddr: bigint;
  readonly memsz: number;
  readonly offset: number;
  readonly filesz: number;
  /** PF_X 1, PF_W 2, PF_R 4. */
  readonly flags: number;
}

export interface ElfSymbol {
  readonly name: string;
  readonly value: bigint;
  readonly size: number;
  /** STT_FUNC 2, STT_OBJECT 1, … */
  readonly type: number;
  /** False for undefined (imported) symbols. */
  readonly defined: boolean;
}

export interface ElfRelocation {
  readonly offset: bigint;
  readonly type: number;
  /** Index into `relocSymbols` (0: none). */
  readonly sym: number;
  readonly addend: bigint;
}

export interface ElfImage {
  readonly arch: EmuArch;
  readonly kind: 'dyn' | 'exec';
  readonly segments: readonly ElfSegment[];
  /** Relocations of allocated SHT_RELA sections (what a dynamic loader applies). */
  readonly relocations: readonly ElfRelocation[];
  /** The symbol table the relocations index. */
  readonly relocSymbols: readonly ElfSymbol[];
  /** Defined symbols by name, from `.dynsym`, else `.symtab`. */
  readonly symbols: ReadonlyMap<string, ElfSymbol>;
}

const MACHINES: Readonly<Record<number, EmuArch>> = { 62: 'x86_64', 183: 'aarch64', 243: 'riscv64' };

/** Relocation types the loader applies, per ISA. */
const RELOC: Readonly<Record<EmuArch, { readonly none: number; readonly relative: number; readonly abs64: number; readonly globDat: number; readonly jumpSlot: number }>> = {
  x86_64: { none: 0, relative: 8, abs64: 1, globDat: 6, jumpSlot: 7 },
  aarch64: { none: 0, relative: 1027, abs64: 257, globDat: 1025, jumpSlot: 1026 },
  riscv64: { none: 0, relative: 3, abs64: 2, globDat: -1, jumpSlot: 5 },
};

class Reader {
  readonly v: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  check(off: number, len: number, what: string): void {
    if (off < 0 || len < 0 || off + len > this.bytes.length) throw new ElfError(`${what} at ${off}+${len} lies outside the file (${this.bytes.length} bytes)`);
  }
  u16(o: number): number { this.check(o, 2, 'u16'); return this.v.getUint16(o, true); }
  u32(o: number): number { this.check(o, 4, 'u32'); return this.v.getUint32(o, true); }
  u64(o: number): bigint { this.check(o, 8, 'u64'); return this.v.getBigUint64(o, true); }
  i64(o: number): bigint { this.check(o, 8, 'i64'); return this.v.getBigInt64(o, true); }
  num(o: number, what: string): number {
    const x = this.u64(o);
    if (x > BigInt(Number.MAX_SAFE_INTEGER)) throw new ElfError(`${what} ${x} is too large`);
    return Number(x);
  }
  cstr(o: number): string {
    let e = o;
    while (e < this.bytes.length && this.bytes[e] !== 0) e++;
    if (e >= this.bytes.length) throw new ElfError(`unterminated string at ${o}`);
    return new TextDecoder().decode(this.bytes.subarray(o, e));
  }
}

interface Section { readonly type: number; readonly flags: bigint; readonly offset: number; readonly size: number; readonly link: number; readonly entsize: number; readonly addr: bigint }

function readSymbols(r: Reader, sections: readonly Section[], s: Section): ElfSymbol[] {
  const str = sections[s.link];
  if (str === undefined) throw new ElfError(`symbol table links to missing section ${s.link}`);
  const n = Math.floor(s.size / 24);
  const out: ElfSymbol[] = [];
  for (let i = 0; i < n; i++) {
    const o = s.offset + i * 24;
    const nameOff = r.u32(o);
    const info = r.v.getUint8(o + 4);
    const shndx = r.u16(o + 6);
    out.push({ name: nameOff === 0 ? '' : r.cstr(str.offset + nameOff), type: info & 0xf, defined: shndx !== 0, value: r.u64(o + 8), size: r.num(o + 16, 'symbol size') });
  }
  return out;
}

/** Parses the headers, symbols and relocations of an ELF64 LE file. Throws ElfError on anything else. */
export function parseElf(bytes: Uint8Array): ElfImage {
  const r = new Reader(bytes);
  r.check(0, 64, 'ELF header');
  if (r.u32(0) !== 0x464c457f) throw new ElfError('not an ELF file');
  if (bytes[4] !== 2 || bytes[5] !== 1) throw new ElfError('only ELF64 little-endian is supported');
  const etype = r.u16(16);
  if (etype !== 2 && etype !== 3) throw new ElfError(`e_type ${etype}: only ET_EXEC and ET_DYN load (link relocatable objects first)`);
  const machine = r.u16(18);
  const arch = MACHINES[machine];
  if (arch === undefined) throw new ElfError(`e_machine ${machine} is not x86_64, aarch64 or riscv64`);
  const phoff = r.num(32, 'e_phoff');
  const shoff = r.num(40, 'e_shoff');
  const phentsize = r.u16(54);
  const phnum = r.u16(56);
  const shentsize = r.u16(58);
  const shnum = r.u16(60);

  const segments: ElfSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * phentsize;
    if (r.u32(o) !== 1) continue; // PT_LOAD
    const seg = { flags: r.u32(o + 4), offset: r.num(o + 8, 'p_offset'), vaddr: r.u64(o + 16), filesz: r.num(o + 32, 'p_filesz'), memsz: r.num(o + 40, 'p_memsz') };
    r.check(seg.offset, seg.filesz, 'PT_LOAD contents');
    if (seg.filesz > seg.memsz) throw new ElfError('PT_LOAD with p_filesz > p_memsz');
    segments.push(seg);
  }
  if (segments.length === 0) throw new ElfError('no PT_LOAD segment');

  const sections: Section[] = [];
  for (let i = 0; i < shnum; i++) {
    const o = shoff + i * shentsize;
    sections.push({ type: r.u32(o + 4), flags: r.u64(o + 8), addr: r.u64(o + 16), offset: r.num(o + 24, 'sh_offset'), size: r.num(o + 32, 'sh_size'), link: r.u32(o + 40), entsize: r.num(o + 56, 'sh_entsize') });
  }
  const dynsym = sections.find((s) => s.type === 11);
  const symtab = sections.find((s) => s.type === 2);
  const table = dynsym ?? symtab;
  const syms = table === undefined ? [] : readSymbols(r, sections, table);
  const symbols = new Map<string, ElfSymbol>();
  for (const s of syms) if (s.defined && s.name !== '' && !symbols.has(s.name)) symbols.set(s.name, s);

  const relocations: ElfRelocation[] = [];
  let relocSymbols: ElfSymbol[] = [];
  for (const s of sections) {
    if (s.type !== 4 || (s.flags & 2n) === 0n) continue; // SHT_RELA, SHF_ALLOC
    const linked = sections[s.link];
    if (linked !== undefined && linked !== table && s.link !== 0) throw new ElfError('relocations against a second symbol table');
    relocSymbols = syms;
    for (let o = s.offset; o + 24 <= s.offset + s.size; o += 24) {
      const info = r.u64(o + 8);
      relocations.push({ offset: r.u64(o), type: Number(info & 0xffffffffn), sym: Number(info >> 32n), addend: r.i64(o + 16) });
    }
  }
  return { arch, kind: etype === 3 ? 'dyn' : 'exec', segments, relocations, relocSymbols, symbols };
}

export interface LoadedImage {
  readonly image: ElfImage;
  /** What was added to every link-time address (0 for ET_EXEC). */
  readonly base: bigint;
  /** The mapped range [start, end). */
  readonly start: bigint;
  readonly end: bigint;
  /** Run-time address of every defined symbol. */
  readonly symbols: ReadonlyMap<string, bigint>;
  /** Run-time address of a function; throws ElfError if it is not exported. */
  address(name: string): bigint;
}

/**
 * Maps the PT_LOAD segments at `base` (ET_DYN; ignored for ET_EXEC) as one read/write/execute range,
 * copies their file bytes and applies the relocations.
 */
export function loadElf(emu: Emulator, bytes: Uint8Array, base: bigint, image: ElfImage = parseElf(bytes)): LoadedImage {
  if (image.arch !== emu.arch) throw new ElfError(`the ELF file is for ${image.arch}, the emulator for ${emu.arch}`);
  const bias = image.kind === 'dyn' ? base : 0n;
  let lo = -1n;
  let hi = 0n;
  for (const s of image.segments) {
    const a = pageFloor(bias + s.vaddr);
    const b = pageCeil(bias + s.vaddr + BigInt(s.memsz));
    if (lo < 0n || a < lo) lo = a;
    if (b > hi) hi = b;
  }
  emu.mapMemory(lo, Number(hi - lo), PROT_ALL);
  for (const s of image.segments) emu.writeMemory(bias + s.vaddr, bytes.subarray(s.offset, s.offset + s.filesz));

  const k = RELOC[image.arch];
  const bad: string[] = [];
  for (const rel of image.relocations) {
    const at = bias + rel.offset;
    if (rel.type === k.none) continue;
    if (rel.type === k.relative) {
      emu.writeMemory(at, leBytes(bias + rel.addend, 8));
      continue;
    }
    const sym = image.relocSymbols[rel.sym];
    if (sym === undefined || !sym.defined) {
      bad.push(`type ${rel.type} at 0x${rel.offset.toString(16)} against undefined symbol \`${sym?.name ?? rel.sym}\``);
      continue;
    }
    const s = bias + sym.value;
    if (rel.type === k.abs64 || rel.type === k.globDat || rel.type === k.jumpSlot) emu.writeMemory(at, leBytes(s + rel.addend, 8));
    else bad.push(`unsupported relocation type ${rel.type} at 0x${rel.offset.toString(16)}`);
  }
  if (bad.length > 0) throw new ElfError(`cannot relocate: ${bad.slice(0, 5).join('; ')}`);

  const symbols = new Map<string, bigint>();
  for (const [n, s] of image.symbols) symbols.set(n, bias + s.value);
  return {
    image, base: bias, start: lo, end: hi, symbols,
    address(name: string): bigint {
      const a = symbols.get(name);
      if (a === undefined) throw new ElfError(`no exported symbol \`${name}\` (have: ${[...symbols.keys()].filter((x) => !x.startsWith('$')).slice(0, 20).join(', ')})`);
      return a;
    },
  };
}
