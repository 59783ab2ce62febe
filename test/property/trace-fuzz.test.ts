/**
 * Fuzz of `decode-trace`: trace lines for a plan of many shapes (scalar pairs, stack arguments,
 * pointees, hidden-pointer returns on x86_64 and aarch64) are mutated — characters deleted, inserted,
 * replaced, tokens swapped or duplicated, lines cut, random bytes — and fed to the decoder in a stream.
 * Every line must give nothing, a decoded call, or a `probe/bad-trace` diagnostic; never a throw.
 * Seed: RUSTABI_SEED (printed); count: RUSTABI_TRACE_FUZZ (default 20,000 lines).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPlan, planProbes } from '../../src/query/probe.js';
import type { ProbeFn } from '../../src/kretprobe/plan.js';
import { ByteOut } from '../../src/value/byte-out.js';
import { countFromEnv, seedFromEnv } from '../support/env.js';
import { rng } from '../support/fuzz.js';

const SEED = seedFromEnv();
const COUNT = countFromEnv('RUSTABI_TRACE_FUZZ', 20000);

const SIGS = [
  'fn detect_func(x: usize, y: usize, z: Option<usize>) -> Option<usize>',
  'fn seven(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64, g: &(u8, u32), h: Option<&u64>) -> Result<(), i32>',
  'fn big(a: [u64; 6], c: char, b: bool) -> [u64; 5]',
  'fn text(s: &str, n: Option<Option<bool>>) -> (i128, u8)',
];

function validLines(fn: ProbeFn, r: () => number): string[] {
  const val = (): string => (r() < 0.3 ? String(Math.floor(r() * 3)) : Math.floor(r() * 2 ** 48).toString(16));
  const part = (phase: 'entry' | 'return'): string => fn.fetches.filter((f) => f.phase === phase).map((f) => ` ${f.id}=0x${val()}`).join('');
  return [
    `     task name-${10 + Math.floor(r() * 5)}     [00${Math.floor(r() * 4)}] d..1.  ${(100 + r()).toFixed(6)}: ${fn.id}: (${fn.symbol}+0x0/0x40)${part('entry')}`,
    `     task name-${10 + Math.floor(r() * 5)}     [000] d..1.  ${(101 + r()).toFixed(6)}: ${fn.id}__ret: (caller+0x1/0x2 <- ${fn.symbol})${part('return')}`,
    `rustabi ${fn.id} ${Math.floor(r() * 100)} ${Math.floor(r() * 1e6)} ${fn.fetches.map((f) => `${f.id}=${val()}`).join(' ')}`,
  ];
}

function mutate(line: string, r: () => number): string {
  const pick = Math.floor(r() * 9);
  const at = Math.floor(r() * (line.length + 1));
  const chars = ' =:()[]-0x_.\t\r\u00e9\u0000abcdefr0e1';
  const ch = (): string => chars[Math.floor(r() * chars.length)] as string;
  const toks = line.split(' ');
  switch (pick) {
    case 0: return line.slice(0, at) + line.slice(at + 1 + Math.floor(r() * 4));
    case 1: return line.slice(0, at) + ch() + line.slice(at);
    case 2: return line.slice(0, at) + ch() + line.slice(at + 1);
    case 3: { const i = Math.floor(r() * toks.length); const j = Math.floor(r() * toks.length); [toks[i], toks[j]] = [toks[j] as string, toks[i] as string]; return toks.join(' '); }
    case 4: { const i = Math.floor(r() * toks.length); toks.splice(i, 0, toks[i] as string); return toks.join(' '); }
    case 5: return line.slice(0, at);
    case 6: return Array.from({ length: Math.floor(r() * 80) }, () => String.fromCharCode(Math.floor(r() * 256))).join('');
    case 7: return line.replace(/0x[0-9a-f]+/, `0x${'f'.repeat(1 + Math.floor(r() * 40))}`);
    default: return line;
  }
}

test('decode-trace never throws on mutated trace lines', () => {
  const r = rng(SEED);
  let lines = 0;
  const outcomes = { decoded: 0, diagnostics: 0, nothing: 0 };
  try {
    for (const target of ['x86_64-kernel', 'aarch64-kernel', 'riscv64-kernel']) {
      const plan = planProbes(SIGS.map((signature) => ({ signature })), { target });
      assert.ok(plan.ok);
      const loaded = loadPlan({ name: 'plan.json', text: JSON.stringify(plan.value) });
      assert.ok(loaded.ok);
      const dec = loaded.value.decoder;
      // A second decoder reads the same lines as bytes (the CLI's path): it must answer alike, line by line.
      const twin = loadPlan({ name: 'plan.json', text: JSON.stringify(plan.value) });
      assert.ok(twin.ok);
      const bytesDec = twin.value.decoder;
      const enc = new TextEncoder();
      const per = Math.ceil(COUNT / 3);
      for (let i = 0; i < per; i++) {
        const fn = plan.value.probes[Math.floor(r() * plan.value.probes.length)] as ProbeFn;
        for (const l of validLines(fn, r)) {
          const line = r() < 0.6 ? mutate(l, r) : l;
          lines++;
          const out = dec.line(line);
          const viaBytes: (string | null)[] = [];
          const data = enc.encode(line.replace(/\n/g, ' ') + '\n');
          bytesDec.chunk(data, 0, data.length, (r) => { viaBytes.push(r.diagnostic?.message ?? r.text); });
          const want = out.diagnostic?.message ?? out.text;
          if (!(viaBytes.length === 0 ? want === null : viaBytes.length === 1 && viaBytes[0] === want)) {
            assert.fail(`line and bytes paths differ on ${JSON.stringify(line)}: ${JSON.stringify(want)} vs ${JSON.stringify(viaBytes)}`);
          }
          if (out.diagnostic !== undefined) {
            assert.equal(out.diagnostic.code, 'probe/bad-trace');
            outcomes.diagnostics++;
          } else if (out.text !== null) {
            assert.match(out.text, /^rustabi: [A-Za-z_]/);
            outcomes.decoded++;
          } else {
            outcomes.nothing++;
          }
        }
      }
    }
  } catch (e) {
    throw new Error(`seed ${SEED}: ${(e as Error).stack ?? String(e)}`);
  }
  console.log(`# seed ${SEED}: ${lines} trace lines: ${outcomes.decoded} decoded, ${outcomes.diagnostics} diagnostics, ${outcomes.nothing} passed over`);
  assert.ok(outcomes.decoded > lines / 10 && outcomes.diagnostics > lines / 20, 'the generator makes both good and bad lines');
});

test('a stream cut at random places decodes as the same stream read line by line', () => {
  // The CLI's path: `chunkTo` over reads that end anywhere (mid-line, between `\r` and `\n`), the
  // cut line carried to the next read, and `finishTo` for a last line without a newline. It must
  // write exactly what `line()` gives for each line, and report the same diagnostics.
  const r = rng(SEED + 1);
  const enc = new TextEncoder();
  let cuts = 0;
  let streams = 0;
  try {
    for (const target of ['x86_64-kernel', 'aarch64-kernel']) {
      const plan = planProbes(SIGS.map((signature) => ({ signature })), { target });
      assert.ok(plan.ok);
      const text = JSON.stringify(plan.value);
      for (let s = 0; s < Math.max(5, Math.ceil(COUNT / 2000)); s++) {
        streams++;
        const lines: string[] = [];
        for (let i = 0; i < 200; i++) {
          const fn = plan.value.probes[Math.floor(r() * plan.value.probes.length)] as ProbeFn;
          for (const l of validLines(fn, r)) lines.push((r() < 0.2 ? mutate(l, r) : l).replace(/\n/g, ' '));
        }
        const eol = r() < 0.5 ? '\n' : '\r\n';
        const all = lines.join(eol) + (r() < 0.5 ? eol : ''); // sometimes no newline at the end
        // Expected: each line through line(), split at the line endings (`\n` or `\r\n`) as readline does.
        const one = loadPlan({ name: 'plan.json', text });
        assert.ok(one.ok);
        let want = '';
        const wantDiags: string[] = [];
        const parts = all.split(/\r?\n/);
        if (parts[parts.length - 1] === '') parts.pop(); // after the last newline
        for (const l of parts) {
          const res = one.value.decoder.line(l);
          if (res.text !== null) want += res.text + '\n';
          if (res.diagnostic !== undefined) wantDiags.push(res.diagnostic.message);
        }
        // Got: the bytes in reads of random sizes, carried as the CLI does.
        const two = loadPlan({ name: 'plan.json', text });
        assert.ok(two.ok);
        const dec = two.value.decoder;
        const out = new ByteOut(16);
        const gotDiags: string[] = [];
        const diag = (d: { message: string }): void => { gotDiags.push(d.message); };
        const bytes = enc.encode(all);
        let carry = new Uint8Array(0);
        for (let at = 0; at < bytes.length;) {
          const n = 1 + Math.floor(r() * (r() < 0.5 ? 40 : 4000));
          const read = bytes.subarray(at, at + n);
          at += n;
          cuts++;
          const data = new Uint8Array(carry.length + read.length);
          data.set(carry);
          data.set(read, carry.length);
          const used = dec.chunkTo(data, 0, data.length, out, diag);
          carry = data.slice(used);
        }
        dec.finishTo(carry, 0, carry.length, out, diag);
        assert.equal(out.textFrom(0), want, `stream ${s} on ${target}`);
        assert.deepEqual(gotDiags, wantDiags);
      }
    }
  } catch (e) {
    throw new Error(`seed ${SEED}: ${(e as Error).stack ?? String(e)}`);
  }
  console.log(`# seed ${SEED}: ${streams} streams of 600 lines, cut into ${cuts} reads: output and diagnostics equal line by line`);
});
