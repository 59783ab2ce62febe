/**
 * Shared plumbing of the emulator tests: the CI rule (Unicorn and rustc must exist on CI; elsewhere a
 * visible skip), the fixture crate (prelude + test/emu/fixtures/calls.rs, built once per target and
 * cached), and one loaded harness per target whose register maps come from rustabi reading the very
 * same Rust source.
 */
import type { TestContext } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FnAbi } from '../../src/model/abi.js';
import type { TargetDataLayout, TargetId } from '../../src/model/target.js';
import type { LayoutSession } from '../../src/query/layout.js';
import { createLayoutSession } from '../../src/query/layout.js';
import { fnAbiOf } from '../../src/query/abi.js';
import { PRELUDE_RS } from '../../src/prelude/core-rs.js';
import type { CallOptions, CallResult, LoadedImage } from '../../src/emu/index.js';
import { CallHarness, buildFixture, openUnicorn, unicornStatus } from '../../src/emu/index.js';
import { findRustc } from '../../src/testing/oracle.js';
import { ON_CI } from '../support/env.js';
import { REPO_ROOT } from '../support/corpus.js';

/** User-space targets and the kernel flavours (built for their oracle triples). */
export const EMU_TARGETS: readonly TargetId[] = ['x86_64', 'aarch64', 'riscv64', 'x86_64-kernel', 'aarch64-kernel', 'riscv64-kernel'];

export const FIXTURE_RS: string = readFileSync(join(REPO_ROOT, 'test', 'emu', 'fixtures', 'calls.rs'), 'utf8');

/** True when the emulator and rustc are both here; on CI a missing one fails the test, elsewhere it skips visibly. */
export function requireEmulator(t: TestContext): boolean {
  const uc = unicornStatus();
  const rustc = findRustc();
  const missing = [
    ...(uc.ok ? [] : [`Unicorn (${uc.detail})`]),
    ...(rustc === null ? ['rustc 1.95 (PATH or ~/.cargo/bin)'] : []),
  ];
  if (missing.length === 0) return true;
  if (ON_CI) throw new Error(`the emulator tests need ${missing.join(' and ')} on CI; scripts/test.mjs installs libunicorn2 when it runs as root`);
  t.skip(`emulator test skipped, missing: ${missing.join(', ')} (it fails on CI)`);
  return false;
}

export interface TargetRig {
  readonly target: TargetId;
  readonly dl: TargetDataLayout;
  readonly session: LayoutSession;
  readonly harness: CallHarness;
  readonly image: LoadedImage;
  readonly fixtureKind: 'cdylib' | 'static';
  /** rustabi's register map of a fixture function (read from calls.rs by name). */
  abi(name: string): FnAbi;
  /** The same, or the diagnostic codes rustabi answered with. */
  tryAbi(name: string): FnAbi | { readonly codes: readonly string[]; readonly message: string };
  call(name: string, args: readonly Uint8Array[], opts?: CallOptions): { abi: FnAbi; r: CallResult };
}

const rigs = new Map<TargetId, Promise<TargetRig>>();

async function makeRig(target: TargetId): Promise<TargetRig> {
  const s = createLayoutSession({ target, defs: [{ name: 'test/emu/fixtures/calls.rs', text: FIXTURE_RS }] });
  if (!s.ok) throw new Error(`calls.rs does not resolve for ${target}: ${s.errors.map((e) => e.message).join('; ')}`);
  const session = s.value;
  const fx = await buildFixture({ source: `${PRELUDE_RS}\n${FIXTURE_RS}`, triple: session.target.triple });
  const harness = new CallHarness(openUnicorn(session.target.arch as 'x86_64' | 'aarch64' | 'riscv64'));
  const image = harness.load(fx.bytes);
  const abis = new Map<string, FnAbi>();
  const abi = (name: string): FnAbi => {
    let a = abis.get(name);
    if (a === undefined) {
      const r = fnAbiOf(session, name);
      if (!r.ok) throw new Error(`rustabi has no register map for ${name} on ${target}: ${r.errors.map((e) => e.message).join('; ')}`);
      a = r.value.abi;
      abis.set(name, a);
    }
    return a;
  };
  const tryAbi = (name: string): FnAbi | { codes: string[]; message: string } => {
    const r = fnAbiOf(session, name);
    return r.ok ? r.value.abi : { codes: r.errors.map((e) => e.code), message: r.errors.map((e) => e.message).join('; ') };
  };
  return {
    target, dl: session.target, session, harness, image, fixtureKind: fx.kind, abi, tryAbi,
    call(name: string, args: readonly Uint8Array[], opts?: CallOptions) {
      const a = abi(name);
      // A watchdog: a misplaced argument must not hang the run (a timeout costs ~0.5 ms per call).
      return { abi: a, r: harness.call({ image, name }, a, args, { timeoutUs: 5_000_000, ...opts }) };
    },
  };
}

/** The loaded fixture for `target` (built and loaded once per test file). */
export function rig(target: TargetId): Promise<TargetRig> {
  let r = rigs.get(target);
  if (r === undefined) {
    r = makeRig(target);
    rigs.set(target, r);
  }
  return r;
}

export async function disposeRigs(): Promise<void> {
  for (const r of rigs.values()) {
    try { (await r).harness.dispose(); } catch { /* a rig that failed to build has nothing to free */ }
  }
  rigs.clear();
}

/** The register names (or stack offsets) of each piece, for readable assertions. */
export function locs(pieces: readonly { readonly loc: { readonly reg: string } | { readonly stack: number } | { readonly param: number } }[]): string[] {
  return pieces.map((p) => ('reg' in p.loc ? p.loc.reg : 'stack' in p.loc ? `sp+${p.loc.stack}` : `param${p.loc.param}`));
}
