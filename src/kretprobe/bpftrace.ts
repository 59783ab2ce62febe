/**
 * A bpftrace script from a plan: a `kprobe` that keeps the entry fetches and the entry time in
 * per-thread maps, and a `kretprobe` that prints one line per call
 * `rustabi ID PID NS e0=HEX … r0=HEX …` (the format `decode-trace` reads) and deletes the entries.
 * Register names are bpftrace's per arch (src/arch: `reg("di")`, `reg("r0")`, `reg("a0")`).
 */
import type { Fetch, ProbePlan } from './plan.js';
import { bpftraceExpr, fetchById } from './fetch-text.js';

function mapName(id: string, f: Fetch | 't'): string {
  return f === 't' ? `@${id}__t` : `@${id}__${f.id}`;
}

/** An attach point: mangled names with `$` (legacy escapes) must be quoted for bpftrace's parser. */
function attach(symbol: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(symbol) ? symbol : `"${symbol}"`;
}

export function emitBpftrace(plan: ProbePlan): string {
  const out: string[] = [
    `// rustabi probe plan for ${plan.target}; decode the output with: rustabi decode-trace --plan plan.json`,
    '',
  ];
  for (const fn of plan.probes) {
    const all = fetchById(fn);
    const entry = fn.fetches.filter((f) => f.phase === 'entry');
    const ret = fn.fetches.filter((f) => f.phase === 'return');
    const mapOf = (f: Fetch): string => mapName(fn.id, f);
    out.push(`kprobe:${attach(fn.symbol)}`, '{', `  ${mapName(fn.id, 't')}[tid] = nsecs;`);
    for (const f of entry) out.push(`  ${mapOf(f)}[tid] = ${bpftraceExpr(plan.arch, f, all, 'entry', mapOf)};`);
    out.push('}', '');
    const fields = [...entry, ...ret];
    const fmt = ['rustabi', fn.id, '%d', '%llu', ...fields.map((f) => `${f.id}=%llx`)].join(' ');
    const vals = ['pid', `nsecs - ${mapName(fn.id, 't')}[tid]`, ...fields.map((f) => (f.phase === 'entry' ? `${mapOf(f)}[tid]` : bpftraceExpr(plan.arch, f, all, 'return', mapOf)))];
    out.push(`kretprobe:${attach(fn.symbol)}`, `/${mapName(fn.id, 't')}[tid]/`, '{', `  printf("${fmt}\\n", ${vals.join(', ')});`);
    for (const m of [mapName(fn.id, 't'), ...entry.map(mapOf)]) out.push(`  delete(${m}[tid]);`);
    out.push('}', '');
  }
  return out.join('\n');
}
