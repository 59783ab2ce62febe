/**
 * `rustabi verify [--target T] [--defs FILE]… [--cases N] [--seed N] [--json] SIGNATURE|PATH`: compiles
 * echo fixtures for the signature with the installed rustc, runs random calls in Unicorn with every
 * argument placed where rustabi's register map says, and reports per parameter (and for the return
 * value) how many calls read back the value sent. Exit 0 when all agree, 1 otherwise.
 */
import { parseArgs } from 'node:util';
import { renderDiagnostic } from '../../index.js';
import { verifySignature } from '../../emu/index.js';
import type { VerifyReport } from '../../emu/index.js';
import type { CliIo } from '../io.js';
import { EXIT } from '../io.js';
import { readDefs, usageError } from './common.js';

export const VERIFY_USAGE = `usage: rustabi verify [--target T] [--defs FILE.rs]... [--cases N] [--seed N] [--json] SIGNATURE|PATH

Checks rustabi's register map of a function against machine code compiled by the installed rustc:
random arguments are placed where the map says (every other register holds garbage) in echo functions
of the same signature run in the Unicorn emulator, and the values that come back are compared.
  --cases N   random calls per parameter (default 100)
  --seed N    the random seed (default 1)
  --target T  x86_64 [default], aarch64, riscv64, x86_64-kernel, aarch64-kernel, riscv64-kernel, or a triple
Needs rustc 1.95 (with rust-lld) and Debian's libunicorn2.`;

function line(r: VerifyReport): string {
  const head = `${r.name}: ${r.type} — ${r.where}`;
  if (r.skipped !== null) return `${head}: not checked (${r.skipped})`;
  const verdict = r.agreed === r.calls ? 'ok' : 'MISMATCH';
  const extra = r.mismatch === null ? '' : `; first: sent ${r.mismatch.sent}, read ${r.mismatch.got}`;
  return `${head}: ${r.agreed}/${r.calls} calls read back ${verdict}${extra}`;
}

export async function runVerify(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv], allowPositionals: true, strict: true,
      options: {
        target: { type: 'string' }, defs: { type: 'string', multiple: true }, cases: { type: 'string' }, seed: { type: 'string' },
        json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return usageError(io, (e as Error).message, VERIFY_USAGE);
  }
  const v = parsed.values;
  if (v.help === true) { io.stdout(VERIFY_USAGE + '\n'); return EXIT.ok; }
  if (parsed.positionals.length !== 1) return usageError(io, 'give one signature or function path', VERIFY_USAGE);
  const cases = v.cases === undefined ? 100 : Number(v.cases);
  const seed = v.seed === undefined ? 1 : Number(v.seed);
  if (!Number.isSafeInteger(cases) || cases < 1) return usageError(io, '--cases takes a positive integer', VERIFY_USAGE);
  if (!Number.isSafeInteger(seed)) return usageError(io, '--seed takes an integer', VERIFY_USAGE);
  const defs = await readDefs(v.defs ?? [], io);
  if (defs === null) return EXIT.usage;
  let r;
  try {
    r = await verifySignature({ signature: parsed.positionals[0] as string, defs, cases, seed, ...(v.target === undefined ? {} : { target: v.target }) });
  } catch (e) {
    io.stderr(`error: ${(e as Error).message}\n`);
    return EXIT.diagnostics;
  }
  if (!r.ok) {
    io.stderr(r.errors.map(renderDiagnostic).join('\n\n') + '\n');
    return EXIT.diagnostics;
  }
  const all = [...r.value.params, r.value.ret];
  const ok = all.every((x) => x.skipped !== null || x.agreed === x.calls);
  if (v.json === true) io.stdout(JSON.stringify(r.value, null, 2) + '\n');
  else io.stdout(`${r.value.signature}  (${r.value.target})\n${all.map((x) => `  ${line(x)}`).join('\n')}\n${ok ? 'rustabi\'s map agrees with the compiled code' : 'rustabi\'s map DISAGREES with the compiled code'}\n`);
  return ok ? EXIT.ok : EXIT.diagnostics;
}
