/**
 * Shared plumbing of the differential value tests (identity, constructor, inspector): the no_core form
 * of the Debug generator's user types, a layout session per target, and a loaded fixture with its harness.
 */
import assert from 'node:assert/strict';
import { createLayoutSession } from '../../src/query/layout.js';
import type { LayoutSession } from '../../src/query/layout.js';
import type { TargetId } from '../../src/model/target.js';
import { CallHarness, buildFixture, openUnicorn } from '../../src/emu/index.js';
import type { LoadedImage } from '../../src/emu/index.js';
import { buildWasmFixture, instantiateWasm } from '../../src/emu/wasm.js';
import type { WasmInstance } from '../../src/emu/wasm.js';
import { DEFS } from '../unit/value/debug-cases.js';

/** no_core has no derive; the types are the same without it. */
export const NO_CORE_DEFS: string = DEFS.replace(/#\[derive\(Debug\)\]\s*/g, '');

const harnesses: CallHarness[] = [];

/** Disposes every harness `loadOnTarget` made (register with `after`). */
export function disposeHarnesses(): void {
  for (const h of harnesses.splice(0)) h.dispose();
}

export function sessionFor(target: TargetId): LayoutSession {
  const ses = createLayoutSession({ target, defs: [{ name: 'defs.rs', text: NO_CORE_DEFS }] });
  assert.ok(ses.ok);
  return ses.value;
}

/** Builds `source` for the session's target and loads it into a fresh Unicorn harness. */
export async function loadOnTarget(s: LayoutSession, source: string): Promise<{ h: CallHarness; image: LoadedImage }> {
  const fx = await buildFixture({ source, triple: s.target.triple });
  const h = new CallHarness(openUnicorn(s.target.arch as 'x86_64' | 'aarch64' | 'riscv64'));
  harnesses.push(h);
  return { h, image: h.load(fx.bytes) };
}

/** Builds `source` for wasm32 and instantiates it in Node's WebAssembly. */
export async function loadOnWasm(source: string): Promise<WasmInstance> {
  const fx = await buildWasmFixture({ source });
  return instantiateWasm(fx.bytes);
}
