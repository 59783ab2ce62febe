/**
 * Targets and their data layouts: the facts the pure solver needs (rustc's `TargetDataLayout`).
 */

export type Arch = 'x86_64' | 'aarch64' | 'riscv64' | 'wasm32';
export type TargetId = Arch | 'x86_64-kernel' | 'aarch64-kernel' | 'riscv64-kernel';

export const TARGET_IDS: readonly TargetId[] = [
  'x86_64', 'aarch64', 'riscv64', 'wasm32', 'x86_64-kernel', 'aarch64-kernel', 'riscv64-kernel',
];
export const ARCHES: readonly Arch[] = ['x86_64', 'aarch64', 'riscv64', 'wasm32'];

export interface TargetDataLayout {
  readonly id: TargetId;
  readonly arch: Arch;
  /** The rustc target triple that is this target's oracle. */
  readonly triple: string;
  readonly pointerSize: number;
  readonly pointerAlign: number;
  /** ABI alignment of i8..i128, by byte size. */
  readonly intAlign: Readonly<Record<1 | 2 | 4 | 8 | 16, number>>;
  readonly floatAlign: Readonly<Record<2 | 4 | 8 | 16, number>>;
  /** Objects must be strictly smaller than this (2^61 on 64-bit, 2^31 on 32-bit). */
  readonly objectSizeBound: bigint;
  /** `c_enum_min_size` in bytes (4 everywhere here). */
  readonly cEnumMinSize: number;
  readonly cfg: { readonly targetArch: string; readonly pointerWidth: number; readonly targetOs: string };
  readonly softFloat: boolean;
}

function dataLayout64(id: TargetId, arch: Arch, triple: string, softFloat: boolean): TargetDataLayout {
  return {
    id, arch, triple, softFloat,
    pointerSize: 8, pointerAlign: 8,
    intAlign: { 1: 1, 2: 2, 4: 4, 8: 8, 16: 16 },
    floatAlign: { 2: 2, 4: 4, 8: 8, 16: 16 },
    objectSizeBound: 1n << 61n,
    cEnumMinSize: 4,
    cfg: { targetArch: arch, pointerWidth: 64, targetOs: softFloat ? 'none' : 'linux' },
  };
}

export const TARGETS: Readonly<Record<TargetId, TargetDataLayout>> = {
  x86_64: dataLayout64('x86_64', 'x86_64', 'x86_64-unknown-linux-gnu', false),
  aarch64: dataLayout64('aarch64', 'aarch64', 'aarch64-unknown-linux-gnu', false),
  riscv64: dataLayout64('riscv64', 'riscv64', 'riscv64gc-unknown-linux-gnu', false),
  wasm32: {
    id: 'wasm32', arch: 'wasm32', triple: 'wasm32-unknown-unknown', softFloat: false,
    pointerSize: 4, pointerAlign: 4,
    intAlign: { 1: 1, 2: 2, 4: 4, 8: 8, 16: 16 },
    floatAlign: { 2: 2, 4: 4, 8: 8, 16: 16 },
    objectSizeBound: 1n << 31n,
    cEnumMinSize: 4,
    cfg: { targetArch: 'wasm32', pointerWidth: 32, targetOs: 'unknown' },
  },
  'x86_64-kernel': dataLayout64('x86_64-kernel', 'x86_64', 'x86_64-unknown-none', true),
  'aarch64-kernel': dataLayout64('aarch64-kernel', 'aarch64', 'aarch64-unknown-none-softfloat', true),
  'riscv64-kernel': dataLayout64('riscv64-kernel', 'riscv64', 'riscv64imac-unknown-none-elf', true),
};

const ALIASES: Readonly<Record<string, TargetId>> = {
  'x86_64-unknown-linux-gnu': 'x86_64',
  'aarch64-unknown-linux-gnu': 'aarch64',
  'riscv64gc-unknown-linux-gnu': 'riscv64',
  'wasm32-unknown-unknown': 'wasm32',
  'x86_64-unknown-none': 'x86_64-kernel',
  'aarch64-unknown-none-softfloat': 'aarch64-kernel',
  'riscv64imac-unknown-none-elf': 'riscv64-kernel',
};

/** Accepts a short name (`x86_64`, `aarch64-kernel`) or a triple; undefined if unknown. */
export function parseTargetId(name: string): TargetId | undefined {
  if ((TARGET_IDS as readonly string[]).includes(name)) return name as TargetId;
  return ALIASES[name];
}

export const TARGET_NAMES: readonly string[] = [...TARGET_IDS, ...Object.keys(ALIASES)];
