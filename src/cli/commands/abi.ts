/** `rustabi abi [--target T] [--defs FILE]… [--sigs-file FILE] [--json] [SIGNATURE|PATH…]` */
import { parseArgs } from 'node:util';
import type { Source } from '../../model/diagnostics.js';
import { renderDiagnostic } from '../../diagnostics/render.js';
import { createLayoutSession, fnAbiOf, fnAbiJson, dumpFnAbi } from '../../index.js';
import type { CliIo } from '../io.js';
import { EXIT } from '../io.js';
import { readDefs, readTypesFile, summarizeNotes, usageError } from './common.js';

export const ABI_USAGE = `usage: rustabi abi [--target T] [--defs FILE.rs]... [--sigs-file FILE] [--json] [SIGNATURE|PATH...]

Where each argument and the return value of a function live (rustc 1.95's pass modes, then registers,
stack slots or the hidden return pointer, with pt_regs / tracefs / bpftrace names).
  SIGNATURE   \`fn name(x: u8, z: Option<usize>) -> Option<usize>\`, \`extern "C" fn f(…)\`, or \`fn(A, B) -> R\`
  PATH        a function in the --defs files: \`name\` or \`Type::method\`
  --target T  x86_64 [default], aarch64, riscv64, wasm32, x86_64-kernel, aarch64-kernel, riscv64-kernel, or a triple
  --sigs-file FILE  one signature or path per line
  --json      one JSON array, one object per signature, in order`;

export async function runAbi(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv], allowPositionals: true, strict: true,
      options: {
        target: { type: 'string' }, defs: { type: 'string', multiple: true },
        'sigs-file': { type: 'string', multiple: true }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return usageError(io, (e as Error).message, ABI_USAGE);
  }
  const { values, positionals } = parsed;
  if (values.help === true) { io.stdout(ABI_USAGE + '\n'); return EXIT.ok; }
  const defs = await readDefs(values.defs ?? [], io);
  if (defs === null) return EXIT.usage;
  const sigs: Source[] = positionals.map((t, i) => ({ name: `<signature ${i + 1}>`, text: t }));
  for (const f of values['sigs-file'] ?? []) {
    const lines = await readTypesFile(f, io);
    if (lines === null) return EXIT.usage;
    sigs.push(...lines);
  }
  if (sigs.length === 0) return usageError(io, 'no signature given', ABI_USAGE);
  const session = createLayoutSession({ defs, ...(values.target === undefined ? {} : { target: values.target }) });
  if (!session.ok) {
    if (values.json === true) {
      const e = session.errors[0];
      io.stdout(JSON.stringify(sigs.map((t) => ({ signature: t.text, error: { code: e?.code ?? 'internal', message: e?.message ?? '' } })), null, 2) + '\n');
    }
    io.stderr(session.errors.map(renderDiagnostic).join('\n\n') + '\n');
    return session.errors.some((e) => e.code === 'input/unsupported' && e.span === undefined) ? EXIT.usage : EXIT.diagnostics;
  }
  const s = session.value;
  const note = summarizeNotes(s.notes);
  if (note !== '') io.stderr(note);
  let failed = false;
  const json: unknown[] = [];
  const text: string[] = [];
  const errors: string[] = [];
  for (const sig of sigs) {
    const r = fnAbiOf(s, sig.text, sig.name, sig.firstLine);
    if (!r.ok) {
      failed = true;
      const e = r.errors[0];
      if (values.json === true) json.push({ signature: sig.text, error: { code: e?.code ?? 'internal', message: e?.message ?? '' } });
      errors.push(r.errors.map(renderDiagnostic).join('\n\n'));
      continue;
    }
    if (values.json === true) json.push(fnAbiJson(sig.text, r.value.abi, s.target));
    else text.push(dumpFnAbi(sig.text, r.value.sig, r.value.abi, s.cx));
  }
  if (values.json === true) io.stdout(JSON.stringify(json, null, 2) + '\n');
  else if (text.length > 0) io.stdout(text.join('\n\n') + '\n');
  if (errors.length > 0) io.stderr(errors.join('\n\n') + '\n');
  return failed ? EXIT.diagnostics : EXIT.ok;
}
