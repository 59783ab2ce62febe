/**
 * Fuzzing the text front end: random bytes and mutations of valid generated definitions go through the
 * whole layout pipeline, which must always return an Outcome (never throw) whose diagnostics have a code
 * and in-bounds spans. Shared by test/property/fuzz.test.ts (CI) and scripts/fuzz.ts (`npm run fuzz`).
 */
import fc from 'fast-check';
import { arbRustCase } from '../../src/testing/arbitraries/index.js';
import { createLayoutSession } from '../../src/query/layout.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { renderDiagnostic } from '../../src/diagnostics/render.js';
import { fnAbiOf } from '../../src/query/abi.js';
import { mulberry32 } from '../../src/internal/prng.js';

const ALPHABET = 'struct enum union type fn impl pub repr C u8 i32 usize Option Result < > ( ) [ ] { } ; : , = & * ! # - 0x1F 1 255 \' " / \n \t _ ? .. :: -> r#"x"# /* */ //'.split(' ');

/** A small deterministic PRNG (mulberry32), so a fuzz run is replayable from its seed. */
export const rng: (seed: number) => () => number = mulberry32;

function mutate(text: string, r: () => number): string {
  let s = text;
  const n = r() < 0.7 ? 1 : 1 + Math.floor(r() * 4);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(r() * (s.length + 1));
    const op = Math.floor(r() * 4);
    if (op === 0) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 8));
    else if (op === 1) s = s.slice(0, at) + (ALPHABET[Math.floor(r() * ALPHABET.length)] as string) + s.slice(at);
    else if (op === 2) s = s.slice(0, at) + String.fromCharCode(Math.floor(r() * 0x3000)) + s.slice(at);
    else { const b = Math.floor(r() * s.length); s = s.slice(0, at) + s.slice(b, b + 12) + s.slice(at); }
  }
  return s;
}

function randomBytes(r: () => number): string {
  const n = Math.floor(r() * 80);
  let s = '';
  for (let i = 0; i < n; i++) s += r() < 0.7 ? (ALPHABET[Math.floor(r() * ALPHABET.length)] as string) + ' ' : String.fromCharCode(Math.floor(r() * 256));
  return s;
}

function checkDiags(ds: readonly Diagnostic[], where: string): void {
  for (const d of ds) {
    if (typeof d.code !== 'string' || d.code.length === 0 || typeof d.message !== 'string') throw new Error(`${where}: malformed diagnostic ${JSON.stringify(d)}`);
    if (d.span !== undefined && (d.span.start < 0 || d.span.end > d.span.source.text.length || d.span.start > d.span.end)) {
      throw new Error(`${where}: span out of bounds ${d.span.start}..${d.span.end} of ${d.span.source.text.length}`);
    }
    renderDiagnostic(d);
  }
}

const TARGETS4 = ['x86_64', 'aarch64', 'riscv64', 'wasm32'];

export interface FuzzStats { inputs: number; parsedOk: number; laidOut: number; diagnostics: number }

/** Runs `count` fuzz inputs from `seed`; throws (with the input) on the first contract violation. */
export function fuzz(count: number, seed: number): FuzzStats {
  const r = rng(seed);
  const bases = fc.sample(arbRustCase({ maxItems: 4 }), { seed, numRuns: 200 });
  const stats: FuzzStats = { inputs: 0, parsedOk: 0, laidOut: 0, diagnostics: 0 };
  for (let i = 0; i < count; i++) {
    const base = bases[i % bases.length] as (typeof bases)[number];
    const kind = i % 5; // 0: random bytes; 1, 2: mutated definitions; 3, 4: valid definitions, mutated type
    const defs = kind === 0 ? randomBytes(r) : kind <= 2 ? mutate(base.defs, r) : base.defs;
    const type = kind >= 3 ? mutate(base.types[i % base.types.length] ?? 'u8', r) : (base.types[i % base.types.length] ?? 'u8');
    stats.inputs++;
    try {
      const s = createLayoutSession({ target: TARGETS4[i % 4] as string, defs: [{ name: 'fuzz.rs', text: defs }] });
      if (!s.ok) { stats.diagnostics++; checkDiags(s.errors, 'defs'); continue; }
      stats.parsedOk++;
      const l = s.value.layoutOfType(type);
      if (l.ok) stats.laidOut++;
      else { stats.diagnostics++; checkDiags(l.errors, 'type'); }
    } catch (e) {
      throw new Error(`fuzz input ${i} (seed ${seed}) threw ${(e as Error).stack ?? String(e)}\n--- defs ---\n${defs}\n--- type ---\n${type}`);
    }
  }
  return stats;
}

const SIG_BASES = [
  'fn detect_func(x: usize, y: usize, z: Option<usize>) -> Option<usize>',
  'pub unsafe extern "C" fn g(a: u64, s: &mut [u8]) -> i32',
  'fn(u8, &str) -> Result<(), Error>',
  'fn h<\'a>(p: &\'a Option<u32>, (a, b): (u8, u16)) -> !',
  'Dev::get',
  '#[track_caller] fn t(x: u128) -> (u64, f64)',
];

/** Fuzzes the signature front end (`rustabi abi`): mutated signatures always give an ABI or diagnostics. */
export function fuzzSignatures(count: number, seed: number): FuzzStats {
  const r = rng(seed);
  const stats: FuzzStats = { inputs: 0, parsedOk: 0, laidOut: 0, diagnostics: 0 };
  const defs = 'pub struct Dev { id: u32 }\nimpl Dev { pub fn get(&self, i: usize) -> Option<&u32> { None } }\n';
  const sessions = TARGETS4.map((t) => createLayoutSession({ target: t, defs: [{ name: 'd.rs', text: defs }] }));
  for (let i = 0; i < count; i++) {
    const base = SIG_BASES[i % SIG_BASES.length] as string;
    const text = i % 7 === 0 ? randomBytes(r) : mutate(base, r);
    stats.inputs++;
    const s = sessions[i % 4];
    if (s === undefined || !s.ok) throw new Error('session');
    try {
      const a = fnAbiOf(s.value, text);
      if (a.ok) stats.laidOut++;
      else { stats.diagnostics++; checkDiags(a.errors, 'signature'); }
    } catch (e) {
      throw new Error(`signature fuzz input ${i} (seed ${seed}) threw ${(e as Error).stack ?? String(e)}\n--- signature ---\n${text}`);
    }
  }
  return stats;
}
