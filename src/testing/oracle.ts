/**
 * The rustc layout oracle: asks the machine's rustc 1.95 for its own layouts of a list of types and
 * converts each `#[rustc_layout(debug)]` dump to our JSON contract (model/layout-json.ts).
 *
 * One `#![no_core]` crate per batch of ≤ 1000 types: header + the caller's defs + one
 * `#[rustc_layout(debug)] type __T<i> = <type>;` line per type. rustc prints every layout as an error
 * diagnostic; with `--error-format=json` each is one stderr line, mapped back to its type by the
 * primary span's line number. `#![no_core]` means no std is needed, so any target triple works.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import type { LayoutErrorJson, LayoutJson } from '../model/layout-json.js';
import { parseDumpMessage } from './rustc-debug.js';
import { layoutJsonFromDump } from './rustc-layout.js';

export type OracleLayoutResult = LayoutJson | LayoutErrorJson;

const INTS = ['i8', 'i16', 'i32', 'i64', 'i128', 'isize', 'u8', 'u16', 'u32', 'u64', 'u128', 'usize'];
const SIGNED = INTS.filter((t) => t.startsWith('i'));
// Tuples (and `()`) are Copy by a builtin rule: an explicit impl is E0206.
const COPY_PRIMS = [...INTS, 'f16', 'f32', 'f64', 'f128', 'bool', 'char', '!'];

/**
 * The lang items rustc 1.95 needs before it will compute any layout, plus `Copy` impls (union fields
 * must be Copy or ManuallyDrop) and `Neg` (without it a negative discriminant is E0600 and the enum silently gets
 * other values). Everything else (PhantomData, UnsafeCell, Option, …) belongs in the caller's defs.
 */
export const NO_CORE_HEADER: string = [
  '#![feature(no_core, lang_items, rustc_attrs, never_type, f16, f128, repr_simd, decl_macro, auto_traits, negative_impls, transparent_unions, extern_types)]',
  '#![no_core]',
  '#![crate_type = "lib"]',
  '#![allow(warnings)]',
  '#[lang = "pointee_sized"] pub trait PointeeSized {}',
  '#[lang = "meta_sized"] pub trait MetaSized: PointeeSized {}',
  '#[lang = "sized"] pub trait Sized: MetaSized {}',
  '#[lang = "copy"] pub trait Copy {}',
  // What rustc checks union fields against (builtin impls for Copy types, ManuallyDrop<_>, refs, tuples);
  // without it rustc falls back to Copy and rejects `ManuallyDrop<()>` in MaybeUninit (E0740).
  '#[lang = "bikeshed_guaranteed_no_drop"] pub trait BikeshedGuaranteedNoDrop {}',
  COPY_PRIMS.map((t) => `impl Copy for ${t} {}`).join(' '),
  'impl<T: PointeeSized> Copy for &T {} impl<T: PointeeSized> Copy for *const T {} impl<T: PointeeSized> Copy for *mut T {}',
  'impl<T: Copy, const N: usize> Copy for [T; N] {}',
  '#[lang = "neg"] pub trait Neg { type Output; fn neg(self) -> Self::Output; }',
  SIGNED.map((t) => `impl Neg for ${t} { type Output = ${t}; fn neg(self) -> ${t} { -self } }`).join('\n'),
  '',
].join('\n');

const BATCH_SIZE = 1000;
const MAX_PARALLEL = 2;
const LAYOUT_CYCLE = 'a cycle occurred during layout computation';

// ---- finding rustc

let foundRustc: string | null | undefined;

/**
 * `$RUSTC`, `rustc` on PATH, or `$HOME/.cargo/bin/rustc`, resolved to the toolchain's real compiler
 * (`<sysroot>/bin/rustc`, which also runs with a scrubbed environment); null if none runs.
 */
export function findRustc(): string | null {
  if (foundRustc !== undefined) return foundRustc;
  const candidates = [process.env['RUSTC'], 'rustc', `${homedir()}/.cargo/bin/rustc`];
  foundRustc = null;
  for (const c of candidates) {
    if (c === undefined || c === '') continue;
    const r = spawnSync(c, ['--print', 'sysroot'], { encoding: 'utf8' });
    if (r.status !== 0 || typeof r.stdout !== 'string') continue;
    const real = `${r.stdout.trim()}/bin/rustc`;
    foundRustc = spawnSync(real, ['-V'], { encoding: 'utf8' }).status === 0 ? real : c;
    break;
  }
  return foundRustc;
}

/** @internal The rustc to run: `rustc` if given, else findRustc(); throws if there is none. */
export function requireRustc(rustc: string | undefined): string {
  const r = rustc ?? findRustc();
  if (r === null) throw new Error('rustc not found (looked at $RUSTC, PATH and $HOME/.cargo/bin/rustc)');
  return r;
}

const versions = new Map<string, Promise<string>>();

/** `rustc -V`, e.g. 'rustc 1.95.0 (59807616e 2026-04-14)'. */
export function rustcVersion(rustc?: string): Promise<string> {
  const exe = requireRustc(rustc);
  let v = versions.get(exe);
  if (v === undefined) {
    v = new Promise<string>((resolve, reject) => {
      const child = spawn(exe, ['-V'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; });
      child.stderr.resume();
      child.on('error', reject);
      child.on('close', (code) => code === 0 ? resolve(out.trim()) : reject(new Error(`${exe} -V exited with ${code}`)));
    });
    versions.set(exe, v);
    v.catch(() => versions.delete(exe));
  }
  return v;
}

// ---- at most MAX_PARALLEL rustc processes at once, across all callers (the machine has 2 cores)

let running = 0;
const waiting: (() => void)[] = [];

async function withSlot<T>(f: () => Promise<T>): Promise<T> {
  if (running < MAX_PARALLEL) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve)); // the slot is handed over as is
  try {
    return await f();
  } finally {
    const next = waiting.shift();
    if (next !== undefined) next();
    else running--;
  }
}

// ---- one batch

/** @internal One span of a `--error-format=json` diagnostic (the fields the oracles read). */
export interface Span { readonly line_start: number; readonly byte_start: number; readonly byte_end: number; readonly is_primary: boolean }
/** @internal A `--error-format=json` diagnostic (the fields the oracles read). */
export interface Diagnostic {
  readonly $message_type?: string;
  readonly message: string;
  readonly code: { readonly code: string } | null;
  readonly level: string;
  readonly spans: readonly Span[];
  readonly rendered?: string | null;
}

interface TypeDiag { readonly code: string | null; readonly message: string; readonly cycleOf: string | undefined }

interface Crate {
  readonly text: string;
  readonly lines: readonly string[];
  /** 1-based line of `types[0]`; type i sits on line firstTypeLine + i. */
  readonly firstTypeLine: number;
}

function buildCrate(defs: string, types: readonly string[]): Crate {
  const body = defs === '' || defs.endsWith('\n') ? defs : `${defs}\n`;
  // A type must stay on one line, or the line numbers of every later type would shift.
  const aliases = types.map((t, i) => `#[rustc_layout(debug)] type __T${i} = ${t.replace(/\s*\r?\n\s*/g, ' ')};`);
  const text = `${NO_CORE_HEADER}${body}${aliases.join('\n')}\n`;
  const lines = text.split('\n');
  return { text, lines, firstTypeLine: lines.length - types.length };
}

/** @internal */
export function primarySpan(d: Diagnostic): Span | undefined {
  return d.spans.find((s) => s.is_primary) ?? d.spans[0];
}

/** @internal `recursive type `L` has infinite size` / `cycle detected when computing layout of `L`` → 'L'. */
export function quotedName(message: string): string | undefined {
  return /`([^`]+)`/.exec(message)?.[1];
}

/**
 * Chooses a type's error from the diagnostics on its line: the first with an error code (the root
 * cause; rustc adds codeless follow-ups like "the type has an unknown layout"), else the first.
 * A layout cycle caused by a recursive type in defs is reported as that type's E0072.
 */
function typeError(type: string, diags: readonly TypeDiag[], recursive: ReadonlyMap<string, string>): LayoutErrorJson {
  const d = diags.find((x) => x.code !== null) ?? diags[0];
  if (d === undefined) return { type, error: { code: 'missing', message: 'rustc printed neither a layout nor an error for this type' } };
  if (d.code === null && d.message === LAYOUT_CYCLE && recursive.size > 0) {
    const idents = new Set(type.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
    const name = (d.cycleOf !== undefined && recursive.has(d.cycleOf) ? d.cycleOf : undefined)
      ?? [...recursive.keys()].find((n) => idents.has(n));
    const message = name !== undefined ? recursive.get(name) : [...recursive.values()].join('; ');
    return { type, error: { code: 'E0072', message: message ?? LAYOUT_CYCLE } };
  }
  return { type, error: { code: d.code ?? 'rustc', message: d.message } };
}

async function runBatch(rustc: string, triple: string, crate: Crate, types: readonly string[]): Promise<OracleLayoutResult[]> {
  const layouts = new Array<LayoutJson | undefined>(types.length);
  const typeDiags: TypeDiag[][] = types.map(() => []);
  const recursive = new Map<string, string>(); // E0072 in defs: type name → rustc's message
  const fatal: string[] = [];
  let pendingCycle: string | undefined; // a spanless E0391 names the type of the next layout cycle

  const onDiagnostic = (d: Diagnostic): void => {
    if (d.$message_type !== undefined && d.$message_type !== 'diagnostic') return;
    if (!d.level.startsWith('error') || d.message.startsWith('aborting due to')) return;
    const span = primarySpan(d);
    const line = span?.line_start ?? 0;
    const index = line - crate.firstTypeLine;
    const onType = index >= 0 && index < types.length;
    const type = types[index] ?? '';
    if (onType && d.message.startsWith('layout_of(') && d.level === 'error') {
      try {
        layouts[index] = layoutJsonFromDump(parseDumpMessage(d.message).value, type, triple);
      } catch (e) {
        fatal.push(`cannot read rustc's layout dump of \`${type}\`: ${(e as Error).message}`);
      }
    } else if (onType) {
      typeDiags[index]?.push({ code: d.code?.code ?? null, message: d.message, cycleOf: pendingCycle });
    } else if (d.code?.code === 'E0391' && span !== undefined && span.byte_start === 0 && span.byte_end === 0
      && d.message.startsWith('cycle detected when computing layout of')) {
      // A follow-up of a recursive type (reported with a dummy span): the E0072 decides.
      pendingCycle = quotedName(d.message);
      return;
    } else if (d.code?.code === 'E0072' && line > 0 && line < crate.firstTypeLine) {
      // A recursive struct in defs: rustc goes on, and each type that needs its layout gets a cycle error.
      recursive.set(quotedName(d.message) ?? '', d.message);
    } else {
      const where = line > 0 ? `line ${line}: ${crate.lines[line - 1] ?? ''}` : '(no source line)';
      fatal.push(`${d.code === null ? 'error' : `error[${d.code.code}]`}: ${d.message}\n  at ${where}`);
    }
    pendingCycle = undefined;
  };

  const { code, signal, stray, seen } = await runOracleCrate(rustc, triple, crate.text, onDiagnostic);

  if ((code !== 0 && code !== 1) || signal !== null || (seen === 0 && types.length > 0)) {
    throw new Error(`rustc --target ${triple} failed (exit ${code ?? signal}):\n${stray.slice(0, 4000)}`);
  }
  if (fatal.length > 0) {
    throw new Error(`oracle batch for ${triple} failed: rustc errors in the header/defs, or an unreadable dump:\n`
      + fatal.slice(0, 10).join('\n') + (fatal.length > 10 ? `\n… and ${fatal.length - 10} more` : ''));
  }
  return types.map((type, i) => {
    const diags = typeDiags[i] ?? [];
    // An error on the type's line wins over a dump: the layout of an ill-formed type is not evidence.
    return diags.length === 0 && layouts[i] !== undefined ? layouts[i] : typeError(type, diags, recursive);
  });
}

/** @internal What one rustc run over an oracle crate ended with. */
export interface OracleRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** stderr lines that were not JSON diagnostics (an ICE's backtrace and query stack), at most ~8000 chars. */
  readonly stray: string;
  /** How many JSON diagnostics rustc printed. */
  readonly seen: number;
}

/**
 * @internal Compiles one oracle crate (metadata only, JSON diagnostics, warnings off) in a temporary
 * directory, holding one of the MAX_PARALLEL rustc slots, and hands every diagnostic to `onDiagnostic`.
 * It does not judge the exit code: each oracle decides what a failed run means.
 */
export async function runOracleCrate(rustc: string, triple: string, text: string, onDiagnostic: (d: Diagnostic) => void): Promise<OracleRun> {
  const dir = await mkdtemp(`${tmpdir()}/rustabi-oracle-`);
  try {
    const file = `${dir}/oracle.rs`;
    await writeFile(file, text);
    let seen = 0;
    const { code, signal, stray } = await withSlot(() => spawnRustc(rustc, [
      '--target', triple, '--edition=2021', '--crate-name', 'rustabi_oracle', '--error-format=json',
      '--emit=metadata', '-o', `${dir}/oracle.rmeta`, '-A', 'warnings', file,
    ], dir, (d) => { seen++; onDiagnostic(d); }));
    return { code, signal, stray, seen };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs rustc in `cwd`, handing each JSON diagnostic on stderr to `onDiagnostic` as it arrives (dumps can be tens of MB). */
function spawnRustc(rustc: string, args: readonly string[], cwd: string, onDiagnostic: (d: Diagnostic) => void):
  Promise<{ code: number | null; signal: NodeJS.Signals | null; stray: string }> {
  return new Promise((resolve, reject) => {
    // cwd: a panicking rustc writes `rustc-ice-<date>-<pid>.txt` there, so keep it in the temporary directory.
    const child = spawn(rustc, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, RUSTC_BOOTSTRAP: '1' } });
    let buf = '';
    let stray = '';
    const onLine = (line: string): void => {
      if (line.startsWith('{')) {
        try {
          onDiagnostic(JSON.parse(line) as Diagnostic);
          return;
        } catch { /* not a diagnostic: keep it for the error message */ }
      }
      if (stray.length < 8000) stray += `${line}\n`;
    };
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        onLine(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (buf !== '') onLine(buf);
      resolve({ code, signal, stray });
    });
  });
}

// ---- cache

function cacheKey(version: string, triple: string, crate: string): string {
  return createHash('sha256').update(`${version}\0${triple}\0${crate}`).digest('hex');
}

async function readCache<I, R>(file: string, items: readonly I[], restamp: (r: R, item: I) => R): Promise<R[] | undefined> {
  try {
    const cached = JSON.parse(await readFile(file, 'utf8')) as { results?: R[] };
    if (!Array.isArray(cached.results) || cached.results.length !== items.length) return undefined;
    // Re-stamp the caller's spelling (the crate holds each item with its newlines folded).
    return cached.results.map((r, i) => restamp(r, items[i] as I)); // same length, checked above
  } catch {
    return undefined;
  }
}

async function writeCache(dir: string, file: string, results: readonly unknown[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(tmp, JSON.stringify({ results }));
  await rename(tmp, file); // atomic: a concurrent reader sees the old file or the whole new one
}

// ---- the API

export interface RustcLayoutsOptions {
  /** rustc target triple, e.g. TARGETS.x86_64.triple. */
  readonly triple: string;
  /** Rust items the types refer to (the prelude, test definitions); compiled after NO_CORE_HEADER. */
  readonly defs: string;
  /** Rust type expressions, one layout each. */
  readonly types: readonly string[];
  /** The rustc to run (default: findRustc()). */
  readonly rustc?: string;
  /** Results cache directory (default `.cache/oracle` under the cwd); null disables it. */
  readonly cacheDir?: string | null;
}

/**
 * rustc's layout of every type in `types` (in that order), or the error rustc reported on that type.
 * Throws if rustc is missing, crashes, or rejects the header or defs.
 */
export async function rustcLayouts(opts: RustcLayoutsOptions): Promise<OracleLayoutResult[]> {
  const rustc = requireRustc(opts.rustc);
  const cacheDir = opts.cacheDir === undefined ? `${process.cwd()}/.cache/oracle` : opts.cacheDir;
  return runCachedBatches(rustc, cacheDir, opts.triple, opts.types, (types) => buildCrate(opts.defs, types),
    (crate, types) => runBatch(rustc, opts.triple, crate, types),
    (r, type) => ({ ...r, type }));
}

/**
 * @internal The batching shared by the oracles: splits `items` into batches of ≤ BATCH_SIZE, serves a
 * batch from the cache (keyed by rustc's version, the triple and the batch's crate text) or runs it,
 * and concatenates the results in order. `restamp` puts the caller's spelling back into a cached result.
 */
export async function runCachedBatches<I, C extends { readonly text: string }, R>(
  rustc: string, cacheDir: string | null, triple: string, items: readonly I[],
  build: (batch: readonly I[]) => C,
  run: (crate: C, batch: readonly I[]) => Promise<R[]>,
  restamp: (r: R, item: I) => R,
): Promise<R[]> {
  const version = cacheDir === null ? '' : await rustcVersion(rustc);
  const batches: (readonly I[])[] = [];
  for (let i = 0; i < items.length; i += BATCH_SIZE) batches.push(items.slice(i, i + BATCH_SIZE));

  const results = await Promise.all(batches.map(async (batch) => {
    const crate = build(batch);
    const file = cacheDir === null ? null : `${cacheDir}/${cacheKey(version, triple, crate.text)}.json`;
    if (file !== null) {
      const hit = await readCache(file, batch, restamp);
      if (hit !== undefined) return hit;
    }
    const fresh = await run(crate, batch);
    if (file !== null && cacheDir !== null) await writeCache(cacheDir, file, fresh);
    return fresh;
  }));
  return results.flat();
}
