/**
 * `rustabi decode [--target T] [--defs FILE]… --sig SIG --regs LIST [--entry-regs LIST] [--mem ADDR:HEX]…
 * [--snapshot FILE.json] [--json]`: the Rust values of a call from its registers. The return value
 * stands alone on the last line, exactly as `{:?}` prints it; arguments (`name = value`) and notes come
 * above it. Any diagnostic → nothing on stdout, the diagnostics on stderr, exit 1. A value with an
 * invalid bit pattern prints (`<invalid: …>`) and exits 3.
 */
import { parseArgs } from 'node:util';
import type { Diagnostic, Outcome, RustValue, Source, TargetId } from '../../index.js';
import {
  createLayoutSession, debugValue, decodeCall, fnAbiOf, parseMemorySpec, parseRegisterList, registersFromObject,
  renderDiagnostic, SparseMemory, hexBytes, parseHex, valueHasInvalid,
} from '../../index.js';
import type { RegisterValues } from '../../index.js';
import type { CliIo } from '../io.js';
import { EXIT } from '../io.js';
import { readDefs, summarizeNotes, usageError } from './common.js';

export const DECODE_USAGE = `usage: rustabi decode [--target T] [--defs FILE.rs]... --sig SIG [--regs LIST] [--entry-regs LIST]
                      [--mem ADDR:HEX]... [--snapshot FILE.json] [--json]

The Rust values of one call, decoded from registers as rustc 1.95 passes them. The return value is the
last line of the output, exactly as Rust's {:?} prints it; with --entry-regs the arguments come above it.
  --sig SIG          \`fn f(x: usize) -> Option<usize>\`, or a function path in the --defs files
  --regs LIST        registers at return: \`rax=0x1,rdx=0x2a\` (ISA names rax/x0/a0 or pt_regs names
                     ax/regs[0]; hex with or without 0x)
  --entry-regs LIST  registers at entry (arguments; the hidden return pointer x8/a0; sp for stack slots)
  --mem ADDR:HEX     memory bytes in memory order at ADDR (repeatable): pointees, sret buffers, stack
  --snapshot FILE    { "target", "regs": {name: hex}, "entryRegs"?: {...}, "memory"?: [{"addr": hex, "hex": bytes}] }
  --target T         x86_64 [default], aarch64, riscv64, wasm32, *-kernel, or a triple
  --json             one JSON object: { target, signature, args, return } with {:?} text per value
Exit: 0 decoded, 1 diagnostics, 2 usage, 3 decoded but a value has an invalid bit pattern.`;

const EXIT_INVALID = 3;

interface SnapshotFile {
  target?: string;
  regs?: RegisterValues;
  entryRegs?: RegisterValues;
  memory: { address: bigint; bytes: Uint8Array }[];
}

function jsonPosition(message: string, text: string): number {
  const m = /position (\d+)/.exec(message);
  if (m !== null) return Number(m[1]);
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc === null) return text.length;
  const lines = text.split('\n');
  let off = 0;
  for (let i = 0; i < Number(lc[1]) - 1 && i < lines.length; i++) off += (lines[i] as string).length + 1;
  return off + Number(lc[2]) - 1;
}

function bad(message: string, source?: Source, at?: number): Outcome<never> {
  const d: Diagnostic = source === undefined || at === undefined
    ? { code: 'value/bad-snapshot', severity: 'error', message }
    : { code: 'value/bad-snapshot', severity: 'error', message, span: { source, start: at, end: Math.min(at + 1, source.text.length) } };
  return { ok: false, errors: [d] };
}

function parseSnapshot(source: Source, fallbackTarget: string | undefined): Outcome<SnapshotFile> {
  let raw: unknown;
  try {
    raw = JSON.parse(source.text);
  } catch (e) {
    const msg = (e as Error).message;
    return bad(`not valid JSON: ${msg.replace(/ in JSON at position \d+.*$/s, '')}`, source, jsonPosition(msg, source.text));
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return bad('a snapshot is a JSON object: { "target", "regs", "entryRegs"?, "memory"? }');
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!['target', 'regs', 'entryRegs', 'memory'].includes(k)) return bad(`unknown key \`${k}\` (expected target, regs, entryRegs, memory)`);
  if (o.target !== undefined && typeof o.target !== 'string') return bad('`target` must be a string');
  const target = (o.target as string | undefined) ?? fallbackTarget ?? 'x86_64';
  const session = createLayoutSession({ target });
  if (!session.ok) return session;
  const arch = session.value.target.arch;
  const out: SnapshotFile = { memory: [] };
  if (o.target !== undefined) out.target = o.target as string;
  for (const key of ['regs', 'entryRegs'] as const) {
    if (o[key] === undefined) continue;
    const r = registersFromObject(o[key], arch, `${source.name}: ${key}`);
    if (!r.ok) return r;
    out[key] = r.value;
  }
  if (o.memory !== undefined) {
    if (!Array.isArray(o.memory)) return bad('`memory` must be an array of { "addr": hex, "hex": bytes }');
    for (const [i, m] of o.memory.entries()) {
      const e = m as Record<string, unknown> | null;
      const addr = typeof e?.addr === 'string' ? parseHex(e.addr) : null;
      const bytes = typeof e?.hex === 'string' ? hexBytes(e.hex) : null;
      if (addr === null || bytes === null) return bad(`memory[${i}]: expected { "addr": "0x…", "hex": "2a00…" } (hex strings; an even number of digits)`);
      out.memory.push({ address: addr, bytes });
    }
  }
  return { ok: true, value: out, warnings: [] };
}

function hasInvalid(v: Outcome<RustValue> | null): boolean {
  return v !== null && v.ok && valueHasInvalid(v.value);
}

export async function runDecode(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv], allowPositionals: false, strict: true,
      options: {
        target: { type: 'string' }, defs: { type: 'string', multiple: true }, sig: { type: 'string' },
        regs: { type: 'string' }, 'entry-regs': { type: 'string' }, mem: { type: 'string', multiple: true },
        snapshot: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return usageError(io, (e as Error).message, DECODE_USAGE);
  }
  const v = parsed.values;
  if (v.help === true) { io.stdout(DECODE_USAGE + '\n'); return EXIT.ok; }
  if (v.sig === undefined) return usageError(io, 'give the function with --sig', DECODE_USAGE);
  if (v.regs === undefined && v['entry-regs'] === undefined && v.snapshot === undefined) {
    return usageError(io, 'give the registers: --regs (at return), --entry-regs (at entry) or --snapshot FILE', DECODE_USAGE);
  }
  const fail = (errors: readonly Diagnostic[]): number => {
    io.stderr(errors.map(renderDiagnostic).join('\n\n') + '\n');
    return EXIT.diagnostics;
  };

  let snap: SnapshotFile = { memory: [] };
  if (v.snapshot !== undefined) {
    let text: string;
    try {
      text = await io.readFile(v.snapshot);
    } catch (e) {
      io.stderr(`error: cannot read \`${v.snapshot}\` (${(e as NodeJS.ErrnoException).code ?? 'error'})\n`);
      return EXIT.usage;
    }
    const s = parseSnapshot({ name: v.snapshot, text }, v.target);
    if (!s.ok) return fail(s.errors);
    snap = s.value;
    if (v.target !== undefined && snap.target !== undefined) {
      const a = createLayoutSession({ target: v.target });
      const b = createLayoutSession({ target: snap.target });
      if (a.ok && b.ok && a.value.target.id !== b.value.target.id) {
        return usageError(io, `--target ${v.target} differs from the snapshot's target \`${snap.target}\``, DECODE_USAGE);
      }
    }
  }
  const defs = await readDefs(v.defs ?? [], io);
  if (defs === null) return EXIT.usage;
  const target: string | undefined = v.target ?? snap.target;
  const session = createLayoutSession({ defs, ...(target === undefined ? {} : { target }) });
  if (!session.ok) return fail(session.errors);
  const s = session.value;
  const arch = s.target.arch;
  const errors: Diagnostic[] = [];
  let regs = snap.regs;
  let entryRegs = snap.entryRegs;
  if (v.regs !== undefined) {
    const r = parseRegisterList(v.regs, arch, { name: '--regs', text: v.regs });
    if (r.ok) regs = new Map([...(regs ?? []), ...r.value]); else errors.push(...r.errors);
  }
  if (v['entry-regs'] !== undefined) {
    const text = v['entry-regs'];
    const r = parseRegisterList(text, arch, { name: '--entry-regs', text });
    if (r.ok) entryRegs = new Map([...(entryRegs ?? []), ...r.value]); else errors.push(...r.errors);
  }
  const memory = new SparseMemory();
  for (const m of snap.memory) memory.add(m.address, m.bytes);
  for (const [i, text] of (v.mem ?? []).entries()) {
    const m = parseMemorySpec(text, { name: `--mem ${i + 1}`, text });
    if (m.ok) memory.add(m.value.address, m.value.bytes); else errors.push(...m.errors);
  }
  const abi = fnAbiOf(s, v.sig, '--sig');
  if (!abi.ok) errors.push(...abi.errors);
  if (errors.length > 0 || !abi.ok) return fail(errors);

  const call = decodeCall(abi.value.abi, s.cx, {
    ...(regs === undefined ? {} : { regs }), ...(entryRegs === undefined ? {} : { entryRegs }), memory,
  });
  const decodeErrors = [...(call.args ?? []).flatMap((a) => (a.value.ok ? [] : a.value.errors.map((d) => ({ ...d, message: `argument \`${a.name}\`: ${d.message}` })))),
    ...(call.ret !== null && !call.ret.ok ? call.ret.errors.map((d) => ({ ...d, message: `return value: ${d.message}` })) : [])];
  if (decodeErrors.length > 0) return fail(decodeErrors);
  const note = summarizeNotes(s.notes);
  if (note !== '') io.stderr(note);

  const show = (o: Outcome<RustValue>): string => (o.ok ? debugValue(o.value) : '');
  const invalid = (call.args ?? []).some((a) => hasInvalid(a.value)) || hasInvalid(call.ret);
  if (v.json === true) {
    const tid: TargetId = s.target.id;
    io.stdout(JSON.stringify({
      target: tid, signature: v.sig,
      args: call.args?.map((a) => ({ name: a.name, type: a.type, value: show(a.value), invalid: hasInvalid(a.value) })) ?? null,
      return: call.ret === null ? null : { type: abi.value.abi.ret.type, value: show(call.ret), invalid: hasInvalid(call.ret) },
    }, null, 2) + '\n');
  } else {
    const lines = (call.args ?? []).map((a) => `${a.name} = ${show(a.value)}`);
    if (call.ret !== null) lines.push(show(call.ret));
    io.stdout(lines.join('\n') + '\n');
  }
  return invalid ? EXIT_INVALID : EXIT.ok;
}
