/**
 * The rustc calling-convention oracle: asks the machine's rustc 1.95 for its own `FnAbi` of a list of
 * fn signatures (`#[rustc_abi(debug)]`) and converts each dump to our pass-mode JSON contract, so
 * rustabi's PassMode decisions can be compared with rustc's key by key.
 *
 * One `#![no_core]` crate per batch of ≤ 1000 fns, built like the layout oracle's (oracle.ts):
 * `#![feature(unsized_fn_params, rust_cold_cc)]` + NO_CORE_HEADER + the caller's defs + one line per fn,
 * `#[rustc_abi(debug)] <fn text with its name rewritten to __f<i>> { loop {} }`. `loop {}` has type `!`,
 * so the body compiles for every return type, `-> !` included, and with unsized by-value params.
 *
 * Unlike `rustc_layout(debug)`, the ABI dumps run after type checking and a layout error while computing
 * one fn's ABI is fatal (rustc's abi_test uses `emit_fatal`); some errors (a cycle through a recursive
 * type of the defs) abort the compilation before any dump. So a batch is settled in rounds: a fn with an
 * error on its line gets that error, a fn with a dump gets its ABI, and the rest are compiled again
 * without the settled fns. When a round settles nothing, the ICE query stack (`computing call ABI of
 * `__f7``) names the culprit; a cycle through a recursive def sets apart the fns naming it; failing
 * that, the rest is bisected until the fn that stops rustc is alone (and gets whatever rustc printed).
 *
 * What rustc 1.95 prints (and what we keep), per `ArgAbi { layout: TyAndLayout { ty, layout }, mode }`:
 *   - `mode: Ignore` | `Direct(ArgAttributes)` | `Pair(ArgAttributes, ArgAttributes)`
 *     | `Cast { pad_i32: bool, cast: CastTarget { prefix: [Option<Reg>; 8], rest_offset: Option<Size>,
 *       rest: Uniform { unit: Reg { kind: Integer|Float|Vector, size }, total: Size, is_consecutive },
 *       attrs: ArgAttributes } }`
 *     | `Indirect { attrs: ArgAttributes, meta_attrs: Option<ArgAttributes>, on_stack: bool }`;
 *   - `ArgAttributes { regular: <bitflags>, arg_ext: None|Zext|Sext, pointee_size, pointee_align }`;
 *   - FnAbi's own fields: `args, ret, c_variadic, fixed_count, conv, can_unwind`; `conv` is the Debug of
 *     rustc's CanonAbi: `Rust`, `C`, `RustCold`, `X86(SysV64)`, … (printed here in one line).
 *     `extern "system"` and `extern "C-unwind"` print `C`.
 * Observed on rustc 1.95 (x86_64, aarch64, aarch64 softfloat, riscv64gc, wasm32): `prefix` always prints
 * 8 entries; `pad_i32` is always false and the CastTarget's `attrs.arg_ext` always None; x86_64 C
 * `{u64, u64}` is prefix [i64] + rest i64 (total 8), not a 16-byte Uniform, while `{f32, f32}` is rest
 * Float(8); riscv C `{f32, f64}` is prefix [f32] + rest f64 at rest_offset 8; aarch64 C HFAs are
 * `is_consecutive: true` Float units; Indirect `on_stack: true` only for x86_64 C MEMORY args (byval).
 */
import type { Diagnostic } from './oracle.js';
import { NO_CORE_HEADER, primarySpan, quotedName, requireRustc, runCachedBatches, runOracleCrate } from './oracle.js';
import type { DebugStruct, DebugValue } from './rustc-debug.js';
import { asBool, asInt, asList, asStruct, asTuple, field, nameOf, parseDumpMessage } from './rustc-debug.js';

// ---- the JSON contract

export type OracleRegKind = 'int' | 'float' | 'vector';
export interface OracleReg { readonly kind: OracleRegKind; readonly size: number }
export type OracleExt = 'zext' | 'sext' | null;

/** rustc's CastTarget: the `prefix` registers (None entries dropped), then `rest`: `total` bytes of `unit`s. */
export interface OracleCast {
  readonly prefix: readonly OracleReg[];
  readonly unit: OracleReg;
  readonly total: number;
  /** `rest_offset`, when rustc sets it: the byte offset of `rest` (riscv C `{f32, f64}`: 8). */
  readonly restOffset?: number;
  /** `rest.is_consecutive`, only when true (aarch64 C homogeneous aggregates). */
  readonly consecutive?: true;
}

export interface OracleArgAbi {
  readonly mode: 'ignore' | 'direct' | 'pair' | 'cast' | 'indirect';
  readonly cast?: OracleCast;
  /**
   * direct: 1 entry, pair: 2 entries, from each ArgAttributes' `arg_ext`. cast: 1 entry from the
   * CastTarget's `attrs`, present only when rustc extends the cast (never seen on our targets).
   */
  readonly ext?: readonly OracleExt[];
  /** indirect: rustc's `on_stack` (x86_64 C `byval`: the copy sits in the argument area, no pointer). */
  readonly onStack?: boolean;
  /** indirect with `meta_attrs: Some(…)`: an unsized by-value param, passed as data pointer + metadata. */
  readonly meta?: true;
  /** cast with `pad_i32: true` (an i32 of padding before the cast; never seen on our targets). */
  readonly padI32?: true;
  /** The layout of `type` (not of what is passed). */
  readonly size: number;
  readonly align: number;
  /** rustc's printed `ty`: aliases expanded, e.g. `Result<(), Error>`, `!`, `[u8]`. */
  readonly type: string;
}

export interface OracleFnAbi {
  /** The fn text as given. */
  readonly fn: string;
  /** rustc's conv: 'Rust', 'C', 'RustCold', 'X86(SysV64)', … */
  readonly conv: string;
  readonly args: readonly OracleArgAbi[];
  readonly ret: OracleArgAbi;
}

export interface OracleAbiError {
  readonly fn: string;
  /** rustc's error code (`E0412`), or 'rustc' (uncoded error), 'ice', 'harness' (no `fn <name>` in the text), 'missing'. */
  readonly error: { readonly code: string; readonly message: string };
}

export type OracleAbiResult = OracleFnAbi | OracleAbiError;

// ---- dump → JSON

/** `Size(8 bytes)` → 8. */
function bytes(v: DebugValue | undefined): number {
  return asInt(asTuple(v, 'Size').items[0]);
}

/** `Some(x)` → x, `None` → undefined. */
function option(v: DebugValue | undefined): DebugValue | undefined {
  if (nameOf(v) === 'None') return undefined;
  return asTuple(v, 'Some').items[0];
}

const REG_KINDS: Readonly<Record<string, OracleRegKind>> = { Integer: 'int', Float: 'float', Vector: 'vector' };

function reg(v: DebugValue | undefined): OracleReg {
  const r = asStruct(v, 'Reg');
  const kind = REG_KINDS[nameOf(field(r, 'kind')) ?? ''];
  if (kind === undefined) throw new Error(`unknown RegKind ${nameOf(field(r, 'kind')) ?? '?'}`);
  return { kind, size: bytes(field(r, 'size')) };
}

/** `ArgAttributes { arg_ext: None | Zext | Sext, … }` → null | 'zext' | 'sext'. */
function ext(attrs: DebugValue | undefined): OracleExt {
  const e = nameOf(field(asStruct(attrs, 'ArgAttributes'), 'arg_ext'));
  switch (e) {
    case 'None': return null;
    case 'Zext': return 'zext';
    case 'Sext': return 'sext';
    default: throw new Error(`unknown ArgExtension ${e ?? '?'}`);
  }
}

type ModeJson = Omit<OracleArgAbi, 'size' | 'align' | 'type'>;

function modeFromDump(v: DebugValue): ModeJson {
  switch (nameOf(v)) {
    case 'Ignore': return { mode: 'ignore' };
    case 'Direct': return { mode: 'direct', ext: [ext(asTuple(v).items[0])] };
    case 'Pair': {
      const t = asTuple(v);
      return { mode: 'pair', ext: [ext(t.items[0]), ext(t.items[1])] };
    }
    case 'Cast': {
      const c = asStruct(v);
      const target = asStruct(field(c, 'cast'), 'CastTarget');
      const rest = asStruct(field(target, 'rest'), 'Uniform');
      const prefix: OracleReg[] = [];
      for (const p of asList(field(target, 'prefix'))) {
        const r = option(p);
        if (r !== undefined) prefix.push(reg(r));
      }
      const restOffset = option(field(target, 'rest_offset'));
      // Older rustc had no is_consecutive / attrs; treat a missing one as the default.
      const consecutive = rest.fields['is_consecutive'] !== undefined && asBool(rest.fields['is_consecutive']);
      const castExt = target.fields['attrs'] === undefined ? null : ext(target.fields['attrs']);
      const cast: OracleCast = {
        prefix, unit: reg(field(rest, 'unit')), total: bytes(field(rest, 'total')),
        ...(restOffset === undefined ? {} : { restOffset: bytes(restOffset) }),
        ...(consecutive ? { consecutive: true as const } : {}),
      };
      return {
        mode: 'cast', cast,
        ...(castExt === null ? {} : { ext: [castExt] }),
        ...(asBool(field(c, 'pad_i32')) ? { padI32: true as const } : {}),
      };
    }
    case 'Indirect': {
      const s = asStruct(v);
      return {
        mode: 'indirect', onStack: asBool(field(s, 'on_stack')),
        ...(option(field(s, 'meta_attrs')) === undefined ? {} : { meta: true as const }),
      };
    }
    default: throw new Error(`unknown PassMode ${nameOf(v) ?? String(v)}`);
  }
}

function rawText(v: DebugValue | undefined): string {
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && (v as { kind?: string }).kind === 'raw') {
    return (v as { text: string }).text;
  }
  throw new Error('expected the raw text of a type');
}

/** One `ArgAbi { layout: TyAndLayout { ty, layout }, mode }` → our JSON. */
export function argAbiFromDump(v: DebugValue | undefined): OracleArgAbi {
  const a = asStruct(v, 'ArgAbi');
  const tl = asStruct(field(a, 'layout'), 'TyAndLayout');
  const layout = asStruct(field(tl, 'layout'), 'Layout');
  const align = asInt(asTuple(field(asStruct(field(layout, 'align')), 'abi'), 'Align').items[0]);
  return { ...modeFromDump(field(a, 'mode')), size: bytes(field(layout, 'size')), align, type: rawText(field(tl, 'ty')) };
}

/** A Debug value on one line: `X86(SysV64)`, `Rust`. */
export function debugText(v: DebugValue): string {
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `[${v.map(debugText).join(', ')}]`;
  const n = v as Exclude<DebugValue, bigint | number | boolean | string | readonly DebugValue[]>;
  switch (n.kind) {
    case 'unit': return n.name;
    case 'tuple': return `${n.name}(${n.items.map(debugText).join(', ')})`;
    case 'struct': return `${n.name} { ${Object.entries((n as DebugStruct).fields).map(([k, x]) => `${k}: ${debugText(x)}`).join(', ')} }`;
    case 'flags': return n.names.join(' | ');
    case 'raw': return n.text;
    case 'char': return `'${n.value}'`;
    case 'range': return `${n.start ?? ''}..${n.inclusive ? '=' : ''}${n.end ?? ''}`;
    case 'map': return `{ ${n.entries.map(([k, x]) => `${debugText(k)}: ${debugText(x)}`).join(', ')} }`;
  }
}

/** The parsed value of one `fn_abi_of(f) = FnAbi { … }` dump → our JSON; `fnText` goes into `fn`. */
export function fnAbiJsonFromDump(tree: DebugValue, fnText: string): OracleFnAbi {
  const f = asStruct(tree, 'FnAbi');
  return {
    fn: fnText,
    conv: debugText(field(f, 'conv')),
    args: asList(field(f, 'args')).map(argAbiFromDump),
    ret: argAbiFromDump(field(f, 'ret')),
  };
}

// ---- the crate

/** Features only the ABI crate needs: unsized by-value params (Indirect with meta), `extern "rust-cold"`. */
const ABI_FEATURES = '#![feature(unsized_fn_params, rust_cold_cc)]\n';
const FN_NAME = /\bfn\s+(?:r#)?[A-Za-z_][A-Za-z0-9_]*/;

/** `pub fn f(x: u8)` → `#[rustc_abi(debug)] pub fn __f<i>(x: u8) { loop {} }` on one line; undefined without `fn <name>`. */
function fnLine(text: string, i: number): string | undefined {
  const folded = text.replace(/\s*\r?\n\s*/g, ' ').trim().replace(/;$/, '');
  if (!FN_NAME.test(folded)) return undefined;
  return `#[rustc_abi(debug)] ${folded.replace(FN_NAME, `fn __f${i}`)} { loop {} }`;
}

interface AbiCrate {
  readonly text: string;
  readonly lines: readonly string[];
  /** 1-based line of the first fn; the k-th fn of the run sits on firstFnLine + k. */
  readonly firstFnLine: number;
  /** The first defs line (lines before it are the header). */
  readonly firstDefsLine: number;
}

function buildAbiCrate(defs: string, fnLines: readonly string[]): AbiCrate {
  const body = defs === '' || defs.endsWith('\n') ? defs : `${defs}\n`;
  const head = `${ABI_FEATURES}${NO_CORE_HEADER}`;
  const text = `${head}${body}${fnLines.map((l) => `${l}\n`).join('')}`;
  const lines = text.split('\n');
  return { text, lines, firstFnLine: lines.length - fnLines.length, firstDefsLine: head.split('\n').length };
}

// ---- one batch

interface FnDiag { readonly code: string | null; readonly message: string }

interface RunOutcome {
  readonly dumps: ReadonlyMap<number, OracleFnAbi>;
  /** Errors whose primary span is on a fn's line, by batch index. */
  readonly lineDiags: ReadonlyMap<number, readonly FnDiag[]>;
  /** Errors with no source line, cycle errors (E0391) outside the fn lines, ICE messages. */
  readonly stray: readonly FnDiag[];
  /** E0072 in defs: type name → rustc's message. */
  readonly recursive: ReadonlyMap<string, string>;
  /** The batch index an ICE's query stack names. */
  readonly ice: number | undefined;
  readonly code: number | null;
}

/** Which recursive type of the defs `text` names (as an identifier), if any. */
function mentionedRecursive(text: string, recursive: ReadonlyMap<string, string>): string | undefined {
  const idents = new Set(text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
  return [...recursive.keys()].find((n) => idents.has(n));
}

/** The error of a fn from its diagnostics: the first with an error code (the root cause), else the first. */
function fnError(fnText: string, diags: readonly FnDiag[], recursive: ReadonlyMap<string, string>): OracleAbiError {
  const d = diags.find((x) => x.code !== null) ?? diags[0];
  if (d === undefined) return { fn: fnText, error: { code: 'missing', message: 'rustc printed neither an ABI nor an error for this fn' } };
  if ((d.code === 'E0391' || d.message.startsWith('a cycle occurred')) && recursive.size > 0) {
    // A cycle through a recursive struct of the defs: report that struct's E0072, as the layout oracle does.
    const named = quotedName(d.message);
    const name = named !== undefined && recursive.has(named) ? named : mentionedRecursive(fnText, recursive);
    const message = name === undefined ? undefined : recursive.get(name);
    if (message !== undefined) return { fn: fnText, error: { code: 'E0072', message } };
  }
  return { fn: fnText, error: { code: d.code ?? 'rustc', message: d.message } };
}

class AbiBatch {
  private readonly results: (OracleAbiResult | undefined)[];
  private readonly lines: (string | undefined)[];
  private readonly recursive = new Map<string, string>();
  private runs = 0;
  /** A bound on rustc runs (bisection needs about 2 per culprit and level); only a runaway loop reaches it. */
  private readonly maxRuns: number;
  private defsChecked = false;

  constructor(private readonly rustc: string, private readonly triple: string, private readonly defs: string,
    private readonly fns: readonly string[]) {
    this.lines = fns.map((f, i) => fnLine(f, i));
    this.maxRuns = 16 + 4 * fns.length;
    this.results = fns.map((f, i) => this.lines[i] === undefined
      ? { fn: f, error: { code: 'harness', message: 'no `fn <name>` in the fn text' } }
      : undefined);
  }

  async settleAll(): Promise<OracleAbiResult[]> {
    await this.settle(this.fns.map((_, i) => i).filter((i) => this.results[i] === undefined));
    return this.fns.map((f, i) => this.results[i] ?? { fn: f, error: { code: 'missing', message: 'not settled' } });
  }

  /** Compiles the fns `subset` (batch indices) and settles what the run tells; recurses on the rest. */
  private async settle(subset: readonly number[]): Promise<void> {
    if (subset.length === 0) return;
    const o = await this.runOnce(subset);
    for (const [k, v] of o.recursive) this.recursive.set(k, v);
    let progress = false;
    const settleAs = (i: number, r: OracleAbiResult): void => { this.results[i] = r; progress = true; };
    for (const i of subset) {
      const diags = o.lineDiags.get(i);
      const dump = o.dumps.get(i);
      // An error on the fn's line wins over a dump: the ABI of an ill-formed fn is not evidence.
      if (diags !== undefined) settleAs(i, fnError(this.fns[i] ?? '', diags, this.recursive));
      else if (dump !== undefined) settleAs(i, dump);
    }
    const open = (): number[] => subset.filter((i) => this.results[i] === undefined);
    if (open().length === 0) return;

    // An ICE names the fn whose ABI rustc was computing.
    if (o.ice !== undefined && this.results[o.ice] === undefined) {
      const ice = o.stray.find((d) => d.code === 'ice');
      settleAs(o.ice, { fn: this.fns[o.ice] ?? '', error: { code: 'ice', message: ice?.message ?? 'rustc crashed computing this fn\'s ABI' } });
    }
    const rest = open();
    if (rest.length === 0) return;
    if (progress) return this.settle(rest);
    // A cycle through a recursive struct of the defs (rustc needs to know whether a param needs drop)
    // stops rustc before any dump, and rustc does not say which fn needed it. Suspect the fns that name
    // such a struct (behind a pointer they may well be fine), settle the others apart, then bisect.
    if (this.recursive.size > 0 && o.stray.some((d) => d.code === 'E0391')) {
      const suspects = rest.filter((i) => mentionedRecursive(this.fns[i] ?? '', this.recursive) !== undefined);
      if (suspects.length > 0 && suspects.length < rest.length) {
        const others = rest.filter((i) => !suspects.includes(i));
        await Promise.all([this.settle(others), this.settle(suspects)]);
        return;
      }
    }
    if (rest.length === 1) {
      const i = rest[0] as number;
      const d = o.stray.find((x) => x.code !== null) ?? o.stray[0];
      this.results[i] = d === undefined
        ? { fn: this.fns[i] ?? '', error: { code: 'missing', message: `rustc (exit ${o.code ?? 'signal'}) printed no ABI for this fn and no error on its line` } }
        : fnError(this.fns[i] ?? '', [d], this.recursive);
      return;
    }
    // Nothing settled and no culprit named: make sure the defs alone compile, then bisect.
    if (!this.defsChecked) {
      this.defsChecked = true;
      const empty = await this.runOnce([]);
      if (empty.stray.length > 0 || (empty.code !== 0 && empty.code !== 1)) {
        throw new Error(`oracle batch for ${this.triple} failed: rustc rejects the header/defs alone (exit ${empty.code ?? 'signal'}):\n`
          + empty.stray.slice(0, 10).map((d) => `${d.code ?? 'error'}: ${d.message}`).join('\n'));
      }
    }
    const mid = rest.length >> 1;
    await Promise.all([this.settle(rest.slice(0, mid)), this.settle(rest.slice(mid))]);
  }

  private async runOnce(subset: readonly number[]): Promise<RunOutcome> {
    if (++this.runs > this.maxRuns) {
      throw new Error(`oracle batch for ${this.triple} failed: still unsettled after ${this.maxRuns} rustc runs`);
    }
    const crate = buildAbiCrate(this.defs, subset.map((i) => this.lines[i] ?? ''));
    const dumps = new Map<number, OracleFnAbi>();
    const lineDiags = new Map<number, FnDiag[]>();
    const stray: FnDiag[] = [];
    const recursive = new Map<string, string>();
    const fatal: string[] = [];
    const inSubset = new Set(subset);

    const onDiagnostic = (d: Diagnostic): void => {
      if (d.$message_type !== undefined && d.$message_type !== 'diagnostic') return;
      if (!d.level.startsWith('error') || d.message.startsWith('aborting due to')) return;
      const code = d.code?.code ?? null;
      if (d.level !== 'error') { // `error: internal compiler error`
        stray.push({ code: 'ice', message: d.message });
        return;
      }
      if (d.message.startsWith('fn_abi_of(')) {
        try {
          const dump = parseDumpMessage(d.message);
          const i = /^__f(\d+)$/.exec(dump.subject)?.[1];
          if (i === undefined || !inSubset.has(Number(i))) throw new Error(`a dump for \`${dump.subject}\`, which is not in this run`);
          dumps.set(Number(i), fnAbiJsonFromDump(dump.value, this.fns[Number(i)] ?? ''));
        } catch (e) {
          fatal.push(`cannot read rustc's ABI dump: ${(e as Error).message}`);
        }
        return;
      }
      const line = primarySpan(d)?.line_start ?? 0;
      const k = line - crate.firstFnLine;
      const i = subset[k];
      if (k >= 0 && i !== undefined) {
        let list = lineDiags.get(i);
        if (list === undefined) lineDiags.set(i, list = []);
        list.push({ code, message: d.message });
      } else if (code === 'E0072' && line >= crate.firstDefsLine && line < crate.firstFnLine) {
        // A recursive struct in defs: harmless until a fn needs it, then a cycle error stops rustc.
        recursive.set(quotedName(d.message) ?? '', d.message);
      } else if (line === 0 || code === 'E0391') {
        stray.push({ code, message: d.message });
      } else {
        fatal.push(`${code === null ? 'error' : `error[${code}]`}: ${d.message}\n  at line ${line}: ${crate.lines[line - 1] ?? ''}`);
      }
    };

    const { code, signal, stray: strayText, seen } = await runOracleCrate(this.rustc, this.triple, crate.text, onDiagnostic);
    // 101: rustc panicked (an ICE); anything else but 0/1 is a crash we cannot attribute.
    // 101 with nothing seen: the first fn of the run crashed rustc; its query stack names it below.
    if ((code !== 0 && code !== 1 && code !== 101) || signal !== null || (seen === 0 && subset.length > 0 && code !== 101)) {
      throw new Error(`rustc --target ${this.triple} failed (exit ${code ?? signal}):\n${strayText.slice(0, 4000)}`);
    }
    if (fatal.length > 0) {
      throw new Error(`oracle batch for ${this.triple} failed: rustc errors in the header/defs, or an unreadable dump:\n`
        + fatal.slice(0, 10).join('\n') + (fatal.length > 10 ? `\n… and ${fatal.length - 10} more` : ''));
    }
    let ice: number | undefined;
    if (code === 101) {
      // A panic prints as plain text: `panicked at <file:line>:\n<message>` … `query stack during panic:`
      // `#0 [fn_abi_of_instance] computing call ABI of `__f3``.
      const query = strayText.split('\n').filter((l) => /^#\d+ \[/.test(l));
      const named = query.map((l) => /`__f(\d+)`/.exec(l)?.[1]).find((x) => x !== undefined && inSubset.has(Number(x)));
      if (named !== undefined) ice = Number(named);
      const panic = /panicked at ([^\n]*):\n([^\n]*)/.exec(strayText);
      const what = panic === null ? 'rustc panicked' : `rustc panicked at ${panic[1] ?? ''}: ${panic[2] ?? ''}`;
      stray.push({ code: 'ice', message: query[0] === undefined ? what : `${what} (${query[0]})` });
    }
    return { dumps, lineDiags, stray, recursive, ice, code };
  }
}

// ---- the API

export interface RustcFnAbisOptions {
  /** rustc target triple, e.g. TARGETS.x86_64.triple. */
  readonly triple: string;
  /** Rust items the fns refer to (the prelude, test definitions); compiled after NO_CORE_HEADER. */
  readonly defs: string;
  /**
   * Complete fn item texts without attributes or body, e.g. `pub fn f(x: u8) -> Option<usize>` or
   * `pub extern "C" fn g(a: u64, s: S1) -> S1`. Names need not be unique (each is renamed `__f<i>`).
   */
  readonly fns: readonly string[];
  /** The rustc to run (default: findRustc()). */
  readonly rustc?: string;
  /** Results cache directory (default `.cache/oracle` under the cwd); null disables it. */
  readonly cacheDir?: string | null;
}

/**
 * rustc's FnAbi of every fn in `fns` (in that order), or the error rustc reported on that fn.
 * Throws if rustc is missing, crashes without naming a fn, or rejects the header or defs.
 */
export async function rustcFnAbis(opts: RustcFnAbisOptions): Promise<OracleAbiResult[]> {
  const rustc = requireRustc(opts.rustc);
  const cacheDir = opts.cacheDir === undefined ? `${process.cwd()}/.cache/oracle` : opts.cacheDir;
  return runCachedBatches(rustc, cacheDir, opts.triple, opts.fns,
    (batch) => buildAbiCrate(opts.defs, batch.map((f, i) => fnLine(f, i) ?? `// no fn name: ${f.replace(/\s+/g, ' ')}`)),
    (_crate, batch) => new AbiBatch(rustc, opts.triple, opts.defs, batch).settleAll(),
    (r, fn) => ({ ...r, fn }));
}
