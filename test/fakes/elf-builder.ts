/**
 * Builds a tiny ELF64 LE file by hand for the loader's unit tests: one PT_LOAD (file bytes 0..0x400 at
 * vaddr 0, memsz 0x2000), `.dynstr`, `.dynsym` (or `.symtab`) and an allocated `.rela.dyn`.
 * Layout of the file: header, one program header, dynstr at 0x200, symbols at 0x240, relocations at
 * 0x2a0, payload bytes the caller places anywhere below 0x400, section headers at 0x400.
 */

export interface FakeSym { readonly name: string; readonly value: bigint; readonly defined: boolean }
export interface FakeRela { readonly offset: bigint; readonly type: number; readonly sym: number; readonly addend: bigint }

export interface FakeElfOptions {
  readonly machine?: number;          // 62 x86_64 (default), 183 aarch64, 243 riscv
  readonly type?: 2 | 3;              // ET_EXEC 2, ET_DYN 3 (default)
  readonly symbols?: readonly FakeSym[];
  readonly relocations?: readonly FakeRela[];
  /** Symbols in SHT_SYMTAB instead of SHT_DYNSYM. */
  readonly symtab?: boolean;
  readonly vaddr?: bigint;
  readonly payload?: readonly (readonly [offset: number, bytes: Uint8Array])[];
}

export function buildElf(o: FakeElfOptions = {}): Uint8Array {
  const buf = new Uint8Array(0x400 + 64 * 5);
  const v = new DataView(buf.buffer);
  const u16 = (at: number, x: number): void => v.setUint16(at, x, true);
  const u32 = (at: number, x: number): void => v.setUint32(at, x, true);
  const u64 = (at: number, x: bigint): void => v.setBigUint64(at, BigInt.asUintN(64, x), true);
  buf.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], 0);
  u16(16, o.type ?? 3);
  u16(18, o.machine ?? 62);
  u32(20, 1);
  u64(32, 64n);       // e_phoff
  u64(40, 0x400n);    // e_shoff
  u16(52, 64);
  u16(54, 56);
  u16(56, 1);
  u16(58, 64);
  u16(60, 5);
  // PT_LOAD
  const vaddr = o.vaddr ?? 0n;
  u32(64, 1);
  u32(68, 7);
  u64(72, 0n);
  u64(80, vaddr);
  u64(96, 0x400n);
  u64(104, 0x2000n);
  // strings and symbols
  const syms = [{ name: '', value: 0n, defined: false }, ...(o.symbols ?? [])];
  let str = 0x201;
  syms.forEach((s, i) => {
    let nameOff = 0;
    if (s.name !== '') {
      nameOff = str - 0x200;
      buf.set(new TextEncoder().encode(s.name), str);
      str += s.name.length + 1;
    }
    const at = 0x240 + i * 24;
    u32(at, nameOff);
    buf[at + 4] = i === 0 ? 0 : 0x12; // STB_GLOBAL, STT_FUNC
    u16(at + 6, s.defined ? 4 : 0);
    u64(at + 8, s.value);
  });
  const relas = o.relocations ?? [];
  relas.forEach((r, i) => {
    const at = 0x2a0 + i * 24;
    u64(at, r.offset);
    u64(at + 8, (BigInt(r.sym) << 32n) | BigInt(r.type));
    u64(at + 16, r.addend);
  });
  for (const [at, bytes] of o.payload ?? []) buf.set(bytes, at);
  // section headers: null, .dynstr, .dynsym/.symtab, .rela.dyn, .text
  const sh = (i: number, type: number, flags: bigint, offset: number, size: number, link: number, entsize: number): void => {
    const at = 0x400 + i * 64;
    u32(at + 4, type);
    u64(at + 8, flags);
    u64(at + 24, BigInt(offset));
    u64(at + 32, BigInt(size));
    u32(at + 40, link);
    u64(at + 56, BigInt(entsize));
  };
  sh(1, 3, 2n, 0x200, 0x40, 0, 0);
  sh(2, o.symtab === true ? 2 : 11, 2n, 0x240, syms.length * 24, 1, 24);
  sh(3, 4, 2n, 0x2a0, relas.length * 24, 2, 24);
  sh(4, 1, 6n, 0x380, 0x80, 0, 0);
  return buf;
}
