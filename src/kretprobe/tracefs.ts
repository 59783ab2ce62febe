/**
 * tracefs `kprobe_events` lines (Documentation/trace/kprobetrace.rst): one `p:` event at entry with the
 * entry fetches and one `r:` event at return with the return fetches, in group `rustabi`. Every fetch
 * is named after its id (`e0=%di:x64`), so `decode-trace` maps trace fields back to the plan.
 *
 * A return event cannot see what the entry event fetched: a return read behind the hidden return
 * pointer saved at entry (aarch64 `x8`, riscv64 `a0`) is refused with `probe/needs-stash`.
 */
import type { Diagnostic, Outcome } from '../model/diagnostics.js';
import { fail, ok } from '../model/diagnostics.js';
import type { ProbePlan } from './plan.js';
import { fetchById, tracefsExpr } from './fetch-text.js';

export const TRACEFS_GROUP = 'rustabi';

/** The return event's name for probe `id`. */
export function returnEventName(id: string): string {
  return `${id}__ret`;
}

export function emitTracefs(plan: ProbePlan): Outcome<string> {
  const errors: Diagnostic[] = [];
  const lines: string[] = [`# rustabi probe plan for ${plan.target}: write these lines to /sys/kernel/tracing/kprobe_events`];
  for (const fn of plan.probes) {
    if (fn.stash) {
      errors.push({
        code: 'probe/needs-stash', severity: 'error',
        message: `${fn.path}: its return value is written through the hidden return pointer passed at entry, and a tracefs return event cannot read what the entry event saw`,
        help: 'use `--emit kmod` or `--emit bpftrace`, which keep the pointer from entry to return',
      });
      continue;
    }
    const all = fetchById(fn);
    const args = (phase: 'entry' | 'return'): string => fn.fetches.filter((f) => f.phase === phase)
      .map((f) => ` ${f.id}=${tracefsExpr(plan.arch, f, all)}:x${f.size * 8}`).join('');
    lines.push(`p:${TRACEFS_GROUP}/${fn.id} ${fn.symbol}${args('entry')}`);
    lines.push(`r:${TRACEFS_GROUP}/${returnEventName(fn.id)} ${fn.symbol}${args('return')}`);
  }
  return errors.length > 0 ? fail(...errors) : ok(lines.join('\n') + '\n');
}
