/**
 * Differential property test, values through compiled code: for random (type, value) cases (the Debug
 * oracle's generator: primitives with float/char edge cases, Option/Result nesting, tuples, arrays,
 * references, std wrappers, user structs/enums with niches and explicit discriminants), one identity
 * function per type `#[no_mangle] pub extern "Rust" fn idN(v: T) -> T { v }` is compiled by rustc 1.95
 * for each emulated target (the kernel flavours for their soft-float oracle triples) and run in Unicorn.
 * rustabi encodes the value (src/value), the harness places its bytes where rustabi's register map says,
 * and the return is decoded from the exit registers (`decodeFromRegs`, or the sret buffer). The value
 * that comes back must equal the value sent: a piece in a wrong register, a wrong tag or niche encoding,
 * or a misread return register gives another value (every other register holds POISON).
 *
 * Seed: RUSTABI_SEED (printed); cases: RUSTABI_IDENTITY_CASES (default 2,000 per target).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LayoutSession } from '../../src/query/layout.js';
import { fnAbiOf } from '../../src/query/abi.js';
import type { FnAbi } from '../../src/model/abi.js';
import type { RustValue } from '../../src/model/value.js';
import type { Ty } from '../../src/model/ty.js';
import type { Layout } from '../../src/model/layout.js';
import { PRELUDE_RS } from '../../src/prelude/core-rs.js';
import { decodeValue, encodeValue } from '../../src/value/codec.js';
import { decodeFromRegs } from '../../src/value/regs.js';
import { debugValue } from '../../src/value/debug.js';
import { valuesEqual } from '../../src/value/equal.js';
import { MemoryArena } from '../../src/value/memory.js';
import { parseValue } from '../../src/value/parse.js';
import { FIXTURE_RUNTIME } from '../../src/emu/index.js';
import { callWasm } from '../../src/emu/wasm.js';
import type { Case } from '../unit/value/debug-cases.js';
import { caseArb, edgeCases } from '../unit/value/debug-cases.js';
import { countFromEnv, seedFromEnv } from '../support/env.js';
import { EMU_TARGETS, requireEmulator } from './support.js';
import { NO_CORE_DEFS, disposeHarnesses, loadOnTarget, loadOnWasm, sessionFor } from './differential.js';
import { requireRustc } from '../support/env.js';

const SEED = seedFromEnv();
const COUNT = countFromEnv('RUSTABI_IDENTITY_CASES', 2000);

after(disposeHarnesses);

interface Prepared {
  readonly c: Case;
  readonly fn: string;
  readonly abi: FnAbi;
  readonly ty: Ty;
  readonly layout: Layout;
  readonly value: RustValue;
  readonly bytes: Uint8Array;
}

/** Cases rustabi can build on `target`, one identity function per distinct type. */
function prepare(s: LayoutSession, cases: readonly Case[]): { prepared: Prepared[]; source: string; skipped: Map<string, number> } {
  const fnOf = new Map<string, string>();
  const prepared: Prepared[] = [];
  const skipped = new Map<string, number>();
  const skip = (why: string): void => { skipped.set(why, (skipped.get(why) ?? 0) + 1); };
  const items: string[] = [];
  for (const c of cases) {
    const tl = s.layoutOfType(c.type);
    if (!tl.ok) { skip('type unknown to the no_core prelude'); continue; }
    const { ty, layout } = tl.value;
    if (layout.uninhabited) { skip('uninhabited'); continue; }
    const v = parseValue(c.text, ty, s.cx);
    if (!v.ok) { skip(`parse ${v.errors[0]?.code ?? ''}`); continue; }
    const b = encodeValue(v.value, ty, layout, s.cx, { memory: new MemoryArena() });
    if (!b.ok) { skip(`encode ${b.errors[0]?.code ?? ''}`); continue; }
    let fn = fnOf.get(c.type);
    if (fn === undefined) {
      fn = `id${fnOf.size}`;
      const sig = `fn ${fn}(v: ${staticRefs(c.type)}) -> ${staticRefs(c.type)}`;
      const abi = fnAbiOf(s, sig);
      if (!abi.ok) { skip('no register map'); continue; }
      fnOf.set(c.type, fn);
      items.push(`#[no_mangle] #[inline(never)] pub extern "Rust" ${sig} { v }`);
    }
    const abi = fnAbiOf(s, `fn ${fn}(v: ${staticRefs(c.type)}) -> ${staticRefs(c.type)}`);
    if (!abi.ok) continue;
    prepared.push({ c, fn, abi: abi.value.abi, ty, layout, value: v.value, bytes: b.value });
  }
  // In a module: user types may reuse names of the fixture's lang-item traits (`Neg`); local items shadow the glob.
  return { prepared, source: `${PRELUDE_RS}\n${FIXTURE_RUNTIME}pub mod fx {\nuse super::*;\n${NO_CORE_DEFS}\n${items.join('\n')}\n}\n`, skipped };
}

/** Return types with references need a lifetime: `&T` → `&'static T` (the layout is the same). */
function staticRefs(type: string): string {
  return type.replace(/&(?!')/g, "&'static ");
}

/** What a value shows without memory (pointees unread): the comparison both sides can make. */
function shallow(bytes: Uint8Array, p: Prepared, s: LayoutSession): RustValue {
  const d = decodeValue(bytes, p.ty, p.layout, s.cx);
  assert.ok(d.ok, `decode ${p.c.type}`);
  return d.value;
}

describe('identity functions return every value unchanged, placed and read as rustabi says', () => {
  const cases = [...edgeCases(), ...fc.sample(caseArb(), { seed: SEED, numRuns: COUNT })];
  for (const target of EMU_TARGETS) {
    test(target, async (t) => {
      if (!requireEmulator(t)) return;
      const s = sessionFor(target);
      const { prepared, source, skipped } = prepare(s, cases);
      const { h, image } = await loadOnTarget(s, source);
      const kinds = new Map<string, number>();
      const modes = new Map<string, number>();
      const bump = (m: Map<string, number>, k: string): void => { m.set(k, (m.get(k) ?? 0) + 1); };
      const failures: string[] = [];
      let ran = 0;
      for (const p of prepared) {
        const r = h.call({ image, name: p.fn }, p.abi, [p.bytes], { timeoutUs: 5_000_000 });
        ran++;
        const sent = shallow(p.bytes, p, s);
        // The return as the kretprobe sees it: exit registers (+ the sret buffer through memory).
        assert.ok(r.exit !== null && r.entry !== null);
        const back = decodeFromRegs(r.exit.regs, 'return', p.abi, s.cx, {
          memory: { read: (a, n) => { try { return r.memory.read(a, n); } catch { return null; } } },
          entryRegs: r.entry.regs,
          maxDepth: 0,
        });
        const got = back.ok ? back.value : null;
        if (got === null || !valuesEqual(sent, got)) {
          failures.push(`${p.c.type} = ${p.c.text}: sent ${debugValue(sent)}, got ${got === null ? (back.ok ? '' : back.errors[0]?.message) : debugValue(got)}`);
        }
        for (const k of p.c.kinds) bump(kinds, k);
        bump(modes, `arg:${p.abi.args[0]?.mode.kind ?? 'none'}`);
        bump(modes, `ret:${p.abi.sret !== null ? 'sret' : p.abi.ret.mode.kind}`);
      }
      t.diagnostic(`seed ${SEED}: ${ran - failures.length}/${ran} values round-trip on ${target} (${new Set(prepared.map((p) => p.fn)).size} identity fns; skipped: ${[...skipped].map(([k, n]) => `${k}=${n}`).join(', ') || 'none'})`);
      t.diagnostic(`coverage (kinds): ${[...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}=${n}`).join(' ')}`);
      t.diagnostic(`coverage (pass modes): ${[...modes].sort().map(([k, n]) => `${k}=${n}`).join(' ')}`);
      assert.ok(ran >= COUNT * 0.6, `only ${ran} of ${COUNT} cases ran on ${target}`);
      for (const m of ['arg:direct', 'arg:pair', 'arg:indirect', 'ret:direct', 'ret:pair', 'ret:sret']) assert.ok((modes.get(m) ?? 0) > 0, `no case with ${m} on ${target}`);
      assert.deepEqual(failures.slice(0, 10), [], `${failures.length} values did not round-trip on ${target} (replay: RUSTABI_SEED=${SEED})`);
    });
  }
});

test('wasm32: identity functions in Node\'s WebAssembly return every value unchanged', async (t) => {
  if (requireRustc(t) === null) return;
  // A few more samples: f16 cases are left out below.
  const cases = [...edgeCases(), ...fc.sample(caseArb(), { seed: SEED, numRuns: Math.ceil(COUNT * 1.1) })];
  const s = sessionFor('wasm32');
  // The wasm call harness has no wasm value type for a 2-byte f16 piece yet (src/emu/wasm.ts pieceValTypes).
  const { prepared, source, skipped } = prepare(s, cases.filter((c) => !/\bf16\b/.test(c.type)));
  const instance = await loadOnWasm(source);
  const failures: string[] = [];
  const modes = new Map<string, number>();
  let sretRan = 0;
  for (const p of prepared) {
    let r;
    try {
      r = callWasm(instance, p.fn, p.abi, [p.bytes]);
    } catch (e) {
      failures.push(`${p.c.type} = ${p.c.text}: the call failed: ${(e as Error).message}`);
      continue;
    }
    if (r.sretAddr !== null && p.layout.size > 0) { assert.ok(r.sretWritten, `${p.fn} wrote its sret buffer`); sretRan++; }
    const sent = shallow(p.bytes, p, s);
    const got = shallow(r.ret, p, s);
    // A NaN crossing the JS boundary as a JS number may lose its sign and payload (the wasm JS API
    // allows that), so NaNs compare by their Debug text here; every other bit pattern compares exactly.
    const nanOnly = debugValue(sent) === debugValue(got) && debugValue(sent).includes('NaN');
    if (!valuesEqual(sent, got) && !nanOnly) failures.push(`${p.c.type} = ${p.c.text}: sent ${debugValue(sent)}, got ${debugValue(got)}`);
    const k = `arg:${p.abi.args[0]?.mode.kind ?? 'none'} ret:${p.abi.sret !== null ? 'sret' : p.abi.ret.mode.kind}`;
    modes.set(k, (modes.get(k) ?? 0) + 1);
  }
  t.diagnostic(`seed ${SEED}: ${prepared.length - failures.length}/${prepared.length} values round-trip on wasm32 (skipped: ${[...skipped].map(([k, n]) => `${k}=${n}`).join(', ') || 'none'}; ${sretRan} through the sret buffer)`);
  t.diagnostic(`coverage (pass modes): ${[...modes].sort().map(([k, n]) => `${k}=${n}`).join(' ')}`);
  assert.ok(prepared.length >= COUNT * 0.6 && sretRan > 0);
  t.diagnostic(`${prepared.length} wasm32 cases (goal: 2,000 per CI run)`);
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} values did not round-trip on wasm32 (replay: RUSTABI_SEED=${SEED})`);
});
