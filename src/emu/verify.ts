/**
 * `verify`: a user's check of rustabi's register map against their own compiler. For a signature, a
 * fixture is compiled with the installed rustc: per parameter an echo function with the same parameter
 * list that returns that parameter (`fn __rustabi_echo_i(<params>) -> T_i { p_i }`), and an identity
 * for the return type. Random calls place every argument where rustabi's map says (all other registers
 * POISON) and read the echo's return where rustabi says it comes back: a parameter read from the wrong
 * register, a wrong stack slot, a wrong tag encoding or a misread return gives another value.
 *
 * Random values come from random bytes (biased towards 0, 1 and small numbers) kept only when they
 * decode to a valid value of the type, so niches, tags, bools and chars are respected.
 */
import type { Diagnostic, Outcome, Source } from '../model/diagnostics.js';
import type { FnAbi } from '../model/abi.js';
import type { RustValue } from '../model/value.js';
import { createLayoutSession, debugValue, decodeValue, fnAbiOf, parseSourceFile, PRELUDE_RS, valueHasInvalid, valuesEqual } from '../index.js';
import type { LayoutSession } from '../index.js';
import { CallHarness } from './run.js';
import { buildFixture, FIXTURE_RUNTIME, FixtureBuildError } from './fixtures.js';
import { openUnicorn } from './unicorn.js';
import { rustTypeText } from '../testing/rust-text.js';
import { mulberry32 } from '../internal/prng.js';

export interface VerifyOptions {
  readonly signature: string;
  readonly target?: string;
  readonly defs?: readonly Source[];
  /** Random calls per parameter (default 100). */
  readonly cases?: number;
  readonly seed?: number;
}

export interface VerifyReport {
  readonly name: string;
  readonly type: string;
  /** `pass mode @ locations`, e.g. `pair @ rdx, rcx`. */
  readonly where: string;
  readonly calls: number;
  readonly agreed: number;
  /** The first disagreement: what was sent and what came back, as `{:?}`. */
  readonly mismatch: { readonly sent: string; readonly got: string } | null;
  /** Why the parameter was not checked (a ZST, no valid random value found). */
  readonly skipped: string | null;
}

export interface VerifyResult {
  readonly target: string;
  readonly signature: string;
  readonly params: readonly VerifyReport[];
  readonly ret: VerifyReport;
}

function verifyError(message: string): Diagnostic {
  return { code: 'regmap/unsupported', severity: 'error', message };
}

/** Random bytes for a value of `size` bytes: each 8-byte word 0, 1, small, all-ones or random. */
function randomBytes(size: number, r: () => number): Uint8Array {
  const b = new Uint8Array(size);
  for (let w = 0; w < size; w += 8) {
    const k = r();
    const n = Math.min(8, size - w);
    if (k < 0.3) continue;
    if (k < 0.5) { b[w] = 1; continue; }
    if (k < 0.75) { b[w] = Math.floor(r() * 256); continue; }
    if (k < 0.8) { b.fill(0xff, w, w + n); continue; }
    for (let i = 0; i < n; i++) b[w + i] = Math.floor(r() * 256);
  }
  return b;
}

function where(abi: FnAbi, i: number | 'ret'): string {
  const a = i === 'ret' ? abi.ret : abi.args[i];
  if (a === undefined) return '';
  const locs = a.pieces.map((p) => ('reg' in p.loc ? p.loc.reg : 'stack' in p.loc ? `stack+${p.loc.stack}` : `param${p.loc.param}`));
  const sret = i === 'ret' && abi.sret !== null ? ' (hidden pointer)' : '';
  return `${a.mode.kind}${locs.length > 0 ? ` @ ${locs.join(', ')}` : ''}${sret}`;
}

/**
 * The type items (struct, enum, union, type alias; also inside `mod`s) of the definition files, as text
 * the no_core fixture compiles: `derive`/`doc` attributes dropped, `core::…::X` / `kernel::…::X` paths
 * shortened to the prelude's item names. Functions, impls, traits and macros are left out.
 */
function fixtureDefs(sources: readonly Source[]): string {
  const out: string[] = [];
  for (const src of sources) {
    const f = parseSourceFile(src);
    if (!f.ok) continue;
    const walk = (items: readonly { kind: string; span: { start: number; end: number }; attrs?: readonly { span: { start: number } }[]; items?: readonly unknown[] }[]): void => {
      for (const it of items) {
        if (it.kind === 'mod' && it.items !== undefined) { walk(it.items as never); continue; }
        if (!['struct', 'enum', 'union', 'alias'].includes(it.kind)) continue;
        const start = Math.min(it.span.start, ...(it.attrs ?? []).map((a) => a.span.start));
        out.push(src.text.slice(start, it.span.end)
          .replace(/#\[(derive|doc)\b[^\]]*\]/g, '')
          .replace(/\b(?:core|alloc|std|kernel)::(?:\w+::)*(\w+)/g, '$1'));
      }
    };
    walk(f.value.items as never);
  }
  return out.join('\n');
}

interface Check {
  readonly fn: string;
  readonly abi: FnAbi;
  /** Which argument the echo returns (-1: the identity of the return type). */
  readonly echo: number;
}

/** Compiles the echo fixture for `signature` and runs `cases` random calls per parameter in Unicorn. */
export async function verifySignature(opts: VerifyOptions): Promise<Outcome<VerifyResult>> {
  const ses = createLayoutSession({ defs: opts.defs ?? [], ...(opts.target === undefined ? {} : { target: opts.target }) });
  if (!ses.ok) return ses;
  const s: LayoutSession = ses.value;
  const arch = s.target.arch;
  if (arch === 'wasm32') return { ok: false, errors: [verifyError('verify runs fixtures in Unicorn (x86_64, aarch64, riscv64 and their kernel flavours); wasm32 is checked by the test suite in Node')] };
  const main = fnAbiOf(s, opts.signature, '<signature>');
  if (!main.ok) return main;
  const sig = main.value.sig;
  const conv = sig.conv === 'c' ? 'extern "C" ' : 'extern "Rust" ';
  const params = sig.params.map((p, i) => `p${i}: ${rustTypeText(p.ty)}`).join(', ');
  const items: string[] = [];
  const checks: Check[] = [];
  for (const [i, p] of sig.params.entries()) {
    if (p.layout.size === 0) continue;
    const fn = `__rustabi_echo_${i}`;
    const text = `fn ${fn}(${params}) -> ${rustTypeText(p.ty)}`;
    items.push(`#[no_mangle] #[inline(never)] pub ${conv}${text} { p${i} }`);
    const abi = fnAbiOf(s, `${conv}${text}`);
    if (!abi.ok) return abi;
    checks.push({ fn, abi: abi.value.abi, echo: i });
  }
  const retType = rustTypeText(sig.ret.ty);
  if (sig.ret.layout.size > 0 && !sig.ret.layout.uninhabited) {
    const text = `fn __rustabi_ret(v: ${retType}) -> ${retType}`;
    items.push(`#[no_mangle] #[inline(never)] pub ${conv}${text} { v }`);
    const abi = fnAbiOf(s, `${conv}${text}`);
    if (!abi.ok) return abi;
    checks.push({ fn: '__rustabi_ret', abi: abi.value.abi, echo: -1 });
  }
  const defs = fixtureDefs(opts.defs ?? []);
  let fx;
  try {
    fx = await buildFixture({ source: `${PRELUDE_RS}\n${FIXTURE_RUNTIME}pub mod fx {\nuse super::*;\n${defs}\n${items.join('\n')}\n}\n`, triple: s.target.triple });
  } catch (e) {
    if (e instanceof FixtureBuildError) return { ok: false, errors: [verifyError(`the fixture did not compile with the installed rustc (definitions must compile as #![no_core] items over rustabi's prelude):\n${e.message}`)] };
    throw e;
  }
  const h = new CallHarness(openUnicorn(arch));
  try {
    const image = h.load(fx.bytes);
    const r = mulberry32(opts.seed ?? 1);
    const n = opts.cases ?? 100;
    const reports = new Map<number, VerifyReport>();
    for (const c of checks) {
      const shown = c.echo < 0 ? sig.ret : (sig.params[c.echo] as (typeof sig.params)[number]);
      let agreed = 0;
      let calls = 0;
      let mismatch: VerifyReport['mismatch'] = null;
      for (let k = 0; k < n; k++) {
        const args: Uint8Array[] = [];
        let sent: RustValue | null = null;
        for (const [i, a] of c.abi.args.entries()) {
          let bytes: Uint8Array | null = null;
          for (let tries = 0; tries < 64 && bytes === null; tries++) {
            const b = randomBytes(a.layout.size, r);
            const v = decodeValue(b, a.ty, a.layout, s.cx);
            if (v.ok && !valueHasInvalid(v.value)) {
              bytes = b;
              if (i === (c.echo < 0 ? 0 : c.echo)) sent = v.value;
            }
          }
          if (bytes === null) break;
          args.push(bytes);
        }
        if (args.length !== c.abi.args.length || sent === null) continue;
        calls++;
        const res = h.call({ image, name: c.fn }, c.abi, args);
        const back = res.ret === null ? null : decodeValue(res.ret, c.abi.ret.ty, c.abi.ret.layout, s.cx);
        if (back !== null && back.ok && valuesEqual(sent, back.value)) agreed++;
        else mismatch ??= { sent: debugValue(sent), got: back === null ? '<nothing>' : back.ok ? debugValue(back.value) : back.errors[0]?.message ?? '' };
      }
      reports.set(c.echo, {
        name: c.echo < 0 ? 'return' : shown.name ?? `arg${c.echo}`, type: shown.type,
        where: c.echo < 0 ? where(main.value.abi, 'ret') : where(main.value.abi, c.echo),
        calls, agreed, mismatch, skipped: calls === 0 ? 'no valid random value of this type was found' : null,
      });
    }
    const skip = (name: string, type: string, w: string, why: string): VerifyReport => ({ name, type, where: w, calls: 0, agreed: 0, mismatch: null, skipped: why });
    return {
      ok: true, warnings: [],
      value: {
        target: s.target.id, signature: opts.signature,
        params: sig.params.map((p, i) => reports.get(i) ?? skip(p.name ?? `arg${i}`, p.type, where(main.value.abi, i), 'zero-sized: nothing is passed')),
        ret: reports.get(-1) ?? skip('return', sig.ret.type, where(main.value.abi, 'ret'), 'zero-sized or uninhabited: nothing comes back'),
      },
    };
  } finally {
    h.dispose();
  }
}
