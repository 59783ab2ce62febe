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

const BPF_RE = /^rustabi\s+([A-Za-z_][A-Za-z0-9_]*)\s+(\d+)\s+(\d+)((?:\s+\S+)*)\s*$/;
const FETCH_NAME_RE = /^[a-z]\d{1,4}$/;
const HEX_RE = /^[0-9a-fA-F]{1,32}$/;
const DEC_RE = /^-?\d{1,40}$/;

interface Pending {
  readonly values: Map<string, bigint>;
  readonly ns: number;
}

/**
 * The parts of a trace_pipe line `TASK-PID [CPU] FLAGS SECS.USECS: EVENT: (SITE) FIELDS` that pairing
 * needs, found by position rather than one large regex (task names may hold spaces, `:` or `[`; the
 * event is the word before the first `: (`). Null for lines of another shape (headers, other tracers).
 */
export function parseTracefsHead(line: string): { pid: string; ns: number; event: string; fieldsAt: number } | null {
  const paren = line.indexOf(': (');
  if (paren < 0) return null;
  const evStart = line.lastIndexOf(' ', paren) + 1;
  const event = line.slice(evStart, paren);
  if (!EVENT_RE.test(event) || line.charCodeAt(evStart - 2) !== 58 /* : */) return null;
  const tsEnd = evStart - 2;
  const tsStart = line.lastIndexOf(' ', tsEnd - 1) + 1;
  const dot = line.indexOf('.', tsStart);
  if (dot < 0 || dot > tsEnd) return null;
  const secs = Number(line.slice(tsStart, dot));
  const frac = line.slice(dot + 1, tsEnd);
  if (!Number.isInteger(secs) || !/^\d{1,9}$/.test(frac)) return null;
  const ns = secs * 1e9 + Number(frac) * 10 ** (9 - frac.length);
  const cpu = line.lastIndexOf('[', tsStart);
  if (cpu < 0) return null;
  let task = line.slice(0, cpu).trimEnd();
  if (task.endsWith(')')) task = task.slice(0, task.lastIndexOf('(')).trimEnd(); // `(TGID)` with options/record-tgid
  const dash = task.lastIndexOf('-');
  const pid = task.slice(dash + 1);
  if (dash < 0 || !/^\d+$/.test(pid)) return null;
  const close = line.indexOf(')', paren + 3);
  return { pid, ns, event, fieldsAt: close < 0 ? line.length : close + 1 };
}

const EVENT_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

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
    const head = parseTracefsHead(line);
    if (head === null) return NO_RESULT;
    let event = head.event;
    const isRet = event.endsWith('__ret');
    if (isRet) event = event.slice(0, -5);
    const p = this.byId.get(event);
    if (p === undefined) return NO_RESULT;
    const values = this.fields(line.slice(head.fieldsAt), isRet ? p.ret : p.entry, event);
    if (typeof values === 'string') return bad(this.lineNo, values);
    const key = `${head.pid}|${event}`;
    if (!isRet) {
      let stack = this.pending.get(key);
      if (stack === undefined) { stack = []; this.pending.set(key, stack); }
      stack.push({ values, ns: head.ns });
      return NO_RESULT;
    }
    const open = this.pending.get(key)?.pop();
    if (open === undefined) return { text: this.format(p, null, values, null) };
    for (const [k, v] of open.values) values.set(k, v);
    return { text: this.format(p, open.values, values, head.ns - open.ns) };
  }

  private bpftraceLine(line: string): TraceResult {
    const m = BPF_RE.exec(line);
    if (m === null) return bad(this.lineNo, 'a `rustabi` line that is not `rustabi ID PID NS FETCH=HEX…`');
    const p = this.byId.get(m[1] as string);
    if (p === undefined) return bad(this.lineNo, `probe \`${m[1]}\` is not in the plan`);
    const values = this.fields(m[4] as string, p.fn.fetches, m[1] as string, true);
    if (typeof values === 'string') return bad(this.lineNo, values);
    return { text: this.format(p, values, values, Number(m[3] as string)) };
  }

  /** `e0=0x1 e1=0x2` → fetch values; every fetch of `want` must be there, nothing else. */
  private fields(text: string, want: readonly Fetch[], event: string, bareHex = false): Map<string, bigint> | string {
    const out = new Map<string, bigint>();
    let i = 0;
    const n = text.length;
    while (i < n) {
      while (i < n && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
      if (i >= n) break;
      let j = text.indexOf(' ', i);
      if (j < 0) j = n;
      const tok = text.slice(i, j);
      i = j;
      const eq = tok.indexOf('=');
      const name = eq < 0 ? '' : tok.slice(0, eq);
      const raw = tok.slice(eq + 1);
      if (!FETCH_NAME_RE.test(name) || raw === '') return `\`${tok}\` is not a fetch \`NAME=VALUE\` of ${event}`;
      let v: bigint;
      if (raw.startsWith('0x') ? HEX_RE.test(raw.slice(2)) : bareHex ? HEX_RE.test(raw) : DEC_RE.test(raw)) {
        v = BigInt(raw.startsWith('0x') || !bareHex ? raw : `0x${raw}`);
      } else {
        return `\`${tok}\`: the value is not a ${bareHex ? 'hex' : 'hex or decimal'} number`;
      }
      out.set(name, v);
    }
    for (const f of want) if (!out.has(f.id)) return `${event} has no \`${f.id}\` (expected ${want.map((w) => w.id).join(', ') || 'no fetches'})`;
    if (out.size !== want.length) {
      const extra = [...out.keys()].find((k) => !want.some((w) => w.id === k));
      return `${event} has an unknown fetch \`${extra ?? '?'}\``;
    }
    return out;
  }

  private format(p: CompiledProbe & { byFetch: Map<string, Fetch> }, entry: Map<string, bigint> | null, all: Map<string, bigint>, ns: number | null): string {
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
