/**
 * Disassembly of a probed function for the human report: capstone-wasm (Capstone 5 compiled to
 * WebAssembly, loaded lazily) for x86_64 and AArch64, and `llvm-objdump` (Debian's `llvm` package) for
 * RISC-V, which that Capstone build lacks. The function's bytes come from the ELF fixture's symbol table
 * (its link-time address and size) and the PT_LOAD segment that holds them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseElf } from './elf.js';
import type { EmuArch } from './engine.js';
import { EmulatorError } from './engine.js';

export interface DisasmLine {
  /** Link-time address of the instruction. */
  readonly address: bigint;
  /** Encoded bytes (empty when the tool does not report them). */
  readonly bytes: Uint8Array;
  readonly mnemonic: string;
  readonly operands: string;
}

interface CapstoneModule {
  readonly Capstone: new (arch: number, mode: number) => {
    disasm(data: Uint8Array, options?: { address?: number | bigint }): { address: number | bigint; bytes: Uint8Array; mnemonic: string; opStr: string }[];
    close(): void;
  };
  readonly loadCapstone: () => Promise<void>;
  readonly Const: Readonly<Record<string, number>>;
}

let capstone: Promise<CapstoneModule> | null = null;

async function loadCapstoneModule(): Promise<CapstoneModule> {
  capstone ??= (async () => {
    const name = 'capstone-wasm';
    const m = (await import(name)) as CapstoneModule;
    await m.loadCapstone();
    return m;
  })();
  return capstone;
}

/** The bytes and link-time address of function `symbol` in an ELF image. */
export function functionBytes(elf: Uint8Array, symbol: string): { address: bigint; bytes: Uint8Array; arch: EmuArch } {
  const img = parseElf(elf);
  const sym = img.symbols.get(symbol);
  if (sym === undefined || !sym.defined) throw new EmulatorError('emu/bad-argument', 'disassemble', `no function \`${symbol}\` in the image`);
  const seg = img.segments.find((s) => sym.value >= s.vaddr && sym.value + BigInt(sym.size) <= s.vaddr + BigInt(s.filesz));
  if (seg === undefined) throw new EmulatorError('emu/bad-argument', 'disassemble', `\`${symbol}\` is not inside a loaded segment`);
  const from = seg.offset + Number(sym.value - seg.vaddr);
  return { address: sym.value, bytes: elf.subarray(from, from + sym.size), arch: img.arch };
}

/** Instructions of `bytes` at `address` with Capstone (x86_64: Intel syntax, as Capstone prints by default). */
export async function disassembleBytes(bytes: Uint8Array, address: bigint, arch: 'x86_64' | 'aarch64'): Promise<DisasmLine[]> {
  const m = await loadCapstoneModule();
  const c = m.Const;
  const cs = arch === 'x86_64' ? new m.Capstone(c.CS_ARCH_X86 as number, c.CS_MODE_64 as number) : new m.Capstone(c.CS_ARCH_ARM64 as number, c.CS_MODE_ARM as number);
  try {
    return cs.disasm(bytes, { address }).map((i) => ({ address: BigInt(i.address), bytes: Uint8Array.from(i.bytes), mnemonic: i.mnemonic, operands: i.opStr }));
  } finally {
    cs.close();
  }
}

/** `llvm-objdump -d --disassemble-symbols=SYMBOL` on the image (RISC-V, or any arch as a cross-check). */
export function objdumpFunction(elf: Uint8Array, symbol: string): DisasmLine[] {
  const dir = mkdtempSync(join(tmpdir(), 'rustabi-objdump-'));
  try {
    const file = join(dir, 'image.elf');
    writeFileSync(file, elf);
    const r = spawnSync('llvm-objdump', ['-d', '--no-show-raw-insn', `--disassemble-symbols=${symbol}`, '-M', 'intel', file], { encoding: 'utf8' });
    if (r.error !== undefined || r.status !== 0) {
      throw new EmulatorError('emu/unavailable', 'disassemble', `llvm-objdump failed (install Debian's llvm): ${r.error?.message ?? r.stderr}`);
    }
    // Only the symbol's own bytes (llvm-objdump also lists the padding up to the next symbol).
    const f = functionBytes(elf, symbol);
    const end = f.address + BigInt(f.bytes.length);
    const out: DisasmLine[] = [];
    for (const line of r.stdout.split('\n')) {
      const m = /^\s*([0-9a-f]+):\s+(\S+)(?:\s+(.*))?$/.exec(line);
      if (m === null) continue;
      const address = BigInt(`0x${m[1] as string}`);
      if (address < f.address || address >= end) continue;
      out.push({ address, bytes: new Uint8Array(0), mnemonic: m[2] as string, operands: (m[3] ?? '').trim() });
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The instructions of function `symbol` of an ELF fixture: Capstone for x86_64/AArch64, llvm-objdump for RISC-V. */
export async function disassemble(elf: Uint8Array, symbol: string): Promise<DisasmLine[]> {
  const f = functionBytes(elf, symbol);
  if (f.arch === 'riscv64') return objdumpFunction(elf, symbol);
  return disassembleBytes(f.bytes, f.address, f.arch);
}

/** One instruction per line: `address: mnemonic operands`. */
export function formatDisassembly(lines: readonly DisasmLine[]): string {
  return lines.map((l) => `  ${l.address.toString(16).padStart(8, '0')}:  ${l.mnemonic}${l.operands === '' ? '' : ` ${l.operands}`}`).join('\n');
}
