/** Test-environment helpers: seeds, case counts, and the rule that CI never skips an oracle test. */
import type { TestContext } from 'node:test';
import { findRustc } from '../../src/testing/oracle.js';

export const ON_CI: boolean = process.env.CI === 'true';

/** The property-test seed: RUSTABI_SEED, else a fresh one (printed by the caller). */
export function seedFromEnv(): number {
  const s = process.env.RUSTABI_SEED;
  return s !== undefined && s !== '' ? Number(s) : Math.floor(Math.random() * 2 ** 31);
}

export function countFromEnv(name: string, dflt: number): number {
  const v = process.env[name];
  return v !== undefined && v !== '' ? Number(v) : dflt;
}

/** The rustc binary, or: on CI a hard failure, elsewhere a visible skip. */
export function requireRustc(t: TestContext): string | null {
  const r = findRustc();
  if (r !== null) return r;
  if (ON_CI) throw new Error('rustc 1.95 is required on CI (it is the oracle) but was not found on PATH or in ~/.cargo/bin');
  t.skip('rustc not found: oracle test skipped (it fails on CI)');
  return null;
}
