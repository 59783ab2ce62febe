/** `rustabi layout [--target T] [--defs FILE.rs]… [--types-file FILE] [--json] [TYPE…]` */
import { dumpLayout, layoutToJson, variantNamesOf } from '../../index.js';
import type { TypeLayout } from '../../index.js';
import type { CliIo } from '../io.js';
import { runBatch } from './batch.js';

export const LAYOUT_USAGE = `usage: rustabi layout [--target T] [--defs FILE.rs]... [--types-file FILE] [--json] [TYPE...]

Prints the memory layout rustc 1.95 gives each TYPE (Rust syntax) on target T
(x86_64 [default], aarch64, riscv64, wasm32, x86_64-kernel, aarch64-kernel,
riscv64-kernel, or a rustc triple).
  --defs FILE.rs     Rust definitions (struct/enum/union/type); repeatable
  --types-file FILE  one type per line ('//' comments and blank lines skipped)
  --json             one JSON array, one object per type, in order`;

export async function runLayout(argv: readonly string[], io: CliIo): Promise<number> {
  return runBatch<TypeLayout>({
    usage: LAYOUT_USAGE, fileOption: 'types-file', itemKey: 'type', itemLabel: 'type',
    compute: (s, t) => s.layoutOfType(t.text, t.name, t.firstLine),
    json: (s, t, r) => layoutToJson(t.text, r.layout, s.target, variantNamesOf(r.ty)),
    text: (s, t, r) => dumpLayout(t.text, r.ty, r.layout, s.cx),
  }, argv, io);
}
