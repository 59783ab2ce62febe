/**
 * The kprobes blacklist: functions the kernel refuses to probe. `/sys/kernel/debug/kprobes/blacklist` lists
 * one range a line, `0xffffffff81000000-0xffffffff81000010\tsymbol_name` (the end is exclusive; a module's
 * symbols carry ` [module]`; without privilege the addresses read as zeros); a plain list of symbol names,
 * one a line, is accepted too.
 */
import type { DiagnosticCode } from '../model/diagnostics.js';

export interface BlacklistEntry {
  /** Absent for a line that names only a symbol. */
  readonly start?: bigint;
  /** Exclusive. */
  readonly end?: bigint;
  readonly symbol: string;
  readonly module?: string;
}

export interface Blacklist {
  readonly entries: readonly BlacklistEntry[];
  readonly symbols: ReadonlySet<string>;
  /** 1-based numbers of the non-empty lines that were neither form. */
  readonly skippedLines: readonly number[];
}

const RANGE_LINE = /^0x([0-9A-Fa-f]{1,16})-0x([0-9A-Fa-f]{1,16})\s+(\S+)(?:\s+\[([^\]\s]+)\])?$/;
const NAME_LINE = /^([A-Za-z_.$][\w.$]*)(?:\s+\[([^\]\s]+)\])?$/;

export function parseBlacklist(text: string): Blacklist {
  const entries: BlacklistEntry[] = [];
  const skippedLines: number[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const r = RANGE_LINE.exec(line);
    const n = r === null ? NAME_LINE.exec(line) : null;
    if (r !== null) {
      const e = { start: BigInt(`0x${r[1] as string}`), end: BigInt(`0x${r[2] as string}`), symbol: r[3] as string };
      entries.push(r[4] === undefined ? e : { ...e, module: r[4] });
    } else if (n !== null) {
      entries.push(n[2] === undefined ? { symbol: n[1] as string } : { symbol: n[1] as string, module: n[2] });
    } else {
      skippedLines.push(i + 1);
    }
  });
  return { entries, symbols: new Set(entries.map((e) => e.symbol)), skippedLines };
}

/** Whether `symbol` is listed, or `address` falls in a listed range (ranges read as zeros match nothing). */
export function isBlacklisted(list: Blacklist, symbol: string, address?: bigint): boolean {
  if (list.symbols.has(symbol)) return true;
  if (address === undefined) return false;
  return list.entries.some((e) => e.start !== undefined && e.end !== undefined && e.start <= address && address < e.end);
}

export interface BlacklistedError {
  readonly code: Extract<DiagnosticCode, 'symbol/blacklisted'>;
  readonly message: string;
}

/** The `symbol/blacklisted` error for a function the kernel will not probe, or null when it may be probed. */
export function checkNotBlacklisted(list: Blacklist, symbol: string, address?: bigint): BlacklistedError | null {
  if (!isBlacklisted(list, symbol, address)) return null;
  return { code: 'symbol/blacklisted', message: `\`${symbol}\` is on the kprobes blacklist: the kernel refuses to probe it` };
}
