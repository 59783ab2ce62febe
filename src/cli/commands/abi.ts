/** `rustabi abi [--target T] [--defs FILE]… [--sigs-file FILE] [--json] [SIGNATURE|PATH…]` */
import { fnAbiOf, fnAbiJson, dumpFnAbi } from '../../index.js';
import type { FnAbiResult } from '../../index.js';
import type { CliIo } from '../io.js';
import { runBatch } from './batch.js';

export const ABI_USAGE = `usage: rustabi abi [--target T] [--defs FILE.rs]... [--sigs-file FILE] [--json] [SIGNATURE|PATH...]

Where each argument and the return value of a function live (rustc 1.95's pass modes, then registers,
stack slots or the hidden return pointer, with pt_regs / tracefs / bpftrace names).
  SIGNATURE   \`fn name(x: u8, z: Option<usize>) -> Option<usize>\`, \`extern "C" fn f(…)\`, or \`fn(A, B) -> R\`
  PATH        a function in the --defs files: \`name\` or \`Type::method\`
  --target T  x86_64 [default], aarch64, riscv64, wasm32, x86_64-kernel, aarch64-kernel, riscv64-kernel, or a triple
  --sigs-file FILE  one signature or path per line
  --json      one JSON array, one object per signature, in order`;

export async function runAbi(argv: readonly string[], io: CliIo): Promise<number> {
  return runBatch<FnAbiResult>({
    usage: ABI_USAGE, fileOption: 'sigs-file', itemKey: 'signature', itemLabel: 'signature',
    compute: (s, t) => fnAbiOf(s, t.text, t.name, t.firstLine),
    json: (s, t, r) => fnAbiJson(t.text, r.abi, s.target),
    text: (s, t, r) => dumpFnAbi(t.text, r.sig, r.abi, s.cx),
  }, argv, io);
}
