/**
 * decode-trace on trace lines made from emulator runs: random (type, value) cases go through identity
 * functions `fn idN(v: T) -> T { v }` compiled by rustc 1.95 for the kernel targets and run in Unicorn.
 * Each probe plan fetch is evaluated against the run (entry registers, exit registers, memory), written
 * as the bpftrace script's printf line (`rustabi ID PID NS e0=HEX … r0=HEX …`) and as the tracefs
 * entry/return pair (`… p0_id3: (id3+0x0/0x10) e0=0x…`), and decoded by `TraceDecoder`. Both must print
 * what the generic decoder reads from the emulator's whole memory (pointees one level deep, as the plan
 * fetches them): the argument as it was sent, the return as compiled code left it.
 *
 * Seed: RUSTABI_SEED; cases: RUSTABI_TRACE_CASES (default 600 per target).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FnAbi } from '../../src/model/abi.js';
import type { Ty } from '../../src/model/ty.js';
import type { RustValue } from '../../src/model/value.js';
import type { Layout } from '../../src/model/layout.js';
import type { TargetId } from '../../src/model/target.js';
import type { LayoutSession } from '../../src/query/layout.js';
import { fnAbiOf } from '../../src/query/abi.js';
import { PRELUDE_RS } from '../../src/prelude/core-rs.js';
import { decodeValue, encodeValue } from '../../src/value/codec.js';
import { debugValue } from '../../src/value/debug.js';
import { MemoryArena } from '../../src/value/memory.js';
import { parseValue } from '../../src/value/parse.js';
import { FIXTURE_RUNTIME } from '../../src/emu/index.js';
import type { CallResult } from '../../src/emu/index.js';
import { planProbes, loadPlan } from '../../src/query/probe.js';
import type { Fetch, ProbeFn } from '../../src/kretprobe/plan.js';
import { caseArb, edgeCases } from '../unit/value/debug-cases.js';
import { countFromEnv, seedFromEnv } from '../support/env.js';
import { requireEmulator } from './support.js';
import { NO_CORE_DEFS, disposeHarnesses, loadOnTarget, sessionFor } from './differential.js';

const SEED = seedFromEnv();
const COUNT = countFromEnv('RUSTABI_TRACE_CASES', 600);
const KERNEL_TARGETS: readonly TargetId[] = ['x86_64-kernel', 'aarch64-kernel', 'riscv64-kernel'];
/** Pointees a plan does not fetch (lengths known only at run time, smart pointers' heap blocks). */
const NOT_FETCHED = /\bstr\b|&\[|&'static \[|\bVec\b|\bString\b|\bRc\b|\bArc\b|\bdyn\b|\bKVec\b|\bKBox\b|\bBox\b/;

after(disposeHarnesses);

interface Prepared {
  readonly fn: string;
  readonly sig: string;
  readonly abi: FnAbi;
  readonly ty: Ty;
  readonly layout: Layout;
  readonly value: RustValue;
  readonly type: string;
}

function staticRefs(type: string): string {
  return type.replace(/&(?!')/g, "&'static ");
}

function prepare(s: LayoutSession, cases: ReturnType<typeof edgeCases>): { prepared: Prepared[]; source: string } {
  const fnOf = new Map<string, string>();
  const prepared: Prepared[] = [];
  const items: string[] = [];
  for (const c of cases) {
    if (NOT_FETCHED.test(c.type)) continue;
    // A reference behind a reference: the plan reads one level of pointees, except that a zero-sized
    // pointee needs no read and prints as Rust prints it, which the one-level expectation cannot say.
    if ((c.type.match(/&/g) ?? []).length > 1) continue;
    const tl = s.layoutOfType(c.type);
    if (!tl.ok || tl.value.layout.uninhabited) continue;
    const { ty, layout } = tl.value;
    const v = parseValue(c.text, ty, s.cx);
    if (!v.ok) continue;
    if (!encodeValue(v.value, ty, layout, s.cx, { memory: new MemoryArena() }).ok) continue;
    let fn = fnOf.get(c.type);
    const sigOf = (name: string): string => `fn ${name}(v: ${staticRefs(c.type)}) -> ${staticRefs(c.type)}`;
    if (fn === undefined) {
      fn = `id${fnOf.size}`;
      if (!fnAbiOf(s, sigOf(fn)).ok) continue;
      fnOf.set(c.type, fn);
      items.push(`#[no_mangle] #[inline(never)] pub extern "Rust" ${sigOf(fn)} { v }`);
    }
    const abi = fnAbiOf(s, sigOf(fn));
    if (!abi.ok) continue;
    prepared.push({ fn, sig: sigOf(fn), abi: abi.value.abi, ty, layout, value: v.value, type: c.type });
  }
  return { prepared, source: `${PRELUDE_RS}\n${FIXTURE_RUNTIME}pub mod fx {\nuse super::*;\n${NO_CORE_DEFS}\n${items.join('\n')}\n}\n` };
}

/** The value each fetch of `fn` reads in run `r` (entry memory is unchanged by an identity function). */
function evaluate(fn: ProbeFn, r: CallResult): Map<string, bigint> | null {
  const out = new Map<string, bigint>();
  for (const f of fn.fetches) {
    let v: bigint;
    if (f.src.kind === 'reg') {
      const snap = f.phase === 'entry' ? r.entry : r.exit;
      if (snap === null) return null;
      v = snap.reg(f.src.reg);
    } else {
      const base = out.get(f.src.base);
      if (base === undefined) return null;
      try {
        const bytes = r.memory.read(BigInt.asUintN(64, base + BigInt(f.src.offset)), f.size);
        v = bytes.reduceRight((acc, b) => (acc << 8n) | BigInt(b), 0n);
      } catch {
        v = 0n; // an unmapped address: the kernel's fetch fails and reads as 0 too
      }
    }
    out.set(f.id, v);
  }
  return out;
}

const hex = (v: bigint): string => BigInt.asUintN(64, v).toString(16);

function bpftraceLine(fn: ProbeFn, vals: Map<string, bigint>): string {
  return `rustabi ${fn.id} 4242 812 ${fn.fetches.map((f: Fetch) => `${f.id}=${hex(vals.get(f.id) ?? 0n)}`).join(' ')}`;
}

function tracefsLines(fn: ProbeFn, vals: Map<string, bigint>): string[] {
  const part = (phase: 'entry' | 'return'): string => fn.fetches.filter((f) => f.phase === phase).map((f) => ` ${f.id}=0x${hex(vals.get(f.id) ?? 0n)}`).join('');
  return [
    `      insmod-4242    [001] d..1.   100.000100: ${fn.id}: (${fn.symbol}+0x0/0x10)${part('entry')}`,
    `      insmod-4242    [001] d..1.   100.000912: ${fn.id}__ret: (rfx_trigger+0x2c/0x40 <- ${fn.symbol})${part('return')}`,
  ];
}

describe('decode-trace reads the fetched words of emulated calls as the generic decoder reads memory', () => {
  const cases = [...edgeCases(), ...fc.sample(caseArb(), { seed: SEED + 5, numRuns: COUNT })];
  for (const target of KERNEL_TARGETS) {
    test(target, async (t) => {
      if (!requireEmulator(t)) return;
      const s = sessionFor(target);
      const { prepared, source } = prepare(s, cases);
      const { h, image } = await loadOnTarget(s, source);
      const failures: string[] = [];
      const modes = new Map<string, number>();
      let ran = 0;
      let fetched = 0;
      for (const p of prepared) {
        const plan = planProbes([{ signature: p.sig }], { target, defs: [{ name: 'defs.rs', text: NO_CORE_DEFS }] });
        assert.ok(plan.ok, `plan ${p.sig}`);
        const loaded = loadPlan({ name: 'plan.json', text: JSON.stringify(plan.value) });
        assert.ok(loaded.ok, `load ${p.sig}`);
        const fn = plan.value.probes[0] as ProbeFn;
        // Pointees go to the upper half of the scratch region, which the call's own copies do not reach.
        let next = h.plan.scratchBase + BigInt(h.plan.scratchSize / 2);
        const writer = {
          alloc: (bytes: Uint8Array, align: number): bigint => {
            const a = ((next + BigInt(align) - 1n) / BigInt(align)) * BigInt(align);
            h.emu.writeMemory(a, bytes);
            next = a + BigInt(Math.max(bytes.length, 1));
            return a;
          },
        };
        const enc = encodeValue(p.value, p.ty, p.layout, s.cx, { memory: writer });
        assert.ok(enc.ok);
        const bytes = enc.value;
        const r = h.call({ image, name: p.fn }, p.abi, [bytes], { timeoutUs: 5_000_000 });
        const vals = evaluate(fn, r);
        assert.ok(vals !== null);
        ran++;
        fetched += fn.fetches.length;
        const mem = { read: (a: bigint, n: number): Uint8Array | null => { try { return r.memory.read(a, n); } catch { return null; } } };
        const sent = decodeValue(bytes, p.ty, p.layout, s.cx, { memory: mem, maxDepth: 1 });
        assert.ok(sent.ok);
        const retBytes = r.ret as Uint8Array;
        const back = decodeValue(retBytes, p.ty, p.layout, s.cx, { memory: mem, maxDepth: 1 });
        assert.ok(back.ok);
        const want = `rustabi: ${p.fn}(${fn.args[0]?.captured === true ? `v=${debugValue(sent.value)}` : ''}) = ${fn.ret.captured ? debugValue(back.value) : '<not captured>'}`;
        const b = loaded.value.decoder.line(bpftraceLine(fn, vals));
        if (b.text !== `${want} [812 ns]`) failures.push(`bpftrace ${p.type}:\n  want ${want}\n  got  ${b.text ?? b.diagnostic?.message ?? 'nothing'}`);
        const [l1, l2] = tracefsLines(fn, vals);
        const tf1 = loaded.value.decoder.line(l1 as string);
        const tf2 = loaded.value.decoder.line(l2 as string);
        if (tf1.text !== null || tf2.text !== `${want} [812000 ns]`) failures.push(`tracefs ${p.type}:\n  want ${want}\n  got  ${tf2.text ?? tf2.diagnostic?.message ?? tf1.diagnostic?.message ?? 'nothing'}`);
        const k = `arg:${p.abi.args[0]?.mode.kind ?? 'none'} ret:${p.abi.sret !== null ? (fn.stash ? 'sret-stash' : 'sret-echo') : p.abi.ret.mode.kind}`;
        modes.set(k, (modes.get(k) ?? 0) + 1);
      }
      t.diagnostic(`seed ${SEED}: ${ran - failures.length}/${ran} calls decode alike from trace lines on ${target} (${fetched} fetches)`);
      t.diagnostic(`coverage (pass modes): ${[...modes].sort().map(([k, n]) => `${k}=${n}`).join(' ')}`);
      assert.ok(ran >= COUNT * 0.4, `only ${ran} cases ran`);
      assert.deepEqual(failures.slice(0, 8), [], `${failures.length} calls decode differently (replay: RUSTABI_SEED=${SEED})`);
    });
  }
});
