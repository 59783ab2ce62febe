/** THE dispatch table: one calling-convention file per architecture. Kernel flavours share their arch's file. */
import type { Arch } from '../../model/target.js';
import { aarch64 } from './aarch64.js';
import { riscv64 } from './riscv64.js';
import type { CallingConvention } from './types.js';
import { wasm32 } from './wasm32.js';
import { x86_64 } from './x86_64.js';

export const CALLING_CONVENTIONS: Readonly<Record<Arch, CallingConvention>> = { x86_64, aarch64, riscv64, wasm32 } satisfies Record<Arch, CallingConvention>;

export type { CallingConvention, ProbeNames, Allocation } from './types.js';
