/**
 * Inspectors: compiled code reads the value. For random (type, value) cases over scalar leaves (ints,
 * bools, chars, f32/f64, NonZero) inside tuples, arrays, user structs/enums, Option, Result and
 * Ordering, `fn iN(v: T) -> u64` walks the value in Rust — matching variants, reading fields — into a
 * 64-bit digest (`d = d * 31 + x` over variant indices and leaf bits, wrapping). rustabi encodes the
 * value and places it as an argument where its map says; the digest the Rust code returns must equal
 * the digest TypeScript computes from the value. A wrong tag, niche or field offset in rustabi's encoding
 * makes Rust read another variant or field (the identity test cannot see a self-consistent mistake;
 * this one can). Seed: RUSTABI_SEED; cases: RUSTABI_INSPECT_CASES (default 2,000 per target).
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
import { encodeValue } from '../../src/value/codec.js';
import { parseValue } from '../../src/value/parse.js';
import { adtFieldTys } from '../../src/value/common.js';
import { rustTypeText } from '../../src/testing/rust-text.js';
import { FIXTURE_RUNTIME } from '../../src/emu/index.js';
import { callWasm } from '../../src/emu/wasm.js';
import { caseArb, edgeCases } from '../unit/value/debug-cases.js';
import { countFromEnv, requireRustc, seedFromEnv } from '../support/env.js';
import { EMU_TARGETS, requireEmulator } from './support.js';
import { NO_CORE_DEFS, disposeHarnesses, loadOnTarget, loadOnWasm, sessionFor } from './differential.js';

const SEED = seedFromEnv();
const COUNT = countFromEnv('RUSTABI_INSPECT_CASES', 2000);
const FLOAT_BITS = 'pub union F32 { pub f: f32, pub u: u32 } pub union F64 { pub f: f64, pub u: u64 }';
const M64 = (1n << 64n) - 1n;

after(disposeHarnesses);

/** Rust statements folding the value at `place` into `d`, or null for a type outside the supported set. */
function digestCode(ty: Ty, place: string, fresh: () => string): string | null {
  const mix = (x: string): string => `d = d * 31 + (${x});`;
  switch (ty.kind) {
    case 'int': case 'bool': case 'char': return mix(`${place} as u64`);
    case 'float':
      if (ty.float === 'F32') return mix(`unsafe { F32 { f: ${place} }.u } as u64`);
      if (ty.float === 'F64') return mix(`unsafe { F64 { f: ${place} }.u }`);
      return null;
    case 'tuple': {
      const parts = ty.elems.map((e, i) => digestCode(e, `${place}.${i}`, fresh));
      return parts.some((p) => p === null) ? null : parts.join(' ');
    }
    case 'array': {
      const n = Number(ty.len);
      if (n > 64) return null;
      const names = Array.from({ length: n }, () => fresh());
      const parts = names.map((nm) => digestCode(ty.elem, nm, fresh));
      return parts.some((p) => p === null) ? null : `{ let [${names.join(', ')}] = ${place}; ${parts.join(' ')} }`;
    }
    case 'adt': {
      const def = ty.def;
      if (def.origin === 'prelude') {
        if (def.name === 'NonZero') return digestCode(ty.args[0] as Ty, `${place}.0`, fresh);
        if (!['Option', 'Result', 'Ordering'].includes(def.name)) return null;
      }
      if (def.kind === 'union') return null;
      if (def.kind === 'struct') {
        const f = adtFieldTys(ty, 0);
        const v = def.variants[0];
        if (!f.ok || v === undefined) return null;
        const parts = v.fields.map((fd, i) => digestCode(f.value[i] as Ty, `${place}.${fd.name}`, fresh));
        return parts.some((p) => p === null) ? null : parts.join(' ');
      }
      const arms: string[] = [];
      for (const [vi, v] of def.variants.entries()) {
        const f = adtFieldTys(ty, vi);
        if (!f.ok) return null;
        const names = v.fields.map(() => fresh());
        const parts = v.fields.map((_, i) => digestCode(f.value[i] as Ty, names[i] as string, fresh));
        if (parts.some((p) => p === null)) return null;
        const pat = v.shape === 'unit' ? '' : v.shape === 'tuple' ? `(${names.join(', ')})` : ` { ${v.fields.map((fd, i) => `${fd.name}: ${names[i] as string}`).join(', ')} }`;
        arms.push(`${def.name}::${v.name}${pat} => { ${mix(`${vi}`)} ${parts.join(' ')} }`);
      }
      return `match ${place} { ${arms.join(' ')} }`;
    }
    default: return null;
  }
}

/** The same digest from the value (fields in the order written, which the generator keeps as declared). */
function digestValue(v: RustValue, d: bigint): bigint {
  const mix = (x: bigint): bigint => (d * 31n + BigInt.asUintN(64, x)) & M64;
  switch (v.kind) {
    case 'int': return mix(v.value);
    case 'bool': return mix(v.value ? 1n : 0n);
    case 'char': return mix(BigInt(v.value));
    case 'float': return mix(v.bits);
    case 'unit': return d;
    case 'tuple': case 'array': return v.elems.reduce((acc, e) => digestValue(e, acc), d);
    case 'struct': return v.fields.reduce((acc, f) => digestValue(f.value, acc), d);
    case 'enum': { d = mix(BigInt(v.variantIndex)); return v.fields.reduce((acc, f) => digestValue(f.value, acc), d); }
    default: throw new Error(`no digest for a ${v.kind}`);
  }
}

interface Prepared { readonly fn: string; readonly abi: FnAbi; readonly bytes: Uint8Array; readonly digest: bigint; readonly text: string; readonly type: string; readonly value: RustValue }

function prepare(s: LayoutSession, cases: ReturnType<typeof edgeCases>): { prepared: Prepared[]; source: string; skipped: number } {
  const fnOf = new Map<string, { fn: string; abi: FnAbi } | null>();
  const prepared: Prepared[] = [];
  const items: string[] = [];
  let skipped = 0;
  for (const c of cases) {
    const tl = s.layoutOfType(c.type);
    if (!tl.ok || tl.value.layout.uninhabited) { skipped++; continue; }
    const { ty, layout } = tl.value;
    let entry = fnOf.get(c.type);
    if (entry === undefined) {
      let k = 0;
      const code = digestCode(ty, 'v', () => `b${k++}`);
      entry = null;
      if (code !== null) {
        const fn = `i${fnOf.size}`;
        const sig = `fn ${fn}(v: ${rustTypeText(ty)}) -> u64`;
        const abi = fnAbiOf(s, sig);
        if (abi.ok) {
          items.push(`#[no_mangle] #[inline(never)] pub extern "Rust" ${sig} { let mut d: u64 = 7; ${code} d }`);
          entry = { fn, abi: abi.value.abi };
        }
      }
      fnOf.set(c.type, entry);
    }
    if (entry === null) { skipped++; continue; }
    const v = parseValue(c.text, ty, s.cx);
    if (!v.ok) { skipped++; continue; }
    const enc = encodeValue(v.value, ty, layout, s.cx);
    if (!enc.ok) { skipped++; continue; }
    // The digest of the value as parsed (not as rustabi decodes its own bytes): the encoding is the only link.
    prepared.push({ ...entry, bytes: enc.value, digest: digestValue(v.value, 7n), text: c.text, type: c.type, value: v.value });
  }
  return { prepared, source: `${PRELUDE_RS}\n${FIXTURE_RUNTIME}pub mod fx {\nuse super::*;\n${FLOAT_BITS}\n${NO_CORE_DEFS}\n${items.join('\n')}\n}\n`, skipped };
}

describe('inspectors: compiled code reads the values rustabi encodes', () => {
  const cases = [...edgeCases(), ...fc.sample(caseArb(), { seed: SEED + 13, numRuns: Math.ceil(COUNT * 2.2) })];
  for (const target of EMU_TARGETS) {
    test(target, async (t) => {
      if (!requireEmulator(t)) return;
      const s = sessionFor(target);
      const { prepared, source, skipped } = prepare(s, cases);
      const { h, image } = await loadOnTarget(s, source);
      const failures: string[] = [];
      const modes = new Map<string, number>();
      for (const p of prepared) {
        const r = h.call({ image, name: p.fn }, p.abi, [p.bytes]);
        const got = new DataView((r.ret as Uint8Array).buffer, (r.ret as Uint8Array).byteOffset).getBigUint64(0, true);
        if (got !== p.digest) failures.push(`${p.type} = ${p.text}: Rust digest 0x${got.toString(16)}, rustabi's 0x${p.digest.toString(16)}`);
        const k = p.abi.args[0]?.mode.kind ?? 'none';
        modes.set(k, (modes.get(k) ?? 0) + 1);
      }
      t.diagnostic(`seed ${SEED + 13}: ${prepared.length - failures.length}/${prepared.length} digests agree on ${target} (${skipped} cases outside the supported types)`);
      t.diagnostic(`coverage (argument pass modes): ${[...modes].sort().map(([k, n]) => `${k}=${n}`).join(' ')}`);
      assert.ok(prepared.length >= COUNT * 0.9, `only ${prepared.length} inspectors ran on ${target}`);
      for (const m of ['direct', 'pair', 'indirect']) assert.ok((modes.get(m) ?? 0) > 0, `no ${m} argument on ${target}`);
      assert.deepEqual(failures.slice(0, 10), [], `${failures.length} digests disagree on ${target} (replay: RUSTABI_SEED=${SEED})`);
    });
  }
});

/** Whether a float in `v` is a NaN (its payload may not survive the JS boundary of a wasm call). */
function hasNaN(v: RustValue): boolean {
  switch (v.kind) {
    case 'float': return Number.isNaN(v.value);
    case 'tuple': case 'array': return v.elems.some(hasNaN);
    case 'struct': case 'enum': return v.fields.some((f) => hasNaN(f.value));
    default: return false;
  }
}

test('wasm32: inspectors in Node\'s WebAssembly read the values rustabi encodes', async (t) => {
  if (requireRustc(t) === null) return;
  const cases = [...edgeCases(), ...fc.sample(caseArb(), { seed: SEED + 13, numRuns: Math.ceil(COUNT * 2.4) })];
  const s = sessionFor('wasm32');
  const { prepared, source, skipped } = prepare(s, cases.filter((c) => !/\bf16\b|\bf128\b/.test(c.type)));
  const instance = await loadOnWasm(source);
  const failures: string[] = [];
  let nan = 0;
  let ran = 0;
  for (const p of prepared) {
    if (hasNaN(p.value)) { nan++; continue; }
    const r = callWasm(instance, p.fn, p.abi, [p.bytes]);
    ran++;
    const got = new DataView(r.ret.buffer, r.ret.byteOffset).getBigUint64(0, true);
    if (got !== p.digest) failures.push(`${p.type} = ${p.text}: Rust digest 0x${got.toString(16)}, rustabi's 0x${p.digest.toString(16)}`);
  }
  t.diagnostic(`seed ${SEED + 13}: ${ran - failures.length}/${ran} digests agree on wasm32 (${skipped} cases outside the supported types; ${nan} with NaN floats left out: wasm's JS API may change a NaN's bits)`);
  assert.ok(ran >= COUNT * 0.9, `only ${ran} inspectors ran on wasm32`);
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} digests disagree on wasm32 (replay: RUSTABI_SEED=${SEED})`);
});
