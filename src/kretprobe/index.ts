/** The kretprobe toolkit: probe plans, their emitters (kernel module C, tracefs, bpftrace) and the trace decoder. */
import type { Diagnostic } from '../model/diagnostics.js';

export { PLAN_FORMAT, MAX_FETCHES, MAX_POINTEE, MAX_MEMORY_VALUE, planFunction, probeId } from './plan.js';
export type { ProbePlan, ProbeFn, Fetch, FetchSource, PlannedValue, PlanInput } from './plan.js';
export { validatePlan } from './plan-json.js';
export { emitTracefs, TRACEFS_GROUP, returnEventName } from './tracefs.js';
export { emitBpftrace } from './bpftrace.js';
export { emitKmod, moduleName } from './kmod.js';
export type { KmodFiles, KmodProbe } from './kmod.js';
export { TraceDecoder } from './trace.js';
export type { TraceResult, CompiledProbe } from './trace.js';

/** Warnings of a plan, one line each (`warning[probe/uncapturable]: …`). */
export function summarizeProbeWarnings(ws: readonly Diagnostic[]): string {
  return ws.map((w) => `${w.severity}[${w.code}]: ${w.message}\n`).join('');
}
