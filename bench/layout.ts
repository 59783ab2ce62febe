/**
 * Layout benchmark: rustabi against rustc 1.95 on the same random corpus.
 *
 * The corpus: fast-check `arbRustCase()` cases (seed 424242), renamed `c<i>_…` and concatenated into one
 * defs text, whole cases taken until they hold ≥ 10,000 type expressions. Two comparisons:
 *
 *  (a) whole process against whole process: a fresh `node dist/cli/main.js layout --defs defs.rs
 *      --types-file types.txt --json > /dev/null` against ONE rustc process on one `#![no_core]` crate
 *      (NO_CORE_HEADER + PRELUDE_RS + defs + one `#[rustc_layout(debug)] type __T<i> = …;` per type),
 *      3 runs each, median wall time; peak RSS from /usr/bin/time when it exists.
 *  (b) the solver alone, in process: the corpus is parsed and resolved once (not timed), then all types
 *      are laid out with a fresh `LayoutCx` per repetition (rustc also lays each type out once), median
 *      of several repetitions, against rustc's whole-process time per type from (a). The warm figure
 *      (the same LayoutCx again: every type is a memo hit) is printed separately and is not the
 *      comparison.
 *
 * It also breaks the CLI's in-process work into phases (so a silly hot spot such as the JSON output
 * shows), and with `--profile` runs the CLI once under `node --cpu-prof` and prints the top self-time
 * functions.
 *
 *   npm run bench                       build, then run
 *   node build/bench/layout.js [--types N] [--reps N] [--profile] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { arbRustCase, renameCase } from '../src/testing/arbitraries/index.js';
import { NO_CORE_HEADER, findRustc } from '../src/testing/oracle.js';
import { PRELUDE_RS } from '../src/prelude/core-rs.js';
import { createLayoutSession, preludeFile, variantNamesOf } from '../src/query/layout.js';
import { parseTypeExpr } from '../src/input/parser.js';
import { LayoutCx, layoutOf, layoutToJson } from '../src/layout/index.js';
import { TARGETS } from '../src/model/target.js';
import type { Ty } from '../src/model/ty.js';

const SEED = 424242;
const ROOT = fileURLToPath(new URL('../../', import.meta.url)); // build/bench/ → repo root
const CLI = `${ROOT}dist/cli/main.js`;
const TIME = '/usr/bin/time';

const { values: opts } = parseArgs({
  options: {
    types: { type: 'string', default: '10000' },
    reps: { type: 'string', default: '9' },
    runs: { type: 'string', default: '3' },
    profile: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'solver-only': { type: 'boolean', default: false },
  },
});
const WANTED = Number(opts.types);
const REPS = Math.max(3, Number(opts.reps));
const RUNS = Math.max(1, Number(opts.runs));

// ---- helpers

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function ms(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

function pad(s: string, n: number, right = false): string {
  return right ? s.padEnd(n) : s.padStart(n);
}

interface ProcRun { readonly wallMs: number; readonly status: number | null; readonly maxRssKb: number | null; readonly cpuMs: number | null }

/**
 * Runs `argv` with stdout and stderr sent to the given files, timing the wall clock around the whole
 * process. With /usr/bin/time it also records the peak RSS and the CPU time (user + sys, all threads;
 * less disturbed than the wall clock when other work shares the machine); its own fork/exec adds ~1 ms.
 */
function runTimed(argv: readonly string[], stdoutPath: string, stderrPath: string, env: NodeJS.ProcessEnv = process.env): ProcRun {
  const useTime = existsSync(TIME);
  const rssFile = `${stderrPath}.rss`;
  const cmd = useTime ? [TIME, '-f', '%M %U %S', '-o', rssFile, ...argv] : [...argv];
  const out = openSync(stdoutPath, 'w');
  const err = openSync(stderrPath, 'w');
  try {
    const t0 = performance.now();
    const r = spawnSync(cmd[0] as string, cmd.slice(1), { cwd: ROOT, stdio: ['ignore', out, err], env });
    const wallMs = performance.now() - t0;
    if (r.error !== undefined) throw r.error;
    let maxRssKb: number | null = null;
    let cpuMs: number | null = null;
    if (useTime && existsSync(rssFile)) {
      // The last line (earlier ones are "Command exited with non-zero status 1").
      const last = (readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
      const [rss, user, sys] = last;
      if (last.length === 3 && rss !== undefined && user !== undefined && sys !== undefined && last.every(Number.isFinite)) {
        maxRssKb = rss;
        cpuMs = (user + sys) * 1000;
      }
    }
    return { wallMs, status: r.status, maxRssKb, cpuMs };
  } finally {
    closeSync(out);
    closeSync(err);
  }
}

function mb(kb: number | null): string {
  return kb === null ? 'n/a' : `${(kb / 1024).toFixed(0)} MB`;
}

// ---- the corpus

interface Corpus { readonly defs: string; readonly types: readonly string[]; readonly cases: number }

function buildCorpus(wanted: number): Corpus {
  let defs = '';
  const types: string[] = [];
  let cases = 0;
  const sample = fc.sample(arbRustCase(), { seed: SEED, numRuns: Math.ceil(wanted / 2) + 50 });
  for (const [i, raw] of sample.entries()) {
    if (types.length >= wanted) break;
    const c = renameCase(raw, `c${i}_`);
    defs += c.defs + '\n';
    types.push(...c.types.map((t) => t.replace(/\s*\r?\n\s*/g, ' ')));
    cases++;
  }
  if (types.length < wanted) throw new Error(`the generator produced only ${types.length} types`);
  return { defs, types, cases };
}

// ---- (a) whole processes

interface WholeProcess {
  readonly rustabiMs: number;
  readonly rustcMs: number;
  readonly rustcBaselineMs: number;
  readonly rustabiRssKb: number | null;
  readonly rustcRssKb: number | null;
  readonly rustabiRuns: readonly number[];
  readonly rustcRuns: readonly number[];
  /** Median CPU time (user + sys), null without /usr/bin/time. */
  readonly rustabiCpuMs: number | null;
  readonly rustcCpuMs: number | null;
  readonly rustcDumps: number;
  readonly cliJsonEntries: number;
  readonly cliJsonErrors: number;
  readonly cliJsonBytes: number;
}

function rustcArgs(rustc: string, file: string): string[] {
  return [rustc, '--target', TARGETS.x86_64.triple, '--edition=2021', '--crate-name', 'rustabi_bench',
    '--emit=metadata', '-o', '/dev/null', '-A', 'warnings', file];
}

function wholeProcess(dir: string, corpus: Corpus, rustc: string): WholeProcess {
  const defsFile = `${dir}/defs.rs`;
  const typesFile = `${dir}/types.txt`;
  writeFileSync(defsFile, corpus.defs);
  writeFileSync(typesFile, corpus.types.join('\n') + '\n');
  const aliases = corpus.types.map((t, i) => `#[rustc_layout(debug)] type __T${i} = ${t};`).join('\n');
  const crate = `${dir}/crate.rs`;
  writeFileSync(crate, `${NO_CORE_HEADER}${PRELUDE_RS}\n${corpus.defs}\n${aliases}\n`);
  // The same crate without the aliases: what rustc spends on startup, the prelude and the defs alone.
  const baseline = `${dir}/baseline.rs`;
  writeFileSync(baseline, `${NO_CORE_HEADER}${PRELUDE_RS}\n${corpus.defs}\n`);
  const env = { ...process.env, RUSTC_BOOTSTRAP: '1' };

  const cliArgv = [process.execPath, CLI, 'layout', '--defs', defsFile, '--types-file', typesFile, '--json'];
  // One untimed run of each first: file cache, and a check that both really did the work.
  const check = runTimed(cliArgv, `${dir}/cli.json`, `${dir}/cli.stderr`);
  if (check.status !== 0 && check.status !== 1) throw new Error(`the CLI failed (exit ${check.status}): ${readFileSync(`${dir}/cli.stderr`, 'utf8').slice(0, 2000)}`);
  const cliText = readFileSync(`${dir}/cli.json`, 'utf8');
  const cliJson = JSON.parse(cliText) as { error?: unknown }[];
  const rcheck = runTimed(rustcArgs(rustc, crate), '/dev/null', `${dir}/rustc.stderr`, env);
  const rustcDumps = (readFileSync(`${dir}/rustc.stderr`, 'utf8').match(/^error: layout_of\(/gm) ?? []).length;
  if (rcheck.status !== 1 || rustcDumps === 0) throw new Error(`rustc did not print the layouts (exit ${rcheck.status}); see ${dir}/rustc.stderr`);

  const rustabiRuns: number[] = [];
  const rustcRuns: number[] = [];
  const baseRuns: number[] = [];
  const rustabiCpu: number[] = [];
  const rustcCpu: number[] = [];
  let rustabiRss: number | null = null;
  let rustcRss: number | null = null;
  for (let i = 0; i < RUNS; i++) {
    const a = runTimed(cliArgv, '/dev/null', `${dir}/cli.stderr`);
    rustabiRuns.push(a.wallMs);
    if (a.cpuMs !== null) rustabiCpu.push(a.cpuMs);
    if (a.maxRssKb !== null) rustabiRss = Math.max(rustabiRss ?? 0, a.maxRssKb);
    const r = runTimed(rustcArgs(rustc, crate), '/dev/null', `${dir}/rustc.stderr`, env);
    rustcRuns.push(r.wallMs);
    if (r.cpuMs !== null) rustcCpu.push(r.cpuMs);
    if (r.maxRssKb !== null) rustcRss = Math.max(rustcRss ?? 0, r.maxRssKb);
    baseRuns.push(runTimed(rustcArgs(rustc, baseline), '/dev/null', `${dir}/baseline.stderr`, env).wallMs);
  }
  return {
    rustabiMs: median(rustabiRuns), rustcMs: median(rustcRuns), rustcBaselineMs: median(baseRuns),
    rustabiRssKb: rustabiRss, rustcRssKb: rustcRss, rustabiRuns, rustcRuns, rustcDumps,
    rustabiCpuMs: rustabiCpu.length === 0 ? null : median(rustabiCpu), rustcCpuMs: rustcCpu.length === 0 ? null : median(rustcCpu),
    cliJsonEntries: cliJson.length, cliJsonErrors: cliJson.filter((x) => x.error !== undefined).length,
    cliJsonBytes: Buffer.byteLength(cliText),
  };
}

// ---- (b) the solver in process

interface InProcess {
  readonly resolved: number;
  readonly resolveErrors: number;
  readonly layoutErrors: number;
  readonly firstMs: number;
  readonly freshRuns: readonly number[];
  readonly freshMs: number;
  readonly warmMs: number;
  readonly memoEntries: number;
}

function inProcess(corpus: Corpus): InProcess {
  const s = createLayoutSession({ target: 'x86_64', defs: [{ name: 'defs.rs', text: corpus.defs }] });
  if (!s.ok) throw new Error(`the corpus defs do not parse: ${s.errors[0]?.message ?? ''}`);
  const session = s.value;
  const tys: Ty[] = [];
  let resolveErrors = 0;
  for (const t of corpus.types) {
    const p = parseTypeExpr({ name: '<type>', text: t });
    if (!p.ok) { resolveErrors++; continue; }
    const r = session.resolver.resolveType(p.value);
    if (!r.ok) { resolveErrors++; continue; }
    tys.push(r.value);
  }
  const dl = session.target;
  const layAll = (cx: LayoutCx): number => {
    let errors = 0;
    for (const ty of tys) if (!layoutOf(ty, cx).ok) errors++;
    return errors;
  };
  // The first pass also resolves ADT field types (lazily, memoised in the resolver) and runs cold code.
  let t0 = performance.now();
  const layoutErrors = layAll(new LayoutCx(dl));
  const firstMs = performance.now() - t0;
  const freshRuns: number[] = [];
  let cx = new LayoutCx(dl);
  for (let i = 0; i < REPS; i++) {
    cx = new LayoutCx(dl);
    t0 = performance.now();
    layAll(cx);
    freshRuns.push(performance.now() - t0);
  }
  const warmRuns: number[] = [];
  for (let i = 0; i < REPS; i++) {
    t0 = performance.now();
    layAll(cx);
    warmRuns.push(performance.now() - t0);
  }
  return {
    resolved: tys.length, resolveErrors, layoutErrors, firstMs, freshRuns,
    freshMs: median(freshRuns), warmMs: median(warmRuns), memoEntries: cx.memo.size,
  };
}

// ---- what the CLI does with its time, in process (same steps as src/cli/commands/layout.ts)

interface Phases { readonly [name: string]: number }

function cliPhases(corpus: Corpus): Phases {
  const runOnce = (): Phases => {
    const t: Record<string, number> = {};
    let t0 = performance.now();
    const s = createLayoutSession({ target: 'x86_64', defs: [{ name: 'defs.rs', text: corpus.defs }] });
    t['parse defs + index'] = performance.now() - t0;
    if (!s.ok) throw new Error('defs do not parse');
    const session = s.value;
    t0 = performance.now();
    const results = corpus.types.map((text) => session.layoutOfType(text, 'types.txt'));
    t['per type: parse + resolve + layout'] = performance.now() - t0;
    t0 = performance.now();
    const json = results.map((r, i) => r.ok
      ? layoutToJson(corpus.types[i] as string, r.value.layout, session.target, variantNamesOf(r.value.ty))
      : { type: corpus.types[i] as string, error: { code: r.errors[0]?.code ?? '', message: r.errors[0]?.message ?? '' } });
    t['layoutToJson'] = performance.now() - t0;
    t0 = performance.now();
    const text = JSON.stringify(json, null, 2) + '\n';
    t['JSON.stringify(…, null, 2)'] = performance.now() - t0;
    t['(output MB)'] = text.length / 1e6;
    return t;
  };
  runOnce(); // warm the JIT a little, like the numbers in (b)
  const runs = [runOnce(), runOnce(), runOnce()];
  const out: Record<string, number> = {};
  for (const k of Object.keys(runs[0] as Phases)) out[k] = median(runs.map((r) => r[k] as number));
  return out;
}

/** Node's own startup, and startup + loading the CLI's modules and parsing the prelude. */
function startupCosts(dir: string): { readonly nodeMs: number; readonly loadMs: number } {
  const node: number[] = [];
  const load: number[] = [];
  const script = `${dir}/load.mjs`;
  writeFileSync(script, `import { preludeFile } from ${JSON.stringify(`${ROOT}dist/query/layout.js`)};\nimport ${JSON.stringify(`${ROOT}dist/cli/run.js`)};\npreludeFile();\n`);
  for (let i = 0; i < 5; i++) {
    node.push(runTimed([process.execPath, '-e', '0'], '/dev/null', `${dir}/node.stderr`).wallMs);
    load.push(runTimed([process.execPath, script], '/dev/null', `${dir}/node.stderr`).wallMs);
  }
  return { nodeMs: median(node), loadMs: median(load) };
}

// ---- --profile: the CLI under --cpu-prof, top self-time functions

interface ProfileNode { readonly id: number; readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number }; readonly hitCount?: number }
interface CpuProfile { readonly nodes: readonly ProfileNode[]; readonly startTime: number; readonly endTime: number; readonly samples?: readonly number[]; readonly timeDeltas?: readonly number[] }

function topSelf(profile: CpuProfile, n: number): { name: string; ms: number; pct: number }[] {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    total += dt;
    if (node === undefined) return;
    const f = node.callFrame;
    const file = f.url === '' ? '' : f.url.replace(/^file:\/\//, '').replace(ROOT, '');
    const name = `${file === '' ? '' : `${file}:`}${f.functionName === '' ? '(anonymous)' : f.functionName}${file === '' ? '' : `:${f.lineNumber + 1}`}`;
    self.set(name, (self.get(name) ?? 0) + dt);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, t]) => ({ name, ms: t, pct: (100 * t) / total }));
}

function profileCli(dir: string): void {
  const profDir = `${dir}/prof`;
  runTimed([process.execPath, '--cpu-prof', `--cpu-prof-dir=${profDir}`, CLI, 'layout', '--defs', `${dir}/defs.rs`, '--types-file', `${dir}/types.txt`, '--json'],
    '/dev/null', `${dir}/prof.stderr`);
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  if (file === undefined) { console.log('(no profile written)'); return; }
  const profile = JSON.parse(readFileSync(`${profDir}/${file}`, 'utf8')) as CpuProfile;
  console.log(`\nCLI profile (${profDir}/${file}, ${ms((profile.endTime - profile.startTime) / 1000)} ms sampled), top self time:`);
  for (const x of topSelf(profile, 25)) console.log(`  ${pad(ms(x.ms), 8)} ms ${pad(x.pct.toFixed(1), 5)}%  ${x.name}`);
}

// ---- main

function main(): void {
  if (opts['solver-only']) {
    // `node --cpu-prof build/bench/layout.js --solver-only`: the in-process loop alone, for profiling.
    const b = inProcess(buildCorpus(WANTED));
    console.log(`solver only: ${b.resolved} types, fresh LayoutCx median ${b.freshMs.toFixed(1)} ms (${b.freshRuns.map((x) => x.toFixed(0)).join(', ')})`);
    return;
  }
  const rustc = findRustc();
  if (rustc === null) { console.error('rustc not found ($RUSTC, PATH, ~/.cargo/bin): the benchmark needs it'); process.exitCode = 1; return; }
  if (!existsSync(CLI)) { console.error(`${CLI} is missing: run \`npm run build\` first`); process.exitCode = 1; return; }
  const corpus = buildCorpus(WANTED);
  const N = corpus.types.length;
  const dir = mkdtempSync(`${tmpdir()}/rustabi-bench-`);
  try {
    const version = spawnSync(rustc, ['-V'], { encoding: 'utf8' }).stdout.trim();
    console.log(`rustabi layout benchmark — seed ${SEED}: ${N} types from ${corpus.cases} cases, defs ${(corpus.defs.length / 1024).toFixed(0)} KiB`);
    console.log(`${version} on x86_64-unknown-linux-gnu; node ${process.version}; ${dir}`);
    preludeFile();

    const a = wholeProcess(dir, corpus, rustc);
    const b = inProcess(corpus);
    const rustcPerTypeMs = a.rustcMs / N;
    const perTypeUs = (b.freshMs / b.resolved) * 1000;
    const warmUs = (b.warmMs / b.resolved) * 1000;
    const ratioA = a.rustcMs / a.rustabiMs;
    const ratioB = rustcPerTypeMs / (b.freshMs / b.resolved);

    const row = (what: string, ours: string, theirs: string, ratio: string): string =>
      `${pad(what, 50, true)} ${pad(ours, 14)} ${pad(theirs, 14)} ${pad(ratio, 9)}`;
    console.log('');
    console.log(row('', 'rustabi', 'rustc', 'ratio'));
    console.log(row(`(a) whole process, ${N} types, median of ${RUNS}`, `${ms(a.rustabiMs)} ms`, `${ms(a.rustcMs)} ms`, `${ratioA.toFixed(2)}×`));
    console.log(row('(b) in process, fresh LayoutCx, all types', `${ms(b.freshMs)} ms`, `${ms(a.rustcMs)} ms`, `${ratioB.toFixed(1)}×`));
    console.log(row('    per type', `${perTypeUs.toFixed(2)} µs`, `${(rustcPerTypeMs * 1000).toFixed(1)} µs`, ''));
    console.log(row('    types/s', `${Math.round(b.resolved / (b.freshMs / 1000)).toLocaleString('en-US')}`, `${Math.round(N / (a.rustcMs / 1000)).toLocaleString('en-US')}`, ''));
    if (a.rustabiCpuMs !== null && a.rustcCpuMs !== null) {
      console.log(row('(a) CPU time (user+sys), median of ' + RUNS, `${ms(a.rustabiCpuMs)} ms`, `${ms(a.rustcCpuMs)} ms`, `${(a.rustcCpuMs / a.rustabiCpuMs).toFixed(2)}×`));
    }
    console.log(row('peak RSS (whole process)', mb(a.rustabiRssKb), mb(a.rustcRssKb), ''));
    console.log('ratio = rustc / rustabi (> 1: rustabi faster). Goal: (a) > 1, (b) ≥ 50×.');
    console.log(`  (a) ${ratioA > 1 ? 'met' : 'MISSED'}; (b) ${ratioB >= 50 ? 'met' : 'MISSED'}`);
    console.log('');
    console.log('details');
    console.log(`  (a) runs: rustabi ${a.rustabiRuns.map(ms).join(', ')} ms; rustc ${a.rustcRuns.map(ms).join(', ')} ms`);
    console.log(`      rustc on the same crate without the ${N} aliases (startup + prelude + defs): ${ms(a.rustcBaselineMs)} ms,`);
    console.log(`      so rustc's marginal cost is ${((a.rustcMs - a.rustcBaselineMs) / N * 1000).toFixed(1)} µs per type (layout + dump formatting)`);
    console.log(`      rustc printed ${a.rustcDumps} layout dumps; the CLI printed ${a.cliJsonEntries} entries (${a.cliJsonErrors} errors), ${(a.cliJsonBytes / 1e6).toFixed(1)} MB of JSON`);
    console.log(`  (b) ${b.resolved} types resolved (${b.resolveErrors} failed to resolve), ${b.layoutErrors} layout errors; ${REPS} repetitions`);
    console.log(`      fresh-LayoutCx runs: ${b.freshRuns.map(ms).join(', ')} ms`);
    console.log(`      first pass (cold JIT + lazy resolution of ADT field types): ${ms(b.firstMs)} ms`);
    console.log(`      warm, memoised (same LayoutCx, every type a memo hit; NOT the comparison): ${ms(b.warmMs)} ms, ${warmUs.toFixed(3)} µs/type (${b.memoEntries} memo entries)`);

    const st = startupCosts(dir);
    const ph = cliPhases(corpus);
    console.log('');
    console.log('where the CLI process spends its time (in-process phases, medians; JIT warm):');
    console.log(`  node startup (node -e 0)                        ${pad(ms(st.nodeMs), 8)} ms`);
    console.log(`  + loading the CLI modules and the prelude       ${pad(ms(st.loadMs - st.nodeMs), 8)} ms`);
    for (const [k, v] of Object.entries(ph)) {
      if (k.startsWith('(')) console.log(`  ${pad(k, 47, true)} ${pad(v.toFixed(1), 8)}`);
      else console.log(`  ${pad(k, 47, true)} ${pad(ms(v), 8)} ms`);
    }
    if (opts.profile) profileCli(dir);
  } finally {
    if (opts.keep) console.log(`\nkept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main();
