/**
 * `rustabi decode-trace --plan plan.json [FILE]`: reads trace_pipe text (tracefs events) or the bpftrace
 * script's output, from FILE or stdin, and prints one decoded call per completed call, as lines arrive:
 *   rustabi: detect_func(x=1, y=2, z=Some(3)) = Some(6) [812 ns]
 * Lines of other events pass silently; a line of a planned probe that does not fit the plan is a
 * diagnostic on stderr (the stream goes on) and the exit code is 1 at the end.
 */
import { parseArgs } from 'node:util';
import { ByteOut, loadPlan, renderDiagnostic } from '../../index.js';
import type { Diagnostic, TraceResult } from '../../index.js';
import type { CliIo } from '../io.js';
import { EXIT } from '../io.js';
import { usageError } from './common.js';

export const DECODE_TRACE_USAGE = `usage: rustabi decode-trace --plan plan.json [--max-errors N] [FILE]

Decodes the output of probes made by \`rustabi probe --emit tracefs|bpftrace\`: trace_pipe lines
(cat /sys/kernel/tracing/trace_pipe | rustabi decode-trace --plan plan.json) or the bpftrace script's
lines, from FILE or stdin, streaming. Prints one line per call:
  rustabi: detect_func(x=1, y=2, z=Some(3)) = Some(6) [812 ns]
  --max-errors N   stop after N lines that do not fit the plan (default 100)
Exit: 0 ok, 1 some lines did not fit the plan (reported on stderr), 2 usage.`;


function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

export async function runDecodeTrace(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv], allowPositionals: true, strict: true,
      options: { plan: { type: 'string' }, 'max-errors': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    return usageError(io, (e as Error).message, DECODE_TRACE_USAGE);
  }
  const v = parsed.values;
  if (v.help === true) { io.stdout(DECODE_TRACE_USAGE + '\n'); return EXIT.ok; }
  if (v.plan === undefined) return usageError(io, 'give the plan with --plan plan.json (written by `rustabi probe --out DIR`)', DECODE_TRACE_USAGE);
  if (parsed.positionals.length > 1) return usageError(io, 'give at most one trace file (or none, for stdin)', DECODE_TRACE_USAGE);
  const maxErrors = v['max-errors'] === undefined ? 100 : Number(v['max-errors']);
  if (!Number.isInteger(maxErrors) || maxErrors < 1) return usageError(io, '--max-errors must be a positive integer', DECODE_TRACE_USAGE);
  if (io.lines === undefined && io.bytes === undefined) return usageError(io, 'reading a stream is not available here', DECODE_TRACE_USAGE);
  let planText: string;
  try {
    planText = await io.readFile(v.plan);
  } catch (e) {
    io.stderr(`error: cannot read \`${v.plan}\` (${(e as NodeJS.ErrnoException).code ?? 'error'})\n`);
    return EXIT.usage;
  }
  const loaded = loadPlan({ name: v.plan, text: planText });
  if (!loaded.ok) {
    io.stderr(loaded.errors.map((d) => renderDiagnostic(d)).join('\n\n') + '\n');
    return EXIT.diagnostics;
  }
  const dec = loaded.value.decoder;
  const input = parsed.positionals[0] ?? null;
  let errors = 0;
  let buf = '';
  let stop = false;
  const onDiagnostic = (d: Diagnostic): void => {
    if (stop) return;
    errors++;
    io.stderr(renderDiagnostic({ ...d, message: `${input ?? '<stdin>'}: ${d.message}` }) + '\n');
    if (errors >= maxErrors) {
      io.stderr(`error: stopped after ${errors} lines that do not fit the plan\n`);
      stop = true;
    }
  };
  const onResult = (r: TraceResult): void => {
    if (r.text !== null) buf += r.text + '\n';
    if (r.diagnostic !== undefined) onDiagnostic(r.diagnostic);
  };
  // Output as bytes when the host takes them: the decoder writes each call as UTF-8, no string per call.
  const out = new ByteOut(1 << 18);
  const writeOut = (): void => {
    if (out.pos === 0) return;
    if (io.stdoutBytes === undefined) io.stdout(out.textFrom(0));
    else if (!io.stdoutBytes(out.buf.subarray(0, out.pos))) out.buf = new Uint8Array(out.buf.length); // the stream keeps those bytes
    out.pos = 0;
  };
  // After each read, what it completed is printed: output keeps pace with trace_pipe.
  const flush = async (): Promise<void> => {
    writeOut();
    if (buf !== '') { io.stdout(buf); buf = ''; }
    if (io.drain !== undefined) await io.drain();
  };
  try {
    if (io.bytes !== undefined) {
      // Bytes: lines are parsed in place, without a string per line.
      let carry: Uint8Array = new Uint8Array(0);
      for await (const chunk of io.bytes(input)) {
        // Plain Uint8Array views keep the byte parser's element loads monomorphic.
        let data = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        if (carry.length > 0) {
          // Only the line cut by the previous read is copied, not the whole chunk.
          const nl = data.indexOf(10);
          if (nl < 0) { carry = concat(carry, data); continue; }
          const first = concat(carry, data.subarray(0, nl + 1));
          dec.chunkTo(first, 0, first.length, out, onDiagnostic);
          data = data.subarray(nl + 1);
        }
        const used = dec.chunkTo(data, 0, data.length, out, onDiagnostic);
        carry = data.slice(used);
        await flush();
        if (stop) break;
      }
      if (!stop) dec.finishTo(carry, 0, carry.length, out, onDiagnostic);
    } else if (io.lines !== undefined) {
      for await (const batch of io.lines(input)) {
        for (const line of batch) {
          onResult(dec.line(line));
          if (stop) break;
        }
        await flush();
        if (stop) break;
      }
    }
  } catch (e) {
    writeOut();
    if (buf !== '') io.stdout(buf);
    io.stderr(`error: cannot read \`${input ?? '<stdin>'}\` (${(e as NodeJS.ErrnoException).code ?? 'error'})\n`);
    return EXIT.usage;
  }
  writeOut();
  if (buf !== '') io.stdout(buf);
  return errors > 0 ? EXIT.diagnostics : EXIT.ok;
}
