/**
 * `decode-trace`: trace text in → one decoded call per line out, streaming.
 *
 * Two line formats are understood:
 *  - tracefs `trace_pipe`: `TASK-PID [CPU] FLAGS TS: EVENT: (SITE) e0=0x1 e1=0x2` for the entry event and
 *    `…: EVENT__ret: (SITE <- SYM) r0=0x6` for the return event; entry and return are paired per PID
 *    (a stack, so recursion pairs correctly), the time between them is the call's duration;
 *  - the bpftrace script's `rustabi ID PID NS e0=HEX … r0=HEX …`, one line per call.
 * Lines for events the plan does not name are passed over (trace_pipe carries other events too);
 * a line that names a probe of the plan but does not fit it is a `probe/bad-trace` diagnostic.
 *
 * The fetched words become registers (entry and return) and memory (each `mem` fetch at the address
 * its base fetched), and the value codec decodes them exactly as `rustabi decode` does.
 */
import type { FnAbi } from '../model/abi.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { LayoutCx } from '../layout/index.js';
import { decodeCall } from '../value/call.js';
import { debugValue } from '../value/debug.js';
import { SparseMemory } from '../value/snapshot.js';
import type { Fetch, ProbeFn, ProbePlan } from './plan.js';

export interface CompiledProbe {
  readonly fn: ProbeFn;
  readonly abi: FnAbi;
}

export interface TraceResult {
  /** The decoded call (`rustabi: f(x=1) = Some(2) [812 ns]`), or null when the line completes no call. */
  readonly text: string | null;
  readonly diagnostic?: Diagnostic;
}

const TRACEFS_RE = /^\s*(.*?)-(\d+)\s+(?:\(\s*[-\d]+\)\s+)?\[(\d+)\]\s+(?:\S+\s+)?(\d+)\.(\d+):\s+([A-Za-z_][A-Za-z0-9_]*):\s+\([^)]*\)(.*)$/;
const BPF_RE = /^rustabi\s+([A-Za-z_][A-Za-z0-9_]*)\s+(\d+)\s+(\d+)((?:\s+\S+)*)\s*$/;
const FIELD_RE = /^([a-z]\d+)=(0x[0-9a-fA-F]+|[0-9a-fA-F]+|-?\d+)$/;

interface Pending {
  readonly values: Map<string, bigint>;
  readonly ns: bigint;
}

const NO_RESULT: TraceResult = { text: null };

function bad(lineNo: number, message: string): TraceResult {
  return { text: null, diagnostic: { code: 'probe/bad-trace', severity: 'error', message: `line ${lineNo}: ${message}` } };
}

function le(v: bigint, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = BigInt.asUintN(size * 8, v);
  for (let i = 0; i < size; i++) { out[i] = Number(x & 0xffn); x >>= 8n; }
  return out;
}

export class TraceDecoder {
  private readonly byId = new Map<string, CompiledProbe & { entry: readonly Fetch[]; ret: readonly Fetch[]; byFetch: Map<string, Fetch> }>();
  private readonly pending = new Map<string, Pending[]>();
  private lineNo = 0;

  constructor(private readonly plan: ProbePlan, probes: readonly CompiledProbe[], private readonly cx: LayoutCx) {
    for (const p of probes) {
      this.byId.set(p.fn.id, {
        ...p, entry: p.fn.fetches.filter((f) => f.phase === 'entry'), ret: p.fn.fetches.filter((f) => f.phase === 'return'),
        byFetch: new Map(p.fn.fetches.map((f) => [f.id, f])),
      });
    }
  }

  /** Calls whose entry was seen but not yet their return. */
  get openCalls(): number {
    let n = 0;
    for (const s of this.pending.values()) n += s.length;
    return n;
  }

  line(text: string): TraceResult {
    this.lineNo++;
    const line = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (line.startsWith('rustabi ')) return this.bpftraceLine(line);
    const m = TRACEFS_RE.exec(line);
    if (m === null) return NO_RESULT;
    let event = m[6] as string;
    const isRet = event.endsWith('__ret');
    if (isRet) event = event.slice(0, -5);
    const p = this.byId.get(event);
    if (p === undefined) return NO_RESULT;
    const ns = BigInt(m[4] as string) * 1_000_000_000n + BigInt((m[5] as string).padEnd(9, '0').slice(0, 9));
    const values = this.fields(m[7] as string, isRet ? p.ret : p.entry, event);
    if (typeof values === 'string') return bad(this.lineNo, values);
    const key = `${m[2]}|${event}`;
    if (!isRet) {
      let stack = this.pending.get(key);
      if (stack === undefined) { stack = []; this.pending.set(key, stack); }
      stack.push({ values, ns });
      return NO_RESULT;
    }
    const open = this.pending.get(key)?.pop();
    if (open === undefined) return { text: this.format(p, null, values, null) };
    for (const [k, v] of open.values) values.set(k, v);
    return { text: this.format(p, open.values, values, ns - open.ns) };
  }

  private bpftraceLine(line: string): TraceResult {
    const m = BPF_RE.exec(line);
    if (m === null) return bad(this.lineNo, 'a `rustabi` line that is not `rustabi ID PID NS FETCH=HEX…`');
    const p = this.byId.get(m[1] as string);
    if (p === undefined) return bad(this.lineNo, `probe \`${m[1]}\` is not in the plan`);
    const values = this.fields(m[4] as string, p.fn.fetches, m[1] as string, true);
    if (typeof values === 'string') return bad(this.lineNo, values);
    return { text: this.format(p, values, values, BigInt(m[3] as string)) };
  }

  /** `e0=0x1 e1=0x2` → fetch values; every fetch of `want` must be there, nothing else. */
  private fields(text: string, want: readonly Fetch[], event: string, bareHex = false): Map<string, bigint> | string {
    const out = new Map<string, bigint>();
    for (const tok of text.trim().split(/\s+/)) {
      if (tok === '') continue;
      const m = FIELD_RE.exec(tok);
      if (m === null) return `\`${tok}\` is not a fetch \`NAME=VALUE\` of ${event}`;
      const raw = m[2] as string;
      let v: bigint;
      if (raw.startsWith('0x')) v = BigInt(raw);
      else if (bareHex) { if (!/^[0-9a-fA-F]+$/.test(raw)) return `\`${tok}\`: expected hex digits`; v = BigInt(`0x${raw}`); }
      else v = BigInt(raw);
      out.set(m[1] as string, v);
    }
    for (const f of want) if (!out.has(f.id)) return `${event} has no \`${f.id}\` (expected ${want.map((w) => w.id).join(', ') || 'no fetches'})`;
    if (out.size !== want.length) {
      const extra = [...out.keys()].find((k) => !want.some((w) => w.id === k));
      return `${event} has an unknown fetch \`${extra ?? '?'}\``;
    }
    return out;
  }

  private format(p: CompiledProbe & { byFetch: Map<string, Fetch> }, entry: Map<string, bigint> | null, all: Map<string, bigint>, ns: bigint | null): string {
    const entryRegs = new Map<string, bigint>();
    const regs = new Map<string, bigint>();
    const chunks: { address: bigint; bytes: Uint8Array }[] = [];
    for (const [id, v] of all) {
      const f = p.byFetch.get(id);
      if (f === undefined) continue;
      if (f.src.kind === 'reg') (f.phase === 'entry' ? entryRegs : regs).set(f.src.reg, v);
      else {
        const base = all.get(f.src.base);
        if (base !== undefined) chunks.push({ address: BigInt.asUintN(64, base + BigInt(f.src.offset)), bytes: le(v, f.size) });
      }
    }
    const memory = mergeChunks(chunks);
    const call = decodeCall(p.abi, this.cx, entry === null ? { regs, memory } : { regs, entryRegs, memory });
    const args: string[] = [];
    p.fn.args.forEach((a, i) => {
      if (!a.captured) return;
      const v = call.args?.[i]?.value;
      args.push(`${a.name}=${v === undefined ? '?' : v.ok ? debugValue(v.value) : `<error: ${v.errors[0]?.message ?? ''}>`}`);
    });
    const r = call.ret;
    const ret = !p.fn.ret.captured ? '<not captured>' : r === null ? '?' : r.ok ? debugValue(r.value) : `<error: ${r.errors[0]?.message ?? ''}>`;
    const argText = entry === null ? '…' : args.join(', ');
    return `rustabi: ${p.fn.path}(${argText}) = ${ret}${ns === null ? '' : ` [${ns} ns]`}`;
  }

  get target(): string {
    return this.plan.target;
  }
}

/** Fetched words as memory: adjacent and overlapping words join into one segment, so multi-word values read whole. */
function mergeChunks(chunks: { address: bigint; bytes: Uint8Array }[]): SparseMemory {
  const mem = new SparseMemory();
  chunks.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  let start = 0n;
  let buf: number[] = [];
  const flush = (): void => { if (buf.length > 0) mem.add(start, Uint8Array.from(buf)); };
  for (const c of chunks) {
    const end = start + BigInt(buf.length);
    if (buf.length > 0 && c.address <= end) {
      const at = Number(c.address - start);
      for (let i = 0; i < c.bytes.length; i++) buf[at + i] = c.bytes[i] as number;
    } else {
      flush();
      start = c.address;
      buf = [...c.bytes];
    }
  }
  flush();
  return mem;
}
