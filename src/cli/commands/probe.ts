/**
 * `rustabi probe [--target T] [--defs FILE]… [--emit kmod|tracefs|bpftrace] [--symbol S] [--out DIR]
 * [--maxactive N] SIGNATURE|PATH…`: generated probes that print a Rust function's calls as Rust values.
 * Without --out the main file (module C source, kprobe_events, or bpftrace script) goes to stdout;
 * with --out DIR every file is written there, plan.json included. Diagnostics → nothing written, exit 1.
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { buildProbes, parseBlacklist, parseKallsyms, renderDiagnostic, summarizeProbeWarnings } from '../../index.js';
import type { Diagnostic, ProbeEmit, ProbeOptions, ProbeSpec } from '../../index.js';
import type { CliIo } from '../io.js';
import { EXIT } from '../io.js';
import { readDefs, usageError } from './common.js';

export const PROBE_USAGE = `usage: rustabi probe [--target T] [--defs FILE.rs]... [--emit kmod|tracefs|bpftrace] [--symbol S]
                     [--kallsyms FILE] [--blacklist FILE] [--out DIR] SIGNATURE|PATH...

Generates probes that print each call of a Rust kernel function as Rust values:
  rustabi: detect_func(x=1, y=2, z=Some(3)) = Some(6) [812 ns]
  SIGNATURE        \`fn detect_func(x: usize, y: usize, z: Option<usize>) -> Option<usize>\` (the name is the
                   symbol), or a function path in the --defs files (\`Type::method\`: give --symbol)
  --emit kmod      a kernel module (C + Kbuild) with one kretprobe per function [default]
  --emit tracefs   kprobe_events lines (p:/r: events); decode trace_pipe with \`rustabi decode-trace\`
  --emit bpftrace  a bpftrace script; decode its output with \`rustabi decode-trace\`
  --symbol S       the kernel symbol (one signature only)
  --kallsyms FILE  /proc/kallsyms or System.map: Rust paths (kernel::x::f, Type::method) resolve to their
                   mangled symbols; names are checked to exist (the closest are suggested)
  --blacklist FILE /sys/kernel/debug/kprobes/blacklist: refuse functions the kernel will not probe
  --out DIR        write the files (NAME.c, Kbuild, Makefile | kprobe_events | rustabi.bt) and plan.json
  --target T       x86_64-kernel [default], aarch64-kernel, riscv64-kernel
Build a module: make -C /lib/modules/$(uname -r)/build M=DIR modules; load it with insmod (parameters
maxactive=N, enabled=0|1 at /sys/module/NAME/parameters/enabled).
Exit: 0 written, 1 diagnostics, 2 usage.`;

async function readText(path: string, io: CliIo): Promise<string | null> {
  try {
    return await io.readFile(path);
  } catch (e) {
    io.stderr(`error: cannot read \`${path}\` (${(e as NodeJS.ErrnoException).code ?? 'error'})\n`);
    return null;
  }
}

export async function runProbe(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv], allowPositionals: true, strict: true,
      options: {
        target: { type: 'string' }, defs: { type: 'string', multiple: true }, emit: { type: 'string' }, symbol: { type: 'string' },
        out: { type: 'string' }, kallsyms: { type: 'string' }, blacklist: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return usageError(io, (e as Error).message, PROBE_USAGE);
  }
  const v = parsed.values;
  if (v.help === true) { io.stdout(PROBE_USAGE + '\n'); return EXIT.ok; }
  const emit = (v.emit ?? 'kmod') as ProbeEmit;
  if (!['kmod', 'tracefs', 'bpftrace'].includes(emit)) return usageError(io, `--emit must be kmod, tracefs or bpftrace, not \`${v.emit ?? ''}\``, PROBE_USAGE);
  if (parsed.positionals.length === 0) return usageError(io, 'give at least one signature or function path', PROBE_USAGE);
  if (v.symbol !== undefined && parsed.positionals.length !== 1) return usageError(io, '--symbol names one function: give one signature with it', PROBE_USAGE);
  const defs = await readDefs(v.defs ?? [], io);
  if (defs === null) return EXIT.usage;
  const specs: ProbeSpec[] = parsed.positionals.map((signature) => (v.symbol === undefined ? { signature } : { signature, symbol: v.symbol }));
  const opts: ProbeOptions = { ...(v.target === undefined ? {} : { target: v.target }), defs };
  if (v.kallsyms !== undefined) {
    const text = await readText(v.kallsyms, io);
    if (text === null) return EXIT.usage;
    const table = parseKallsyms(text);
    if (table.entries.length === 0) return usageError(io, `\`${v.kallsyms}\` has no \`ADDRESS TYPE NAME\` lines: give /proc/kallsyms or a System.map`, PROBE_USAGE);
    Object.assign(opts, { kallsyms: table });
  }
  if (v.blacklist !== undefined) {
    const text = await readText(v.blacklist, io);
    if (text === null) return EXIT.usage;
    Object.assign(opts, { blacklist: parseBlacklist(text) });
  }
  const r = buildProbes(specs, emit, opts);
  if (!r.ok) {
    io.stderr(r.errors.map((d: Diagnostic) => renderDiagnostic(d)).join('\n\n') + '\n');
    return EXIT.diagnostics;
  }
  const notes = summarizeProbeWarnings(r.warnings);
  if (notes !== '') io.stderr(notes);
  if (v.out === undefined) {
    io.stdout(r.value.files[r.value.main] ?? '');
    return EXIT.ok;
  }
  if (io.writeFile === undefined) return usageError(io, '--out is not available here', PROBE_USAGE);
  for (const [name, text] of Object.entries(r.value.files)) await io.writeFile(join(v.out, name), text);
  const what = r.value.moduleName !== undefined ? `module ${r.value.moduleName} (make -C <kernel headers> M=${v.out} modules)` : r.value.main;
  io.stderr(`wrote ${Object.keys(r.value.files).length} files to ${v.out}: ${what}, plan.json\n`);
  return EXIT.ok;
}
