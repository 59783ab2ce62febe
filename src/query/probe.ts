/**
 * Probe queries: signatures (or function paths in definition files) → a probe plan; a plan (JSON) →
 * a trace decoder. The plan carries the definition sources, so a plan file alone decodes a trace.
 */
import type { Diagnostic, Outcome, Source } from '../model/diagnostics.js';
import { error, fail, ok } from '../model/diagnostics.js';
import type { TargetId } from '../model/target.js';
import type { RegisterArch } from '../model/registers.js';
import { PLAN_FORMAT, planFunction } from '../kretprobe/plan.js';
import type { ProbeFn, ProbePlan } from '../kretprobe/plan.js';
import type { CompiledProbe } from '../kretprobe/trace.js';
import { TraceDecoder } from '../kretprobe/trace.js';
import { validatePlan } from '../kretprobe/plan-json.js';
import { emitKmod } from '../kretprobe/kmod.js';
import { emitTracefs } from '../kretprobe/tracefs.js';
import { emitBpftrace } from '../kretprobe/bpftrace.js';
import type { LayoutCx } from '../layout/index.js';
import { fnAbiOf } from './abi.js';
import { checkNotBlacklisted, resolveSymbol } from '../symbols/index.js';
import type { Blacklist, KallsymsTable } from '../symbols/index.js';
import { createLayoutSession } from './layout.js';

export interface ProbeSpec {
  /** `fn name(…) -> …`, `fn(…) -> …` (then `symbol` is required), or a function path in the definitions. */
  readonly signature: string;
  /** The kernel symbol; default: the function's name when the signature names it. */
  readonly symbol?: string;
  /** The name printed for the call; default: the path or name in the signature, else the symbol. */
  readonly path?: string;
}

export interface ProbeOptions {
  /** A kernel flavour: `x86_64-kernel` (default), `aarch64-kernel`, `riscv64-kernel`. */
  readonly target?: string;
  readonly defs?: readonly Source[];
  /** `/proc/kallsyms` or `System.map`: function paths resolve to their (mangled) symbols, symbols are checked to exist. */
  readonly kallsyms?: KallsymsTable;
  /** The kprobes blacklist (`/sys/kernel/debug/kprobes/blacklist`): listed symbols are refused. */
  readonly blacklist?: Blacklist;
}

/** The symbol (and printed path) of one spec, from --symbol, the kallsyms table, or the signature's name. */
function symbolOf(spec: ProbeSpec, named: string | null, opts: ProbeOptions): Outcome<{ symbol: string; path: string | null; address?: bigint }> {
  const where = `\`${spec.signature.length > 60 ? `${spec.signature.slice(0, 57)}...` : spec.signature}\``;
  const table = opts.kallsyms;
  const query = spec.symbol ?? named;
  if (table !== undefined && query !== null) {
    const r = resolveSymbol(table, query);
    if ('code' in r) {
      return fail(error(r.code, `${where}: ${r.message}`, undefined, r.candidates === undefined || r.candidates.length === 0 ? {} : { help: `${r.code === 'symbol/ambiguous' ? 'candidates' : 'did you mean'}: ${r.candidates.slice(0, 6).join(', ')}` }));
    }
    return ok({ symbol: r.symbol, path: spec.symbol === undefined ? (r.path ?? named) : r.path, address: r.address });
  }
  const symbol = spec.symbol ?? (named !== null && !named.includes('::') ? named : null);
  if (symbol === null) return fail(error('probe/no-symbol', `${where}: which kernel symbol is it? give --symbol, or --kallsyms to look the path up`));
  return ok({ symbol, path: null });
}

const SYMBOL_RE = /^[A-Za-z_.$][A-Za-z0-9_.$]*$/;
const FN_NAME_RE = /^\s*(?:pub(?:\([^)]*\))?\s+)?(?:(?:const|async|unsafe)\s+)*(?:extern\s+(?:"[^"]*"\s+)?)?fn\s+([A-Za-z_][A-Za-z0-9_]*)/;
const PATH_RE = /^\s*([A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*)\s*$/;

/** What a signature calls its function: `fn name(` → name; a path → the path; `fn(` → null. */
export function functionPathOf(signature: string): string | null {
  const m = FN_NAME_RE.exec(signature) ?? PATH_RE.exec(signature);
  return m === null ? null : (m[1] as string);
}

/** Checks a symbol name is one the kernel can have (and so safe in tracefs, bpftrace and C strings). */
export function checkSymbol(symbol: string): Diagnostic | null {
  if (SYMBOL_RE.test(symbol) && symbol.length <= 512) return null;
  return error('probe/no-symbol', `\`${symbol}\` is not a kernel symbol name (letters, digits, \`_\`, \`.\` and \`$\` only)`);
}

function kernelTarget(target: string | undefined): Outcome<TargetId> {
  const t = target ?? 'x86_64-kernel';
  const s = createLayoutSession({ target: t });
  if (!s.ok) return s;
  const id = s.value.target.id;
  if (!id.endsWith('-kernel')) {
    return fail(error('probe/not-kernel-target', `kprobes attach to kernel functions: \`${t}\` is not a kernel target`, undefined, { help: 'use --target x86_64-kernel, aarch64-kernel or riscv64-kernel' }));
  }
  return ok(id);
}

/** The probe plan for a set of functions on a kernel target. */
export function planProbes(specs: readonly ProbeSpec[], opts: ProbeOptions = {}): Outcome<ProbePlan> {
  const r = planWithAbis(specs, opts);
  return r.ok ? ok(r.value.plan, r.warnings) : r;
}

interface Planned {
  readonly plan: ProbePlan;
  readonly probes: readonly CompiledProbe[];
  readonly cx: LayoutCx;
}

function planWithAbis(specs: readonly ProbeSpec[], opts: ProbeOptions): Outcome<Planned> {
  const target = kernelTarget(opts.target);
  if (!target.ok) return target;
  const defs = opts.defs ?? [];
  const session = createLayoutSession({ target: target.value, defs });
  if (!session.ok) return session;
  const s = session.value;
  const arch = s.target.arch as RegisterArch;
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [...s.notes.filter((n) => n.severity === 'warning')];
  const probes: ProbeFn[] = [];
  const compiled: CompiledProbe[] = [];
  const seen = new Set<string>();
  specs.forEach((spec, i) => {
    const abi = fnAbiOf(s, spec.signature, `<signature ${i + 1}>`);
    if (!abi.ok) { errors.push(...abi.errors); return; }
    const named = functionPathOf(spec.signature);
    const found = symbolOf(spec, named, opts);
    if (!found.ok) { errors.push(...found.errors); return; }
    const { symbol } = found.value;
    const bad = checkSymbol(symbol);
    if (bad !== null) { errors.push(bad); return; }
    if (opts.blacklist !== undefined) {
      const b = checkNotBlacklisted(opts.blacklist, symbol, found.value.address);
      if (b !== null) { errors.push(error(b.code, b.message, undefined, { help: 'kprobes refuse blacklisted functions; probe a caller or a callee instead' })); return; }
    }
    if (seen.has(symbol)) { errors.push(error('probe/duplicate-symbol', `\`${symbol}\` is probed twice in one probe set`)); return; }
    seen.add(symbol);
    const path = spec.path ?? found.value.path ?? named ?? symbol;
    const { fn, warnings: w } = planFunction(probes.length, { symbol, path, signature: spec.signature, abi: abi.value.abi }, arch, s.cx);
    warnings.push(...w);
    probes.push(fn);
    compiled.push({ fn, abi: abi.value.abi });
  });
  if (errors.length > 0) return fail(...errors);
  if (specs.length === 0) return fail(error('probe/no-symbol', 'no functions to probe: give at least one signature or function path'));
  const plan: ProbePlan = { format: PLAN_FORMAT, target: target.value, arch, defs: defs.map((d) => ({ name: d.name, text: d.text })), probes };
  return ok({ plan, probes: compiled, cx: s.cx }, warnings);
}

export type ProbeEmit = 'kmod' | 'tracefs' | 'bpftrace';

export interface ProbeOutput {
  readonly plan: ProbePlan;
  /** File name → contents; `plan.json` always. */
  readonly files: Readonly<Record<string, string>>;
  /** The file printed to stdout when no output directory is given (the events or the script; the C source). */
  readonly main: string;
  /** The kernel module's name, for `kmod`. */
  readonly moduleName?: string;
}

/** Plans the probes and emits them: a module source directory, tracefs events, or a bpftrace script, each with `plan.json`. */
export function buildProbes(specs: readonly ProbeSpec[], emit: ProbeEmit, opts: ProbeOptions = {}): Outcome<ProbeOutput> {
  const r = planWithAbis(specs, opts);
  if (!r.ok) return r;
  const { plan, probes, cx } = r.value;
  const planJson = `${JSON.stringify(plan, null, 2)}\n`;
  if (emit === 'kmod') {
    const k = emitKmod(plan, probes, cx);
    return ok({ plan, files: { ...k.files, 'plan.json': planJson }, main: `${k.name}.c`, moduleName: k.name }, r.warnings);
  }
  if (emit === 'tracefs') {
    const t = emitTracefs(plan);
    if (!t.ok) return t;
    return ok({ plan, files: { kprobe_events: t.value, 'plan.json': planJson }, main: 'kprobe_events' }, r.warnings);
  }
  return ok({ plan, files: { 'rustabi.bt': emitBpftrace(plan), 'plan.json': planJson }, main: 'rustabi.bt' }, r.warnings);
}

export interface LoadedPlan {
  readonly plan: ProbePlan;
  readonly decoder: TraceDecoder;
}

/** Reads `plan.json` text and recomputes every probe's register map, ready to decode trace lines. */
export function loadPlan(source: Source): Outcome<LoadedPlan> {
  const plan = validatePlan(source);
  if (!plan.ok) return plan;
  const p = plan.value;
  const session = createLayoutSession({ target: p.target, defs: p.defs.map((d) => ({ name: d.name, text: d.text })) });
  if (!session.ok) return session;
  const probes: CompiledProbe[] = [];
  const errors: Diagnostic[] = [];
  for (const fn of p.probes) {
    const abi = fnAbiOf(session.value, fn.signature, `${source.name}: ${fn.id}`);
    if (!abi.ok) { errors.push(...abi.errors); continue; }
    probes.push({ fn, abi: abi.value.abi });
  }
  if (errors.length > 0) return fail(...errors);
  return ok({ plan: p, decoder: new TraceDecoder(p, probes, session.value.cx) });
}
