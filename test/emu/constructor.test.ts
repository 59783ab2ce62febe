/**
 * Constructors: compiled code builds the value. For random (type, value) cases whose leaves are
 * scalars (ints, floats, bools, chars, NonZero) inside tuples, arrays, user structs/enums, Option,
 * Result and Ordering, a function `fn cN(l0: T0, l1: T1, …) -> T` takes the leaves as parameters
 * (placed where rustabi's map says) and builds the value with the variants baked in, so rustc's code
 * writes the tags, the niche values and the padding. The return decoded from the exit registers / the
 * sret buffer must equal the value (rustabi never encodes the return side here).
 * Seed: RUSTABI_SEED; cases: RUSTABI_CTOR_CASES (default 2,000 per target).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LayoutSession } from '../../src/query/layout.js';
import { fnAbiOf } from '../../src/query/abi.js';
import type { FnAbi } from '../../src/model/abi.js';
import type { RustValue } from '../../src/model/value.js';
import type { Ty } from '../../src/model/ty.js';
import { PRELUDE_RS } from '../../src/prelude/core-rs.js';
import { encodeValue, decodeValue } from '../../src/value/codec.js';
import { decodeFromRegs } from '../../src/value/regs.js';
import { debugValue } from '../../src/value/debug.js';
import { valuesEqual } from '../../src/value/equal.js';
import { parseValue } from '../../src/value/parse.js';
import { adtFieldTys } from '../../src/value/common.js';
import { layoutOf } from '../../src/layout/index.js';
import { rustTypeText } from '../../src/testing/rust-text.js';
import { FIXTURE_RUNTIME } from '../../src/emu/index.js';
import { callWasm } from '../../src/emu/wasm.js';
import { caseArb, edgeCases } from '../unit/value/debug-cases.js';
import { countFromEnv, requireRustc, seedFromEnv } from '../support/env.js';
import { EMU_TARGETS, requireEmulator } from './support.js';
import { NO_CORE_DEFS, disposeHarnesses, loadOnTarget, loadOnWasm, sessionFor } from './differential.js';

const SEED = seedFromEnv();
const COUNT = countFromEnv('RUSTABI_CTOR_CASES', 2000);

after(disposeHarnesses);

interface Leaf { readonly ty: Ty; readonly value: RustValue }

/** The Rust expression that builds `v` from leaf parameters (appended to `leaves`), or null when not supported. */
function ctorExpr(v: RustValue, ty: Ty, leaves: Leaf[]): string | null {
  const leaf = (): string => { leaves.push({ ty, value: v }); return `l${leaves.length - 1}`; };
  switch (v.kind) {
    case 'int': case 'float': case 'bool': case 'char':
      if (ty.kind === 'adt') {
        if (ty.def.origin !== 'prelude' || ty.def.name !== 'NonZero') return null;
        const inner = ty.args[0] as Ty;
        leaves.push({ ty: inner, value: v });
        return `unsafe { NonZero(l${leaves.length - 1}) }`;
      }
      return leaf();
    case 'unit': return '()';
    case 'tuple': {
      if (ty.kind !== 'tuple') return null;
      const es = v.elems.map((e, i) => ctorExpr(e, ty.elems[i] as Ty, leaves));
      return es.some((e) => e === null) ? null : `(${es.join(', ')},)`;
    }
    case 'array': {
      if (ty.kind !== 'array') return null;
      const es = v.elems.map((e) => ctorExpr(e, ty.elem, leaves));
      return es.some((e) => e === null) ? null : `[${es.join(', ')}]`;
    }
    case 'struct': case 'enum': {
      if (ty.kind !== 'adt') return null;
      const prelude = ty.def.origin === 'prelude';
      if (prelude && !['Option', 'Result', 'Ordering'].includes(ty.def.name)) return null;
      const vi = v.kind === 'enum' ? v.variantIndex : 0;
      const ftys = adtFieldTys(ty, vi);
      if (!ftys.ok) return null;
      const es = v.fields.map((f, i) => ctorExpr(f.value, ftys.value[i] as Ty, leaves));
      if (es.some((e) => e === null)) return null;
      const head = v.kind === 'enum' ? `${ty.def.name}::${v.variant}` : ty.def.name;
      if (v.shape === 'unit') return head;
      if (v.shape === 'tuple') return `${head}(${es.join(', ')})`;
      return `${head} { ${v.fields.map((f, i) => `${f.name}: ${es[i] as string}`).join(', ')} }`;
    }
    default: return null;
  }
}

interface Prepared {
  readonly fn: string;
  readonly abi: FnAbi;
  readonly leafBytes: Uint8Array[];
  readonly expected: RustValue;
  readonly text: string;
  readonly type: string;
}

function prepare(s: LayoutSession, cases: ReturnType<typeof edgeCases>): { prepared: Prepared[]; source: string; skipped: number } {
  const prepared: Prepared[] = [];
  const items: string[] = [];
  let skipped = 0;
  for (const c of cases) {
    const tl = s.layoutOfType(c.type);
    if (!tl.ok || tl.value.layout.uninhabited) { skipped++; continue; }
    const { ty, layout } = tl.value;
    const v = parseValue(c.text, ty, s.cx);
    if (!v.ok) { skipped++; continue; }
    const leaves: Leaf[] = [];
    const expr = ctorExpr(v.value, ty, leaves);
    if (expr === null) { skipped++; continue; }
    const leafBytes: Uint8Array[] = [];
    const params: string[] = [];
    let bad = false;
    for (const [i, l] of leaves.entries()) {
      const lt = layoutOf(l.ty, s.cx);
      const b = lt.ok ? encodeValue(l.value, l.ty, lt.value, s.cx) : null;
      if (b === null || !b.ok) { bad = true; break; }
      leafBytes.push(b.value);
      params.push(`l${i}: ${rustTypeText(l.ty)}`);
    }
    const enc = encodeValue(v.value, ty, layout, s.cx);
    if (bad || !enc.ok) { skipped++; continue; }
    const dec = decodeValue(enc.value, ty, layout, s.cx);
    if (!dec.ok) { skipped++; continue; }
    const fn = `c${prepared.length}`;
    const sig = `fn ${fn}(${params.join(', ')}) -> ${rustTypeText(ty)}`;
    const abi = fnAbiOf(s, sig);
    if (!abi.ok) { skipped++; continue; }
    items.push(`#[no_mangle] #[inline(never)] pub extern "Rust" ${sig} { ${expr} }`);
    prepared.push({ fn, abi: abi.value.abi, leafBytes, expected: dec.value, text: c.text, type: c.type });
  }
  return { prepared, source: `${PRELUDE_RS}\n${FIXTURE_RUNTIME}pub mod fx {\nuse super::*;\n${NO_CORE_DEFS}\n${items.join('\n')}\n}\n`, skipped };
}

describe('constructors: values built by compiled code decode to the value', () => {
  const cases = [...edgeCases(), ...fc.sample(caseArb(), { seed: SEED + 7, numRuns: Math.ceil(COUNT * 2) })];
  for (const target of EMU_TARGETS) {
    test(target, async (t) => {
      if (!requireEmulator(t)) return;
      const s = sessionFor(target);
      const { prepared, source, skipped } = prepare(s, cases);
      const { h, image } = await loadOnTarget(s, source);
      const failures: string[] = [];
      const modes = new Map<string, number>();
      let leavesOnStack = 0;
      for (const p of prepared) {
        const r = h.call({ image, name: p.fn }, p.abi, p.leafBytes);
        assert.ok(r.exit !== null && r.entry !== null);
        const back = decodeFromRegs(r.exit.regs, 'return', p.abi, s.cx, {
          memory: { read: (a, n) => { try { return r.memory.read(a, n); } catch { return null; } } },
          entryRegs: r.entry.regs, maxDepth: 0,
        });
        if (!back.ok || !valuesEqual(p.expected, back.value)) {
          failures.push(`${p.type} = ${p.text}: built ${debugValue(p.expected)}, read ${back.ok ? debugValue(back.value) : back.errors[0]?.message}`);
        }
        const k = p.abi.sret !== null ? 'sret' : p.abi.ret.mode.kind;
        modes.set(k, (modes.get(k) ?? 0) + 1);
        if (p.abi.args.some((a) => a.pieces.some((x) => 'stack' in x.loc))) leavesOnStack++;
      }
      t.diagnostic(`seed ${SEED + 7}: ${prepared.length - failures.length}/${prepared.length} constructed values read back on ${target} (${skipped} cases with non-scalar leaves left out; ${leavesOnStack} with leaves on the stack)`);
      t.diagnostic(`coverage (return modes): ${[...modes].sort().map(([k, n]) => `${k}=${n}`).join(' ')}`);
      assert.ok(prepared.length >= COUNT * 0.9, `only ${prepared.length} constructors on ${target}`);
      for (const m of ['direct', 'pair', 'sret']) assert.ok((modes.get(m) ?? 0) > 0, `no ${m} return on ${target}`);
      assert.deepEqual(failures.slice(0, 10), [], `${failures.length} constructed values read back wrong on ${target} (replay: RUSTABI_SEED=${SEED})`);
    });
  }
});

test('wasm32: constructors in Node\'s WebAssembly build the values rustabi reads', async (t) => {
  if (requireRustc(t) === null) return;
  const cases = [...edgeCases(), ...fc.sample(caseArb(), { seed: SEED + 7, numRuns: Math.ceil(COUNT * 2.2) })];
  const s = sessionFor('wasm32');
  // f16 leaves have no wasm value type in the call harness yet.
  const { prepared, source, skipped } = prepare(s, cases.filter((c) => !/\bf16\b/.test(c.type)));
  const instance = await loadOnWasm(source);
  const failures: string[] = [];
  let sretRan = 0;
  for (const p of prepared) {
    const r = callWasm(instance, p.fn, p.abi, p.leafBytes);
    if (r.sretAddr !== null && p.abi.ret.layout.size > 0) { assert.ok(r.sretWritten, `${p.fn} wrote its sret buffer`); sretRan++; }
    const back = decodeValue(r.ret, p.abi.ret.ty, p.abi.ret.layout, s.cx);
    const shown = back.ok ? debugValue(back.value) : '';
    // A NaN leaf crossing the JS boundary may lose its sign and payload: NaNs compare by Debug text.
    const nanOnly = back.ok && shown === debugValue(p.expected) && shown.includes('NaN');
    if (!back.ok || (!valuesEqual(p.expected, back.value) && !nanOnly)) failures.push(`${p.type} = ${p.text}: built ${debugValue(p.expected)}, read ${back.ok ? shown : back.errors[0]?.message}`);
  }
  t.diagnostic(`seed ${SEED + 7}: ${prepared.length - failures.length}/${prepared.length} constructed values read back on wasm32 (${skipped} left out; ${sretRan} through the sret buffer)`);
  assert.ok(prepared.length >= COUNT * 0.9 && sretRan > 0);
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} constructed values read back wrong on wasm32 (replay: RUSTABI_SEED=${SEED})`);
});
