/**
 * Kernel symbol tables (`/proc/kallsyms`, `System.map`) and finding a function in them by its raw name or
 * by a Rust path. Rust symbols (kernel Rust is built with v0 mangling) are demangled once, when the table
 * is parsed, and matched on `::` boundaries of the demangled path, so `kernel::sync::Mutex::lock`,
 * `Mutex::lock` and `crate::Mutex::lock` can all name `<kernel::sync::Mutex<T>>::lock`.
 */
import type { DiagnosticCode } from '../model/diagnostics.js';
import { demangleRust } from './demangle.js';

export interface KallsymsEntry {
  /** 0 when the table was read without the privilege to see addresses. */
  readonly address: bigint;
  /** nm's symbol type letter: `t`/`T` text, `d`/`D` data, … (lower case: local). */
  readonly type: string;
  /** The symbol as the kernel knows it (mangled for Rust). */
  readonly name: string;
  /** The module, for symbols of a loaded module (`[name]` in /proc/kallsyms). */
  readonly module?: string;
  /** The demangled Rust path without hash; null for symbols that are not Rust. */
  readonly path: string | null;
}

export interface KallsymsTable {
  readonly entries: readonly KallsymsEntry[];
  /** 1-based numbers of the non-empty lines that were not `address type name [module]`. */
  readonly skippedLines: readonly number[];
  /** Entries by raw name. */
  readonly byName: ReadonlyMap<string, readonly KallsymsEntry[]>;
  /** Rust entries by the name of the last path segment (generic arguments removed). */
  readonly byLastSegment: ReadonlyMap<string, readonly RustKey[]>;
}

/** One way to spell a Rust entry's path, as segments (see pathVariants). */
export interface RustKey {
  readonly entry: KallsymsEntry;
  readonly segments: readonly string[];
}

export interface ResolvedSymbol {
  readonly symbol: string;
  readonly address: bigint;
  readonly path: string | null;
  readonly module?: string;
}

export interface SymbolError {
  readonly code: Extract<DiagnosticCode, 'symbol/unknown' | 'symbol/ambiguous'>;
  readonly message: string;
  /** For `symbol/ambiguous`: every match; for `symbol/unknown`: the closest names, if any are close. */
  readonly candidates?: readonly string[];
}

const LINE = /^([0-9A-Fa-f]{1,16})\s+(\S)\s+(\S+)(?:\s+\[([^\]\s]+)\])?\s*$/;

/** Parses `/proc/kallsyms` or `System.map` text. Lines of another shape are counted in `skippedLines`. */
export function parseKallsyms(text: string): KallsymsTable {
  const entries: KallsymsEntry[] = [];
  const skippedLines: number[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const m = LINE.exec(line);
    if (m === null) {
      skippedLines.push(i + 1);
      return;
    }
    const [, addr, type, name, module] = m as unknown as [string, string, string, string, string | undefined];
    const base = { address: BigInt(`0x${addr}`), type, name, path: demangleRust(name) };
    entries.push(module === undefined ? base : { ...base, module });
  });
  return kallsymsFromEntries(entries, skippedLines);
}

/** A table (with its indexes) over entries from elsewhere. */
export function kallsymsFromEntries(entries: readonly KallsymsEntry[], skippedLines: readonly number[] = []): KallsymsTable {
  const byName = new Map<string, KallsymsEntry[]>();
  const byLastSegment = new Map<string, RustKey[]>();
  for (const entry of entries) {
    push(byName, entry.name, entry);
    if (entry.path === null) continue;
    for (const segments of pathVariants(splitPath(normalizePath(entry.path)))) {
      push(byLastSegment, baseName(segments[segments.length - 1] as string), { entry, segments });
    }
  }
  return { entries, skippedLines, byName, byLastSegment };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list === undefined) m.set(k, [v]);
  else list.push(v);
}

/**
 * Finds one symbol: by raw name first, else by Rust path — an exact path, else a path suffix on `::`
 * boundaries; `crate::` stands for any one crate. A query segment without `<…>` matches a segment whatever its
 * generic arguments (`Mutex::lock` matches `<kernel::sync::Mutex<u32>>::lock`), and an impl's self type may be
 * named without the angle brackets (`Square::area` matches `<fixture::Square as fixture::Shape>::area`).
 */
export function resolveSymbol(table: KallsymsTable, query: string): ResolvedSymbol | SymbolError {
  const q = query.trim();
  const raw = table.byName.get(q);
  if (raw !== undefined) return unique(q, raw);
  const anchored = /^crate::/.test(q);
  const qsegs = splitPath(normalizePath(q.replace(/^(crate)?::/, '')));
  if (qsegs.some((s) => s === '')) return unknown(table, q, qsegs);
  const keys = table.byLastSegment.get(baseName(qsegs[qsegs.length - 1] as string)) ?? [];
  const exact: KallsymsEntry[] = [];
  const suffix: KallsymsEntry[] = [];
  for (const { entry, segments } of keys) {
    const extra = segments.length - qsegs.length;
    if (extra < 0 || !qsegs.every((s, i) => segmentMatches(s, segments[extra + i] as string))) continue;
    if (anchored ? extra === 1 : extra === 0) exact.push(entry);
    else if (!anchored) suffix.push(entry);
  }
  const found = exact.length > 0 ? exact : suffix;
  return found.length > 0 ? unique(q, found) : unknown(table, q, qsegs);
}

function unique(query: string, found: readonly KallsymsEntry[]): ResolvedSymbol | SymbolError {
  const distinct = [...new Map(found.map((e) => [`${e.name}\0${e.module ?? ''}\0${e.address}`, e])).values()];
  if (distinct.length === 1) {
    const e = distinct[0] as KallsymsEntry;
    const r = { symbol: e.name, address: e.address, path: e.path };
    return e.module === undefined ? r : { ...r, module: e.module };
  }
  const candidates = distinct.map(describe).sort();
  return { code: 'symbol/ambiguous', message: `\`${query}\` matches ${distinct.length} symbols`, candidates };
}

function describe(e: KallsymsEntry): string {
  const where = e.module === undefined ? '' : ` [${e.module}]`;
  return e.path === null ? `${e.name}${where}` : `${e.path} (${e.name})${where}`;
}

const MAX_SUGGESTIONS = 5;

function unknown(table: KallsymsTable, query: string, qsegs: readonly string[]): SymbolError {
  // Compare like with like: a raw name with raw names, a path of n segments with the last n segments of paths.
  const asPath = qsegs.join('::');
  const limit = Math.max(2, Math.floor(asPath.length / 3));
  const scored = new Map<string, number>();
  const consider = (shown: string, q: string, compared: string): void => {
    const d = boundedDistance(q, compared, limit);
    if (d <= limit && d < (scored.get(shown) ?? Infinity)) scored.set(shown, d);
  };
  for (const e of table.entries) {
    if (e.path === null) consider(e.name, query, e.name);
  }
  for (const keys of table.byLastSegment.values()) {
    for (const { entry, segments } of keys) {
      if (segments.length < qsegs.length) continue;
      const tail = segments.slice(segments.length - qsegs.length).map((s, i) => (qsegs[i]?.includes('<') ? s : baseName(s)));
      consider(entry.path as string, asPath, tail.join('::'));
    }
  }
  const candidates = [...scored].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).slice(0, MAX_SUGGESTIONS).map(([s]) => s);
  const message = `no symbol matches \`${query}\``;
  return candidates.length === 0 ? { code: 'symbol/unknown', message } : { code: 'symbol/unknown', message, candidates };
}

/** Levenshtein distance, or any number above `limit` as soon as it must exceed it. */
function boundedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min((row[j] as number) + 1, (next[j - 1] as number) + 1, (row[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      next.push(v);
      best = Math.min(best, v);
    }
    if (best > limit) return limit + 1;
    row = next;
  }
  return row[b.length] as number;
}

/** One spacing for generic argument lists: `Pair<u8,u16>` and `Pair<u8, u16>` are the same path. */
function normalizePath(p: string): string {
  return p.replace(/\s+/g, ' ').replace(/\s*,\s*/g, ', ').replace(/<\s+/g, '<').replace(/\s+>/g, '>').trim();
}

/**
 * Splits a demangled path on its top-level `::` (not those inside `<…>`, `(…)`, `[…]`, `{…}`); a turbofish
 * stays with its segment: `<a::B<c::D> as e::F>::g::<u8>` → [`<a::B<c::D> as e::F>`, `g::<u8>`]. Legacy's
 * `<impl …>` is a segment of its own.
 */
export function splitPath(p: string): string[] {
  const segs: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '-' && p[i + 1] === '>') i++;
    else if (c === '<' || c === '(' || c === '[' || c === '{') depth++;
    else if (c === '>' || c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0 && c === ':' && p[i + 1] === ':' && (p[i + 2] !== '<' || p.startsWith('<impl ', i + 2))) {
      segs.push(p.slice(start, i));
      start = i + 2;
      i++;
    }
  }
  segs.push(p.slice(start));
  return segs;
}

/** A segment without its generic arguments: `Mutex<u32>` → `Mutex`, `generic::<u8>` → `generic`. */
function baseName(seg: string): string {
  if (seg.startsWith('<')) return seg;
  const lt = seg.indexOf('<');
  return (lt < 0 ? seg : seg.slice(0, lt)).replace(/::$/, '');
}

function segmentMatches(query: string, seg: string): boolean {
  return query === seg || (!query.includes('<') && query === baseName(seg));
}

/** The path as printed and, for `<T>::m` / `<T as Trait>::m`, also as `T::m` (T's own segments). */
function pathVariants(segs: readonly string[]): (readonly string[])[] {
  const first = segs[0] as string;
  if (!(first.startsWith('<') && first.endsWith('>'))) return [segs];
  const inner = first.slice(1, -1);
  const as = topLevelAs(inner);
  const self = as < 0 ? inner : inner.slice(0, as);
  return [segs, [...splitPath(self), ...segs.slice(1)]];
}

/** Where ` as ` stands outside any brackets in `inner`, or -1. */
function topLevelAs(inner: string): number {
  let depth = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '-' && inner[i + 1] === '>') i++;
    else if (c === '<' || c === '(' || c === '[') depth++;
    else if (c === '>' || c === ')' || c === ']') depth--;
    else if (depth === 0 && inner.startsWith(' as ', i)) return i;
  }
  return -1;
}
