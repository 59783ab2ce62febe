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
import type { ArgAbi, Loc } from '../model/abi.js';
import { ByteOut, utf8 } from '../value/byte-out.js';
import { compileDebugTo } from '../value/compiled-debug.js';
import type { DebugTo } from '../value/compiled-debug.js';

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


/**
 * The parts of a trace_pipe line `TASK-PID [CPU] FLAGS SECS.USECS: EVENT: (SITE) FIELDS` that pairing
 * needs, found by position rather than one large regex (task names may hold spaces, `:` or `[`; the
 * event is the word before the first `: (`). Null for lines of another shape (headers, other tracers).
 */
export function parseTracefsHead(line: string): { pid: number; ns: number; event: string; fieldsAt: number } | null {
  const paren = line.indexOf(': (');
  if (paren < 0) return null;
  const evStart = line.lastIndexOf(' ', paren) + 1;
  if (evStart < 3 || line.charCodeAt(evStart - 2) !== 58 /* : */) return null;
  const event = line.slice(evStart, paren);
  if (!EVENT_RE.test(event)) return null;
  // SECS.FRAC right before `: EVENT`.
  const tsEnd = evStart - 2;
  let i = tsEnd - 1;
  let frac = 0;
  let scale = 1;
  let fracDigits = 0;
  while (i >= 0 && isDigit(line.charCodeAt(i))) { frac += (line.charCodeAt(i) - 48) * scale; scale *= 10; fracDigits++; i--; }
  if (fracDigits === 0 || fracDigits > 9 || line.charCodeAt(i) !== 46 /* . */) return null;
  i--;
  let secs = 0;
  scale = 1;
  let secDigits = 0;
  while (i >= 0 && isDigit(line.charCodeAt(i))) { secs += (line.charCodeAt(i) - 48) * scale; scale *= 10; secDigits++; i--; }
  if (secDigits === 0 || secDigits > 12 || line.charCodeAt(i) !== 32) return null;
  const ns = secs * 1e9 + frac * 10 ** (9 - fracDigits);
  // `TASK-PID [CPU]` (or `TASK-PID (TGID) [CPU]`) before the flags and the time.
  const cpu = line.lastIndexOf('[', i);
  if (cpu < 0) return null;
  let j = cpu - 1;
  while (j >= 0 && line.charCodeAt(j) === 32) j--;
  if (line.charCodeAt(j) === 41 /* ) */) {
    j = line.lastIndexOf('(', j) - 1;
    while (j >= 0 && line.charCodeAt(j) === 32) j--;
  }
  let pid = 0;
  scale = 1;
  let pidDigits = 0;
  while (j >= 0 && isDigit(line.charCodeAt(j))) { pid += (line.charCodeAt(j) - 48) * scale; scale *= 10; pidDigits++; j--; }
  if (pidDigits === 0 || pidDigits > 10 || line.charCodeAt(j) !== 45 /* - */) return null;
  const close = line.indexOf(')', paren + 3);
  return { pid, ns, event, fieldsAt: close < 0 ? line.length : close + 1 };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const EVENT_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

const NO_RESULT: TraceResult = { text: null };
/** The bytes path's mark for "the decoded call was written to the output". */
const WROTE: TraceResult = { text: null };

function bad(lineNo: number, message: string): TraceResult {
  return { text: null, diagnostic: { code: 'probe/bad-trace', severity: 'error', message: `line ${lineNo}: ${message}` } };
}

function le(v: bigint, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = BigInt.asUintN(size * 8, v);
  for (let i = 0; i < size; i++) { out[i] = Number(x & 0xffn); x >>= 8n; }
  return out;
}

function hexDigit(c: number): number {
  return c <= 57 ? c - 48 : (c | 0x20) - 87;
}

/** Hex digit values by byte, -1 for a byte that is not one. */
const HEX = new Int8Array(256).fill(-1);
for (let c = 0; c < 256; c++) { const d = hexDigit(c); if (d >= 0 && d <= 15) HEX[c] = d; }

/** A value rebuilt from register fetches and printed by a compiled printer. */
interface FastValue {
  /** `x=` or `, y=` as bytes (empty for the return value). */
  readonly label: Uint8Array;
  readonly size: number;
  /** Per piece: the fetch index (in the all-fetches order) whose register holds it. */
  readonly pieces: readonly { readonly fetch: number; readonly offset: number; readonly size: number }[];
  readonly print: DebugTo;
  /**
   * Where the value starts in a call's slot bytes when its pieces lie there in order, covering it
   * whole (a register pair, words read behind one pointer): printed in place, without a copy. -1 if not.
   */
  readonly direct: number;
}

interface Probe extends CompiledProbe {
  readonly index: ReadonlyMap<string, number>;
  readonly entryIdx: readonly number[];
  readonly retIdx: readonly number[];
  /** Non-null when every printed value can take the fast path. */
  readonly fast: { readonly args: readonly FastValue[]; readonly ret: FastValue | null } | null;
  /** Calls entered and not yet returned, per PID (a stack: recursion pairs innermost first). */
  readonly open: Map<number, Slots[]>;
  /** Slots of finished calls, reused (a trace is millions of calls of a few functions). */
  readonly pool: Slots[];
  /** `rustabi: PATH(` as bytes. */
  readonly head: Uint8Array;
  /** Fetch index by the number of an `eN`/`rN` name (the bytes path's name lookup), -1 for none. */
  readonly names: { readonly e: Int32Array; readonly r: Int32Array };
  /** The id as bytes (the bytes path compares event names with it). */
  readonly idBytes: Uint8Array;
}

/** The fetch reading `loc` at `phase` (a register, or a stack slot: memory behind sp at entry). */
function fetchOfLoc(fn: ProbeFn, phase: 'entry' | 'return', loc: Loc): Fetch | undefined {
  if ('reg' in loc) return fn.fetches.find((x) => x.phase === phase && x.src.kind === 'reg' && x.src.reg === loc.reg);
  if (!('stack' in loc)) return undefined;
  const sp = fn.fetches.find((x) => x.phase === 'entry' && x.src.kind === 'reg' && (x.src.reg === 'rsp' || x.src.reg === 'sp'));
  return sp === undefined ? undefined : fn.fetches.find((x) => x.src.kind === 'mem' && x.src.base === sp.id && x.src.offset === loc.stack);
}

/** The fetches that read `size` bytes behind fetch `base` at `phase`, as pieces covering [0, size) exactly. */
function memoryPieces(fn: ProbeFn, phase: 'entry' | 'return', base: string, size: number, index: ReadonlyMap<string, number>): { fetch: number; offset: number; size: number }[] | null {
  const cs = fn.fetches.filter((x) => x.phase === phase && x.src.kind === 'mem' && x.src.base === base).map((x) => ({ fetch: index.get(x.id) as number, offset: (x.src as { offset: number }).offset, size: x.size }));
  cs.sort((a, b) => a.offset - b.offset);
  let at = 0;
  const out: { fetch: number; offset: number; size: number }[] = [];
  for (const c of cs) {
    if (c.offset >= size) continue;
    if (c.offset !== at) return null;
    out.push(c);
    at += c.size;
  }
  return at === size ? out : null;
}

/** A value rebuilt from fetched words (registers, stack slots, memory behind a pointer) of a type with a compiled printer. */
function fastValue(labelText: string, a: ArgAbi, phase: 'entry' | 'return', fn: ProbeFn, index: ReadonlyMap<string, number>, cx: LayoutCx, sretBase: Fetch | null): FastValue | null {
  const print = compileDebugTo(a.ty, cx);
  const label = utf8(labelText);
  if (print === null) return null;
  const size = Math.max(a.layout.size, 1);
  if (sretBase !== null) {
    const pieces = memoryPieces(fn, phase, sretBase.id, a.layout.size, index);
    return pieces === null ? null : { label, size, pieces, print, direct: directAt(pieces, a.layout.size) };
  }
  if (a.mode.kind === 'indirect' && !a.mode.onStack) {
    const ptr = a.pieces[0];
    const base = ptr === undefined ? undefined : fetchOfLoc(fn, phase, ptr.loc);
    if (base === undefined) return null;
    const pieces = memoryPieces(fn, phase, base.id, a.layout.size, index);
    return pieces === null ? null : { label, size, pieces, print, direct: directAt(pieces, a.layout.size) };
  }
  const pieces: { fetch: number; offset: number; size: number }[] = [];
  for (const pc of a.pieces) {
    const f = fetchOfLoc(fn, phase, pc.loc);
    if (f === undefined) return null;
    pieces.push({ fetch: index.get(f.id) as number, offset: pc.offset, size: pc.size });
  }
  return { label, size, pieces, print, direct: directAt(pieces, a.layout.size) };
}

/**
 * The offset in the slot bytes (8 per fetch, in fetch order) where a value of `size` bytes lies whole
 * when its pieces sit there in order with no gap, or -1.
 */
function directAt(pieces: readonly { readonly fetch: number; readonly offset: number; readonly size: number }[], size: number): number {
  const first = pieces[0];
  if (first === undefined || size === 0) return -1;
  const base = 8 * first.fetch - first.offset;
  let at = 0;
  for (const pc of pieces) {
    if (pc.offset !== at || 8 * pc.fetch - pc.offset !== base) return -1;
    at += pc.size;
  }
  return at === size && base >= 0 ? base : -1;
}

function prepareProbe(p: CompiledProbe, cx: LayoutCx): Probe {
  const index = new Map(p.fn.fetches.map((f, i) => [f.id, i] as const));
  const entryIdx = p.fn.fetches.flatMap((f, i) => (f.phase === 'entry' ? [i] : []));
  const retIdx = p.fn.fetches.flatMap((f, i) => (f.phase === 'return' ? [i] : []));
  let fast: Probe['fast'] = null;
  const args: FastValue[] = [];
  let ok = true;
  p.fn.args.forEach((a, i) => {
    if (!a.captured || !ok) return;
    const v = fastValue(`${args.length === 0 ? '' : ', '}${a.name}=`, p.abi.args[i] as ArgAbi, 'entry', p.fn, index, cx, null);
    if (v === null) ok = false; else args.push(v);
  });
  let ret: FastValue | null = null;
  if (ok && p.fn.ret.captured) {
    let base: Fetch | null = null;
    if (p.abi.sret !== null) {
      const at = p.abi.sret.atReturn;
      base = (p.fn.stash ? fetchOfLoc(p.fn, 'entry', p.abi.sret.atEntry) : at === null ? undefined : fetchOfLoc(p.fn, 'return', at)) ?? null;
    }
    ret = p.abi.sret !== null && base === null ? null : fastValue('', p.abi.ret, 'return', p.fn, index, cx, base);
    if (ret === null) ok = false;
  }
  if (ok) fast = { args, ret };
  const e = new Int32Array(1024).fill(-1);
  const r = new Int32Array(1024).fill(-1);
  p.fn.fetches.forEach((f, k) => {
    const n = Number(f.id.slice(1));
    if (n < 1024) (f.id[0] === 'e' ? e : r)[n] = k;
  });
  return { ...p, index, entryIdx, retIdx, fast, open: new Map(), pool: [], head: utf8(`rustabi: ${p.fn.path}(`), names: { e, r }, idBytes: utf8(p.fn.id) };
}

/**
 * Fetched values of one call: 8 bytes per fetch (little endian, in the plan's fetch order) and which
 * fetches were seen. An entry line fills the entry slots, its return line the return slots.
 */
interface Slots {
  readonly bytes: Uint8Array;
  readonly have: Uint8Array;
  /** The entry line's time, while the call is open. */
  ns: number;
}

function newSlots(n: number): Slots {
  return { bytes: new Uint8Array(8 * n), have: new Uint8Array(n), ns: 0 };
}

function acquire(p: Probe): Slots {
  const s = p.pool.pop();
  if (s === undefined) return newSlots(p.fn.fetches.length);
  const have = s.have;
  for (let i = 0; i < have.length; i++) have[i] = 0;
  return s;
}

/** Hex digits `hex` (no `0x`, at most 16) into slot `k`; false when they are not hex. */
function slotFromHex(s: Slots, k: number, hex: string): boolean {
  if (hex.length === 0 || hex.length > 16) return false;
  const o = 8 * k;
  s.bytes.fill(0, o, o + 8);
  let j = hex.length;
  for (let i = 0; i < 8 && j > 0; i++) {
    const lo = hexDigit(hex.charCodeAt(j - 1));
    const hi = j >= 2 ? hexDigit(hex.charCodeAt(j - 2)) : 0;
    if (lo < 0 || lo > 15 || hi < 0 || hi > 15) return false;
    s.bytes[o + i] = (hi << 4) | lo;
    j -= 2;
  }
  s.have[k] = 1;
  return true;
}

function slotValue(s: Slots, k: number): bigint {
  let v = 0n;
  for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(s.bytes[8 * k + i] as number);
  return v;
}

function sameBytes(x: Uint8Array, buf: Uint8Array, a: number, b: number): boolean {
  if (x.length !== b - a) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== buf[a + i]) return false;
  return true;
}

/** Lines are short: near the end of a read, the last lines' newlines are looked for first (below). */
const NEAR_END = 4096;

/**
 * Where `scan` may read up to from `pos`: `end` while far from it, else just past the next newline, or
 * -1 when the rest is an incomplete line. So a line cut by the end of a read is found here, in one
 * place, rather than at whichever step of `scan` the cut falls: V8 drops a function's optimised code
 * the first time a path it never ran is taken, and each recompilation of `scan` costs ~40 ms of slow lines.
 */
function completeLines(buf: Uint8Array, pos: number, end: number): number {
  if (end - pos >= NEAR_END) return end;
  const nl = buf.indexOf(C_NL, pos);
  return nl < 0 || nl >= end ? -1 : nl + 1;
}

/** `buf[start..end)` and a newline: a stream's last line, made complete. */
function withNewline(buf: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(end - start + 1);
  out.set(buf.subarray(start, end));
  out[end - start] = C_NL;
  return out;
}

function fnv(b: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ (b[i] as number), 0x01000193);
  return h >>> 0;
}

const POW10: readonly number[] = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
const NS_OPEN = utf8(' [');
const NS_CLOSE = utf8(' ns]');
const ELLIPSIS = utf8('…');
const RET_SEP = utf8(') = ');
const NOT_CAPTURED = utf8('<not captured>');
const C_SPACE = 32;
const C_NL = 10;
const C_CR = 13;

export class TraceDecoder {
  private readonly byId = new Map<string, Probe>();
  private lineNo = 0;
  private readonly scratch = new Uint8Array(4096);
  /** Where the line-at-a-time API formats a call before it becomes a string. */
  private readonly lineOut = new ByteOut(1024);
  /** The result of the line `scan` last decoded. */
  private result: TraceResult = NO_RESULT;
  /** The probe of the last event line (an entry line is mostly followed by its return's). */
  private lastProbe: Probe | null = null;
  /** Probes by the N of an id `pN_…`. */
  private readonly byNumber: (Probe | undefined)[] = [];
  private readonly utf8 = new TextDecoder('utf-8');
  /** Probes by FNV-1a hash of their id's bytes (the bytes path looks events up without making a string). */
  private readonly byHash = new Map<number, Probe[]>();

  constructor(private readonly plan: ProbePlan, probes: readonly CompiledProbe[], private readonly cx: LayoutCx) {
    for (const cp of probes) {
      const p = prepareProbe(cp, cx);
      this.byId.set(p.fn.id, p);
      const num = /^p(\d{1,7})_/.exec(p.fn.id);
      if (num !== null) this.byNumber[Number(num[1])] ??= p;
      const h = fnv(p.idBytes, 0, p.idBytes.length);
      const list = this.byHash.get(h) ?? [];
      list.push(p);
      this.byHash.set(h, list);
    }
  }

  /** Calls whose entry was seen but not yet their return. */
  get openCalls(): number {
    let n = 0;
    for (const p of this.byId.values()) for (const s of p.open.values()) n += s.length;
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
    const fresh = acquire(p);
    const err = this.fields(line, head.fieldsAt, p, isRet ? p.retIdx : p.entryIdx, fresh, event, false);
    if (err !== null) { p.pool.push(fresh); return bad(this.lineNo, err); }
    const out = this.lineOut;
    out.pos = 0;
    return this.complete(p, isRet, head.pid, head.ns, fresh, out) === WROTE ? { text: out.textFrom(0) } : NO_RESULT;
  }

  /** Pairs an entry or return line's slots with its call; a return that completes one writes it to `out` (WROTE). */
  private complete(p: Probe, isRet: boolean, pid: number, ns: number, fresh: Slots, out: ByteOut): TraceResult {
    if (!isRet) {
      let stack = p.open.get(pid);
      if (stack === undefined) { stack = []; p.open.set(pid, stack); }
      fresh.ns = ns;
      stack.push(fresh);
      return NO_RESULT;
    }
    const open = p.open.get(pid)?.pop();
    if (open === undefined) {
      this.formatTo(p, false, fresh, null, out);
      p.pool.push(fresh);
      return WROTE;
    }
    const to = open.bytes;
    const from = fresh.bytes;
    for (const k of p.retIdx) {
      for (let i = 8 * k; i < 8 * k + 8; i++) to[i] = from[i] as number;
      open.have[k] = 1;
    }
    this.formatTo(p, true, open, ns - open.ns, out);
    p.pool.push(fresh, open);
    return WROTE;
  }

  /**
   * Every complete line of `buf[start..end)`, decoded; returns the offset after the last complete line
   * (the caller keeps the rest for the next read) and calls `emit` for each result. Lines are parsed as
   * bytes; a line the byte parser does not take on (another shape, a decimal value, anything odd) goes
   * through `line()`, so both give the same answers.
   */
  chunk(buf: Uint8Array, start: number, end: number, emit: (r: TraceResult) => void): number {
    let pos = start;
    const out = this.lineOut;
    while (pos < end) {
      out.pos = 0;
      const lim = completeLines(buf, pos, end);
      if (lim < 0) break;
      const next = this.scan(buf, pos, lim, out);
      if (next < 0) break;
      const r = this.result;
      if (r === WROTE) emit({ text: out.textFrom(0) });
      else if (r !== NO_RESULT) emit(r);
      pos = next;
    }
    return pos;
  }

  /** The last line of a stream without its newline. */
  finish(buf: Uint8Array, start: number, end: number, emit: (r: TraceResult) => void): void {
    if (end > start) this.chunk(withNewline(buf, start, end), 0, end - start + 1, emit);
  }

  /**
   * `chunk` writing the decoded calls, one per line, as UTF-8 to `out` (no string per call: the
   * command-line tool's path); diagnostics go to `diag`. Returns the offset after the last complete line.
   */
  chunkTo(buf: Uint8Array, start: number, end: number, out: ByteOut, diag: (d: Diagnostic) => void): number {
    let pos = start;
    while (pos < end) {
      const lim = completeLines(buf, pos, end);
      if (lim < 0) break;
      const next = this.scan(buf, pos, lim, out);
      if (next < 0) break;
      const r = this.result;
      if (r === WROTE) out.byte(C_NL);
      else if (r !== NO_RESULT) {
        if (r.text !== null) { out.text(r.text); out.byte(C_NL); }
        if (r.diagnostic !== undefined) diag(r.diagnostic);
      }
      pos = next;
    }
    return pos;
  }

  /** `finish` for `chunkTo`. */
  finishTo(buf: Uint8Array, start: number, end: number, out: ByteOut, diag: (d: Diagnostic) => void): void {
    if (end > start) this.chunkTo(withNewline(buf, start, end), 0, end - start + 1, out, diag);
  }

  /**
   * A line the byte parser leaves (another event, another shape): the newline from `from` on, then
   * `line()` (or a skip) on the line's text. -1, with nothing done, when the line has no newline before `end`.
   */
  private fallback(buf: Uint8Array, a: number, from: number, end: number, slow: boolean): number {
    const nl = buf.indexOf(C_NL, from);
    if (nl < 0 || nl >= end) return -1;
    const b = nl > a && buf[nl - 1] === C_CR ? nl - 1 : nl;
    this.result = slow ? this.slow(buf, a, b) : this.skipped();
    return nl + 1;
  }

  private giveUp(p: Probe, fresh: Slots, buf: Uint8Array, a: number, from: number, end: number): number {
    p.pool.push(fresh);
    return this.fallback(buf, a, from, end, true);
  }

  private slow(buf: Uint8Array, a: number, b: number): TraceResult {
    return this.line(this.utf8.decode(buf.subarray(a, b)));
  }

  /**
   * Decodes the line at `buf[a..]` in one pass (its fields are read up to the newline, so the newline
   * is not searched for first): the offset after the newline, or -1 when none comes before `end` (an
   * incomplete line: nothing is done). `this.result` is then the line's result, WROTE when the decoded
   * call went to `out`.
   */
  private scan(buf: Uint8Array, a: number, end: number, out: ByteOut): number {
    // `: (` ends the event name.
    let paren = -1;
    let i = a;
    for (; i < end; i++) {
      const c = buf[i] as number;
      if (c === C_NL) break;
      if (c === 40 && i - 2 >= a && buf[i - 1] === C_SPACE && buf[i - 2] === 58) { paren = i - 2; break; }
    }
    if (paren < 0) return this.fallback(buf, a, i, end, buf[a] === 114 /* r */);
    let ev = paren - 1;
    while (ev >= a && buf[ev] !== C_SPACE) ev--;
    ev++;
    if (ev - a < 3 || buf[ev - 2] !== 58) return this.fallback(buf, a, paren, end, true);
    let evEnd = paren;
    const isRet = evEnd - ev > 5 && buf[evEnd - 5] === 95 && buf[evEnd - 4] === 95 && buf[evEnd - 3] === 114 && buf[evEnd - 2] === 101 && buf[evEnd - 1] === 116;
    if (isRet) evEnd -= 5;
    const p = this.probeAt(buf, ev, evEnd);
    if (p === undefined) return this.fallback(buf, a, paren, end, false); // another event (trace_pipe carries them all)
    // SECS.FRAC: before `: EVENT`.
    i = ev - 3;
    let frac = 0;
    let scale = 1;
    let digits = 0;
    while (i >= a && buf[i] as number >= 48 && buf[i] as number <= 57) { frac += ((buf[i] as number) - 48) * scale; scale *= 10; digits++; i--; }
    // Reads stay within the line (`i < a` is checked first): an out-of-bounds read of a typed array makes
    // V8 drop the optimised code, and each recompilation of this function costs ~40 ms of slow lines.
    if (digits === 0 || digits > 9 || i < a || buf[i] !== 46) return this.fallback(buf, a, paren, end, true);
    const fracDigits = digits;
    i--;
    let secs = 0;
    scale = 1;
    digits = 0;
    while (i >= a && buf[i] as number >= 48 && buf[i] as number <= 57) { secs += ((buf[i] as number) - 48) * scale; scale *= 10; digits++; i--; }
    if (digits === 0 || digits > 12 || i < a || buf[i] !== C_SPACE) return this.fallback(buf, a, paren, end, true);
    const ns = secs * 1e9 + frac * (POW10[9 - fracDigits] as number);
    // PID: the digits after the last `-` before ` [CPU]` (a `(TGID)` column takes the slow path).
    let j = i;
    while (j >= a && buf[j] !== 91 /* [ */) j--;
    j--;
    while (j >= a && buf[j] === C_SPACE) j--;
    let pid = 0;
    scale = 1;
    digits = 0;
    while (j >= a && buf[j] as number >= 48 && buf[j] as number <= 57) { pid += ((buf[j] as number) - 48) * scale; scale *= 10; digits++; j--; }
    if (digits === 0 || digits > 10 || j < a || buf[j] !== 45) return this.fallback(buf, a, paren, end, true);
    // Fields after the closing `)` of the site.
    let k = paren + 3;
    while (k < end && buf[k] !== 41 && buf[k] !== C_NL) k++;
    if (k >= end) return -1;
    if (buf[k] === C_NL) return this.fallback(buf, a, k, end, true);
    const fresh = acquire(p);
    const want = isRet ? p.retIdx : p.entryIdx;
    const names = p.names;
    let got = 0;
    let nl = -1;
    k++;
    for (;;) {
      while (k < end && buf[k] === C_SPACE) k++;
      if (k >= end) { p.pool.push(fresh); return -1; }
      // The end of the line: `\n` or `\r\n`.
      const letter = buf[k] as number;
      if (letter === C_NL) { nl = k; break; }
      if (letter === C_CR && k + 1 < end && buf[k + 1] === C_NL) { nl = k + 1; break; }
      // NAME=0xHEX
      if (letter !== 101 && letter !== 114) return this.giveUp(p, fresh, buf, a, k, end);
      let num = 0;
      let m = k + 1;
      while (m < end && buf[m] as number >= 48 && buf[m] as number <= 57) { num = num * 10 + ((buf[m] as number) - 48); m++; }
      if (m === k + 1 || m - k > 5 || (m - k > 2 && buf[k + 1] === 48) || m + 3 > end || buf[m] !== 61 || buf[m + 1] !== 48 || buf[m + 2] !== 120) return this.giveUp(p, fresh, buf, a, k, end);
      const idx = (letter === 101 ? names.e : names.r)[num] ?? -1;
      if (idx < 0 || (letter === 101) === isRet || fresh.have[idx] === 1) return this.giveUp(p, fresh, buf, a, k, end);
      // The hex digits, up to a space or the line's end, as two 32-bit halves.
      let h = m + 3;
      let hi32 = 0;
      let lo32 = 0;
      for (; h < end; h++) {
        const d = HEX[buf[h] as number] as number;
        if (d < 0) break;
        hi32 = ((hi32 << 4) | (lo32 >>> 28)) >>> 0;
        lo32 = ((lo32 << 4) | d) >>> 0;
      }
      if (h >= end) return this.giveUp(p, fresh, buf, a, k, end);
      const stop = buf[h];
      if (h === m + 3 || h - (m + 3) > 16 || (stop !== C_SPACE && stop !== C_NL && stop !== C_CR)) return this.giveUp(p, fresh, buf, a, k, end);
      const o = 8 * idx;
      const slot = fresh.bytes;
      slot[o] = lo32 & 255; slot[o + 1] = (lo32 >>> 8) & 255; slot[o + 2] = (lo32 >>> 16) & 255; slot[o + 3] = lo32 >>> 24;
      slot[o + 4] = hi32 & 255; slot[o + 5] = (hi32 >>> 8) & 255; slot[o + 6] = (hi32 >>> 16) & 255; slot[o + 7] = hi32 >>> 24;
      fresh.have[idx] = 1;
      got++;
      k = h;
    }
    if (got !== want.length) return this.giveUp(p, fresh, buf, a, k, end);
    this.lineNo++;
    this.result = this.complete(p, isRet, pid, ns, fresh, out);
    return nl + 1;
  }

  private probeAt(buf: Uint8Array, a: number, b: number): Probe | undefined {
    const last = this.lastProbe;
    if (last !== null && sameBytes(last.idBytes, buf, a, b)) return last;
    // Ids the planner makes are `p<N>_<name>`: the number is tried first, then the hash of the bytes.
    let n = 0;
    let i = a + 1;
    if (buf[a] === 112 /* p */) while (i < b && buf[i] as number >= 48 && buf[i] as number <= 57 && i - a < 8) { n = n * 10 + ((buf[i] as number) - 48); i++; }
    const byNumber = i > a + 1 && i < b && buf[i] === 95 /* _ */ && n < this.byNumber.length ? this.byNumber[n] : undefined;
    if (byNumber !== undefined && sameBytes(byNumber.idBytes, buf, a, b)) {
      this.lastProbe = byNumber;
      return byNumber;
    }
    const p = this.probeByHash(buf, a, b);
    if (p !== undefined) this.lastProbe = p;
    return p;
  }

  private probeByHash(buf: Uint8Array, a: number, b: number): Probe | undefined {
    const list = this.byHash.get(fnv(buf, a, b));
    if (list === undefined) return undefined;
    for (const p of list) {
      const id = p.fn.id;
      if (id.length !== b - a) continue;
      let same = true;
      for (let i = 0; i < id.length; i++) if (id.charCodeAt(i) !== buf[a + i]) { same = false; break; }
      if (same) return p;
    }
    return undefined;
  }

  private skipped(): TraceResult {
    this.lineNo++;
    return NO_RESULT;
  }

  private bpftraceLine(line: string): TraceResult {
    const m = BPF_RE.exec(line);
    if (m === null) return bad(this.lineNo, 'a `rustabi` line that is not `rustabi ID PID NS FETCH=HEX…`');
    const p = this.byId.get(m[1] as string);
    if (p === undefined) return bad(this.lineNo, `probe \`${m[1]}\` is not in the plan`);
    const slots = newSlots(p.fn.fetches.length);
    const at = line.length - (m[4] as string).length;
    const err = this.fields(line, at, p, null, slots, m[1] as string, true);
    if (err !== null) return bad(this.lineNo, err);
    return { text: this.format(p, true, slots, Number(m[3] as string)) };
  }

  /**
   * `e0=0x1 e1=0x2` from `line[at..]` → the slots. Every fetch of `want` (all fetches when null) must
   * be there, nothing else; an error message otherwise.
   */
  private fields(line: string, at: number, p: Probe, want: readonly number[] | null, slots: Slots, event: string, bareHex: boolean): string | null {
    let i = at;
    const n = line.length;
    let seen = 0;
    while (i < n) {
      let c = line.charCodeAt(i);
      while (i < n && (c === 32 || c === 9)) c = line.charCodeAt(++i);
      if (i >= n) break;
      let j = line.indexOf(' ', i);
      if (j < 0) j = n;
      const eq = line.indexOf('=', i);
      const tok = (): string => line.slice(i, j);
      if (eq < 0 || eq >= j) return `\`${tok()}\` is not a fetch \`NAME=VALUE\` of ${event}`;
      const name = line.slice(i, eq);
      const k = p.index.get(name);
      if (k === undefined) return FETCH_NAME_RE.test(name) ? `${event} has an unknown fetch \`${name}\`` : `\`${tok()}\` is not a fetch \`NAME=VALUE\` of ${event}`;
      const f = p.fn.fetches[k] as Fetch;
      if (want !== null && (f.phase === 'entry') !== (want === p.entryIdx)) return `${event} has an unknown fetch \`${name}\``;
      let raw = line.slice(eq + 1, j);
      if (raw.startsWith('0x')) raw = raw.slice(2);
      else if (!bareHex) {
        if (!DEC_RE.test(raw)) return `\`${tok()}\`: the value is not a hex or decimal number`;
        raw = BigInt.asUintN(64, BigInt(raw)).toString(16);
      }
      const digits = raw.replace(/^0+(?=.)/, '');
      if (!HEX_RE.test(raw) || digits.length > 16 || !slotFromHex(slots, k, digits)) return `\`${tok()}\`: the value is not a 64-bit ${bareHex ? 'hex' : 'hex or decimal'} number`;
      seen++;
      i = j;
    }
    const need = want ?? p.fn.fetches.map((_, x) => x);
    for (const k of need) if (slots.have[k] !== 1) return `${event} has no \`${p.fn.fetches[k]?.id ?? '?'}\` (expected ${need.map((x) => p.fn.fetches[x]?.id).join(', ') || 'no fetches'})`;
    return seen > need.length ? `${event} names a fetch twice` : null;
  }

  private format(p: Probe, haveEntry: boolean, slots: Slots, ns: number | null): string {
    const out = this.lineOut;
    out.pos = 0;
    this.formatTo(p, haveEntry, slots, ns, out);
    return out.textFrom(0);
  }

  /** `rustabi: PATH(ARGS) = RET [N ns]` to `out`: through compiled printers, or the general path. */
  private formatTo(p: Probe, haveEntry: boolean, slots: Slots, ns: number | null, out: ByteOut): void {
    const start = out.pos;
    if (p.fast === null || !this.formatFast(p, p.fast, haveEntry, slots, out)) {
      out.pos = start;
      out.text(`rustabi: ${p.fn.path}(${this.formatGeneral(p, haveEntry, slots)}`);
    }
    if (ns !== null) {
      out.bytes(NS_OPEN);
      out.decimal(ns);
      out.bytes(NS_CLOSE);
    }
  }

  /**
   * `rustabi: PATH(ARGS) = RET` with compiled printers; false when a value has an invalid bit pattern (the
   * general path names it), and what was written is then dropped.
   */
  private formatFast(p: Probe, fast: NonNullable<Probe['fast']>, haveEntry: boolean, slots: Slots, out: ByteOut): boolean {
    const b = this.scratch;
    out.bytes(p.head);
    if (haveEntry) {
      for (const v of fast.args) {
        out.bytes(v.label);
        if (!this.printFast(v, slots, b, out)) return false;
      }
    } else {
      out.bytes(ELLIPSIS);
    }
    out.bytes(RET_SEP);
    if (fast.ret !== null) return this.printFast(fast.ret, slots, b, out);
    if (p.fn.ret.captured) return false;
    out.bytes(NOT_CAPTURED);
    return true;
  }

  private printFast(v: FastValue, slots: Slots, b: Uint8Array, out: ByteOut): boolean {
    if (v.direct >= 0) return v.print(slots.bytes, v.direct, out);
    if (v.size > b.length) return false;
    b.fill(0, 0, v.size);
    const src = slots.bytes;
    for (const pc of v.pieces) {
      const o = 8 * pc.fetch;
      for (let i = 0; i < pc.size; i++) b[pc.offset + i] = src[o + i] as number;
    }
    return v.print(b, 0, out);
  }

  private formatGeneral(p: Probe, haveEntry: boolean, slots: Slots): string {
    const entryRegs = new Map<string, bigint>();
    const regs = new Map<string, bigint>();
    const vals = new Map<string, bigint>();
    p.fn.fetches.forEach((f, k) => { if (slots.have[k] === 1) vals.set(f.id, slotValue(slots, k)); });
    const chunks: { address: bigint; bytes: Uint8Array }[] = [];
    for (const f of p.fn.fetches) {
      const v = vals.get(f.id);
      if (v === undefined) continue;
      if (f.src.kind === 'reg') (f.phase === 'entry' ? entryRegs : regs).set(f.src.reg, v);
      else {
        const base = vals.get(f.src.base);
        if (base !== undefined) chunks.push({ address: BigInt.asUintN(64, base + BigInt(f.src.offset)), bytes: le(v, f.size) });
      }
    }
    const memory = mergeChunks(chunks);
    const call = decodeCall(p.abi, this.cx, haveEntry ? { regs, entryRegs, memory } : { regs, memory });
    const args: string[] = [];
    p.fn.args.forEach((a, i) => {
      if (!a.captured) return;
      const v = call.args?.[i]?.value;
      args.push(`${a.name}=${v === undefined ? '?' : v.ok ? debugValue(v.value) : `<error: ${v.errors[0]?.message ?? ''}>`}`);
    });
    const r = call.ret;
    const ret = !p.fn.ret.captured ? '<not captured>' : r === null ? '?' : r.ok ? debugValue(r.value) : `<error: ${r.errors[0]?.message ?? ''}>`;
    return `${haveEntry ? args.join(', ') : '…'}) = ${ret}`;
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
