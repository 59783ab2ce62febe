/**
 * Register snapshots as users write them: `rax=0x1,rdx=0x2a` on the command line, or a JSON object of
 * name → hex. Names are ISA names (`rax`, `x0`, `a0`), their aliases (`lr`, `x10`) or Linux `pt_regs`
 * fields (`ax`, `regs[0]`, `epc`), any case, with an optional tracefs `%`; values are hex with or
 * without `0x`. Everything is normalised to the ISA names register maps use, so `decodeFromRegs` reads
 * it directly. wasm32 has no registers: its snapshot names the params (`param0`…) and `result`.
 *
 * `SparseMemory` is the memory a user gives (`--mem ADDR:HEX`, a snapshot's `memory` list): a reader
 * that answers only for bytes wholly inside one given segment.
 */
import type { Diagnostic, Outcome, Source } from '../model/diagnostics.js';
import { fail, ok } from '../model/diagnostics.js';
import type { RegisterArch } from '../model/registers.js';
import { registerLookup } from '../model/registers.js';
import type { Arch } from '../model/target.js';
import type { MemoryReader } from '../model/value.js';
import { closestName } from '../input/suggest.js';
import { valueError } from './codes.js';

/** A snapshot keyed by ISA register name (wasm32: `param0`…, `result`). */
export type RegisterValues = ReadonlyMap<string, bigint>;

const HEX_RE = /^(0x)?[0-9a-f]+$/i;

function span(source: Source | undefined, start: number, end: number): { span?: Diagnostic['span'] } {
  return source === undefined ? {} : { span: { source, start, end } };
}

/** Hex with or without `0x` (underscores allowed as digit separators) → bigint, or null. */
export function parseHex(text: string): bigint | null {
  const t = text.trim().replace(/_/g, '');
  if (!HEX_RE.test(t)) return null;
  return BigInt(t.toLowerCase().startsWith('0x') ? t : `0x${t}`);
}

/** Resolves one user-written register name on `arch` to its ISA name and size in bytes. */
export function resolveRegisterName(name: string, arch: Arch): { name: string; size: number } | null {
  const n = name.trim().replace(/^%/, '').toLowerCase();
  if (arch === 'wasm32') {
    if (n === 'result' || /^result[0-9]+$/.test(n)) return { name: n === 'result0' ? 'result' : n, size: 8 };
    return /^param(0|[1-9][0-9]*)$/.test(n) ? { name: n, size: 8 } : null;
  }
  const r = registerLookup(arch as RegisterArch).get(n);
  return r === undefined ? null : { name: r.name, size: r.size };
}

function knownNames(arch: Arch): string[] {
  if (arch === 'wasm32') return ['param0', 'param1', 'result'];
  return [...registerLookup(arch as RegisterArch).keys()];
}

/**
 * Checks one `name = value` pair; `at` are the offsets of name and value in `source` for carets.
 * Returns the ISA name and value, or a diagnostic.
 */
function checkPair(name: string, value: string, arch: Arch, source: Source | undefined, at: readonly [number, number, number, number]): Outcome<[string, bigint]> {
  const r = resolveRegisterName(name, arch);
  if (r === null) {
    const hint = closestName(name.replace(/^%/, '').toLowerCase(), knownNames(arch));
    const extra = hint === undefined ? '' : ` (did you mean \`${hint}\`?)`;
    return fail(valueError('value/unknown-register', `\`${name}\` is not a register on ${arch}${extra}`, span(source, at[0], at[1]).span));
  }
  const v = parseHex(value);
  if (v === null) return fail(valueError('value/bad-hex', `\`${value}\` is not a hex number (write \`0x2a\` or \`2a\`)`, span(source, at[2], at[3]).span));
  if (v >> BigInt(r.size * 8) !== 0n) {
    return fail(valueError('value/too-wide', `0x${v.toString(16)} does not fit \`${r.name}\` (${r.size * 8} bits)`, span(source, at[2], at[3]).span));
  }
  return ok([r.name, v]);
}

/**
 * Parses `rax=0x1,rdx=0x2a` (pairs separated by commas and/or spaces; `:` works as well as `=`).
 * A register given twice under different names is an error unless both values agree.
 */
export function parseRegisterList(text: string, arch: Arch, source?: Source): Outcome<RegisterValues> {
  const out = new Map<string, bigint>();
  const errors: Diagnostic[] = [];
  const re = /[^\s,]+/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const item = m[0];
    const start = m.index;
    const eq = item.search(/[=:]/);
    if (eq <= 0 || eq === item.length - 1) {
      errors.push(valueError('value/bad-register-list', `expected \`name=hex\`, found \`${item}\``, span(source, start, start + item.length).span));
      continue;
    }
    const name = item.slice(0, eq);
    const value = item.slice(eq + 1);
    const pair = checkPair(name, value, arch, source, [start, start + eq, start + eq + 1, start + item.length]);
    if (!pair.ok) { errors.push(...pair.errors); continue; }
    const [isa, v] = pair.value;
    const prev = out.get(isa);
    if (prev !== undefined && prev !== v) {
      errors.push(valueError('value/bad-register-list', `\`${isa}\` is given twice with different values`, span(source, start, start + item.length).span));
      continue;
    }
    out.set(isa, v);
  }
  if (errors.length > 0) return fail(...errors);
  return ok(out);
}

/** Normalises a `{name: hex}` object (a snapshot file's `regs`); `where` names it in messages. */
export function registersFromObject(obj: unknown, arch: Arch, where: string): Outcome<RegisterValues> {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    return fail(valueError('value/bad-snapshot', `${where} must be an object of register name → hex string`));
  }
  const out = new Map<string, bigint>();
  const errors: Diagnostic[] = [];
  for (const [k, raw] of Object.entries(obj as Record<string, unknown>)) {
    const text = typeof raw === 'string' ? raw : typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0 ? raw.toString(16) : null;
    if (text === null) { errors.push(valueError('value/bad-snapshot', `${where}.${k}: expected a hex string, found ${JSON.stringify(raw)}`)); continue; }
    const pair = checkPair(k, text, arch, undefined, [0, 0, 0, 0]);
    if (!pair.ok) { errors.push(...pair.errors.map((d) => ({ ...d, message: `${where}: ${d.message}` }))); continue; }
    out.set(pair.value[0], pair.value[1]);
  }
  if (errors.length > 0) return fail(...errors);
  return ok(out);
}

interface Segment {
  readonly address: bigint;
  readonly bytes: Uint8Array;
}

/** Memory the user gave: reads succeed only inside one segment; later segments win. */
export class SparseMemory implements MemoryReader {
  private readonly segments: Segment[] = [];

  add(address: bigint, bytes: Uint8Array): void {
    this.segments.push({ address, bytes });
  }

  get size(): number {
    return this.segments.length;
  }

  read(address: bigint, len: number): Uint8Array | null {
    if (len === 0) return new Uint8Array(0);
    for (let i = this.segments.length - 1; i >= 0; i--) {
      const s = this.segments[i] as Segment;
      if (address >= s.address && address + BigInt(len) <= s.address + BigInt(s.bytes.length)) {
        const from = Number(address - s.address);
        return s.bytes.subarray(from, from + len);
      }
    }
    return null;
  }
}

/** `0x1000:2a00000000000000` → address and bytes (hex digits in memory order, spaces/underscores allowed). */
export function parseMemorySpec(text: string, source?: Source): Outcome<{ address: bigint; bytes: Uint8Array }> {
  const colon = text.indexOf(':');
  if (colon <= 0) return fail(valueError('value/bad-memory', `expected \`ADDR:HEX\` (e.g. \`0x1000:2a000000\`), found \`${text}\``, span(source, 0, text.length).span));
  const address = parseHex(text.slice(0, colon));
  if (address === null) return fail(valueError('value/bad-hex', `\`${text.slice(0, colon)}\` is not a hex address`, span(source, 0, colon).span));
  const bytes = hexBytes(text.slice(colon + 1));
  if (bytes === null) {
    return fail(valueError('value/bad-memory', 'the bytes must be an even number of hex digits (memory order, e.g. `2a00000000000000`)', span(source, colon + 1, text.length).span));
  }
  return ok({ address, bytes });
}

/** Hex digits in memory order → bytes; null when not an even count of hex digits. */
export function hexBytes(text: string): Uint8Array | null {
  const t = text.replace(/[\s_]/g, '').replace(/^0x/i, '');
  if (t.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(t)) return null;
  const out = new Uint8Array(t.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(t.slice(2 * i, 2 * i + 2), 16);
  return out;
}
