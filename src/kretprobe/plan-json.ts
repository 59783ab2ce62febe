/**
 * Reading `plan.json` back: JSON syntax errors point at line:col; shape errors name the JSON path
 * (`probes[0].fetches[2].size`). A plan that passes is safe to use: ids are C identifiers, symbols are
 * symbol names, registers are pt_regs registers of the plan's arch, every `mem` fetch reads behind a
 * fetch made before it in the same phase or at entry.
 */
import type { Diagnostic, Outcome, Source } from '../model/diagnostics.js';
import { fail, ok } from '../model/diagnostics.js';
import { REGISTER_FILES } from '../model/registers.js';
import type { RegisterArch } from '../model/registers.js';
import { TARGET_IDS } from '../model/target.js';
import type { TargetId } from '../model/target.js';
import type { Fetch, PlannedValue, ProbeFn, ProbePlan } from './plan.js';
import { PLAN_FORMAT } from './plan.js';
import { jsonErrorOffset } from '../internal/json-error.js';

class ShapeError {
  constructor(readonly message: string) {}
}

type Obj = Record<string, unknown>;

function obj(v: unknown, at: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ShapeError(`${at} must be an object`);
  return v as Obj;
}
function arr(v: unknown, at: string): unknown[] {
  if (!Array.isArray(v)) throw new ShapeError(`${at} must be an array`);
  return v;
}
function str(v: unknown, at: string, re?: RegExp): string {
  if (typeof v !== 'string') throw new ShapeError(`${at} must be a string`);
  if (re !== undefined && !re.test(v)) throw new ShapeError(`${at}: \`${v.slice(0, 80)}\` is not valid here`);
  return v;
}
function bool(v: unknown, at: string): boolean {
  if (typeof v !== 'boolean') throw new ShapeError(`${at} must be true or false`);
  return v;
}

const ID_RE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const SYMBOL_RE = /^[A-Za-z_.$][A-Za-z0-9_.$]{0,511}$/;
const FETCH_RE = /^[er]\d{1,4}$/;

function value(v: unknown, at: string): PlannedValue {
  const o = obj(v, at);
  const name = str(o.name, `${at}.name`);
  const type = str(o.type, `${at}.type`);
  const captured = bool(o.captured, `${at}.captured`);
  return o.reason === undefined ? { name, type, captured } : { name, type, captured, reason: str(o.reason, `${at}.reason`) };
}

function fetches(v: unknown, at: string, arch: RegisterArch): Fetch[] {
  const out: Fetch[] = [];
  const seen = new Map<string, Fetch>();
  arr(v, at).forEach((x, i) => {
    const w = `${at}[${i}]`;
    const o = obj(x, w);
    const id = str(o.id, `${w}.id`, FETCH_RE);
    const phase = str(o.phase, `${w}.phase`, /^(entry|return)$/) as 'entry' | 'return';
    if ((phase === 'entry') !== id.startsWith('e')) throw new ShapeError(`${w}.id: entry fetches are named e0…, return fetches r0…`);
    const size = o.size;
    if (size !== 1 && size !== 2 && size !== 4 && size !== 8) throw new ShapeError(`${w}.size must be 1, 2, 4 or 8`);
    const src = obj(o.src, `${w}.src`);
    let f: Fetch;
    if (src.kind === 'reg') {
      const reg = str(src.reg, `${w}.src.reg`);
      if (!REGISTER_FILES[arch].some((r) => r.name === reg && r.ptRegs !== null)) throw new ShapeError(`${w}.src.reg: \`${reg}\` is not a pt_regs register of ${arch}`);
      f = { id, phase, size, src: { kind: 'reg', reg } };
    } else if (src.kind === 'mem') {
      const base = str(src.base, `${w}.src.base`, FETCH_RE);
      const b = seen.get(base);
      if (b === undefined) throw new ShapeError(`${w}.src.base: \`${base}\` is not a fetch made before it`);
      if (b.phase === 'return' && phase === 'entry') throw new ShapeError(`${w}: an entry fetch cannot read behind a return fetch`);
      const offset = src.offset;
      if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0 || offset > 1 << 20) throw new ShapeError(`${w}.src.offset must be an integer 0..1048576`);
      f = { id, phase, size, src: { kind: 'mem', base, offset } };
    } else {
      throw new ShapeError(`${w}.src.kind must be "reg" or "mem"`);
    }
    if (seen.has(id)) throw new ShapeError(`${w}.id: \`${id}\` is used twice`);
    seen.set(id, f);
    out.push(f);
  });
  return out;
}

function probe(v: unknown, at: string, arch: RegisterArch): ProbeFn {
  const o = obj(v, at);
  const fs = fetches(o.fetches, `${at}.fetches`, arch);
  return {
    id: str(o.id, `${at}.id`, ID_RE),
    symbol: str(o.symbol, `${at}.symbol`, SYMBOL_RE),
    path: str(o.path, `${at}.path`),
    signature: str(o.signature, `${at}.signature`),
    args: arr(o.args, `${at}.args`).map((a, i) => value(a, `${at}.args[${i}]`)),
    ret: value(o.ret, `${at}.ret`),
    fetches: fs,
    stash: bool(o.stash, `${at}.stash`),
  };
}

function diag(message: string, source: Source, at?: number): Outcome<never> {
  const d: Diagnostic = at === undefined
    ? { code: 'probe/bad-plan', severity: 'error', message: `${source.name}: ${message}` }
    : { code: 'probe/bad-plan', severity: 'error', message, span: { source, start: at, end: Math.min(at + 1, source.text.length) } };
  return fail(d);
}


export function validatePlan(source: Source): Outcome<ProbePlan> {
  let raw: unknown;
  try {
    raw = JSON.parse(source.text);
  } catch {
    const at = jsonErrorOffset(source.text);
    const what = at >= source.text.length ? 'the text ends early' : `unexpected \`${source.text[at] ?? ''}\``;
    return diag(`not valid JSON: ${what}`, source, at < 0 ? 0 : at);
  }
  try {
    const o = obj(raw, 'the plan');
    if (o.format !== PLAN_FORMAT) throw new ShapeError(`format must be "${PLAN_FORMAT}" (a plan written by \`rustabi probe\`)`);
    const target = str(o.target, 'target');
    if (!TARGET_IDS.includes(target as TargetId) || !target.endsWith('-kernel')) throw new ShapeError(`target: \`${target}\` is not a kernel target`);
    const arch = str(o.arch, 'arch', /^(x86_64|aarch64|riscv64)$/) as RegisterArch;
    if (!target.startsWith(arch)) throw new ShapeError(`arch \`${arch}\` does not match target \`${target}\``);
    const defs = arr(o.defs, 'defs').map((d, i) => {
      const x = obj(d, `defs[${i}]`);
      return { name: str(x.name, `defs[${i}].name`), text: str(x.text, `defs[${i}].text`) };
    });
    const probes = arr(o.probes, 'probes').map((p, i) => probe(p, `probes[${i}]`, arch));
    const ids = new Set<string>();
    for (const p of probes) {
      if (ids.has(p.id)) throw new ShapeError(`probe id \`${p.id}\` is used twice`);
      ids.add(p.id);
    }
    return ok({ format: PLAN_FORMAT, target: target as TargetId, arch, defs, probes });
  } catch (e) {
    if (e instanceof ShapeError) return diag(e.message, source);
    throw e;
  }
}
