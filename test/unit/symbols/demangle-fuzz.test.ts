/**
 * demangleRust is total: 20,000 inputs — random bytes, and valid rustc symbols truncated, cut and mutated —
 * each give a string or null, never an exception, within the output bound, and the same answer to "is this a
 * Rust symbol" with and without `hash`. Hand-built worst cases check the depth, step and output bounds.
 * Seed: RUSTABI_SEED, else 20261123 (printed on failure; rerun with RUSTABI_SEED=<seed>).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demangleRust } from '../../../src/symbols/demangle.js';
import { mulberry32 } from '../../../src/internal/prng.js';
import { countFromEnv } from '../../support/env.js';

const SEED = countFromEnv('RUSTABI_SEED', 20261123);
const CASES = countFromEnv('RUSTABI_SYMBOL_FUZZ_CASES', 20_000);

/** Symbols rustc 1.95 emitted for test/unit/symbols/fixture.rs and core (inputs only, no expected output). */
const VALID = [
  '_RINvCsavurR2QIlcu_7fixture10with_constKjffffffffffffffff_EB2_',
  '_RINvCsavurR2QIlcu_7fixture3twohINtNtCsgEmfK2I1SDS_4core6option6OptionFG0_RL1_hRL0_tERL1_hEEB2_',
  '_RINvCsavurR2QIlcu_7fixture3twohINtNtCsgEmfK2I1SDS_4core6option6OptionFUKClvEuEEB2_',
  '_RINvCsavurR2QIlcu_7fixture3twohINtNtCsgEmfK2I1SDS_4core6option6OptionRDG_INtNtNtBy_3ops8function2FnTRL0_hEEp6OutputhEL_EEB2_',
  '_RINvCsavurR2QIlcu_7fixture3twohINtNtCsgEmfK2I1SDS_4core6option6OptionRDNtNtNtNtBy_4iter6traits8iterator8Iteratorp4ItemhNtNtBy_6marker4SendEL_EEB2_',
  '_RINvCsavurR2QIlcu_7fixture4callNCNvB2_10everythings_0EB2_',
  '_RINvCsavurR2QIlcu_7fixture7genericAhj4_EB2_',
  '_RINvCsavurR2QIlcu_7fixture7genericThtEEB2_',
  '_RINvCsavurR2QIlcu_7fixture8with_negKln5_EB2_',
  '_RINvCsavurR2QIlcu_7fixture9with_charKcf6_EB2_',
  '_RNvCsavurR2QIlcu_7fixtureu7_1lqs71d',
  '_RNvCsavurR2QIlcu_7fixtureu8gdel_5qa',
  '_RNvMNtNtCsavurR2QIlcu_7fixture4sync4lockINtB2_5MutexmE3getB6_',
  '_RNvMs1_CsavurR2QIlcu_7fixtureDNtB5_5ShapeEL_8describe',
  '_RNvMs2_CsavurR2QIlcu_7fixtureINtB5_6MatrixKj2_Kj3_E4rowsB5_',
  '_RNvXs7_NtNtCsgEmfK2I1SDS_4core5slice5indexNtNtNtB9_3ops5range9RangeFullINtB5_10SliceIndexShE5indexCsavurR2QIlcu_7fixture',
  '_RNvXsd_NtCsgEmfK2I1SDS_4core5arrayAhj2_INtNtNtB7_3ops5index5IndexNtNtBG_5range9RangeFullE5indexCsavurR2QIlcu_7fixture',
  '_RNvYNtCsavurR2QIlcu_7fixture6SquareNtB4_5Shape4nameB4_',
  '_ZN31_$LT$dyn$u20$fixture..Shape$GT$8describe17h8c768fc630603f00E',
  '_ZN4core5array85_$LT$impl$u20$core..ops..index..Index$LT$I$GT$$u20$for$u20$$u5b$T$u3b$$u20$N$u5d$$GT$5index17h3c00efc4e2446f87E',
  '_ZN61_$LT$fixture..Pair$LT$A$C$B$GT$$u20$as$u20$fixture..Shape$GT$4area17h36318e0b4dfbd2d9E',
  '_ZN7fixture10everything28_$u7b$$u7b$closure$u7d$$u7d$17h1c30588b57ab63b2E',
  '_ZN7fixture15_$u6771$$u4eac$17h49703890c6c79d0aE',
];

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_$.';

function mutate(sym: string, r: () => number): string {
  let s = sym;
  const ops = r() < 0.6 ? 1 : 1 + Math.floor(r() * 4);
  for (let k = 0; k < ops; k++) {
    const at = Math.floor(r() * (s.length + 1));
    const ch = ALPHABET[Math.floor(r() * ALPHABET.length)] as string;
    switch (Math.floor(r() * 5)) {
      case 0: s = s.slice(0, at); break; // truncate
      case 1: s = s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 6)); break; // cut
      case 2: s = s.slice(0, at) + ch + s.slice(at); break; // insert
      case 3: s = s.slice(0, at) + ch + s.slice(at + 1); break; // replace
      default: { const b = Math.floor(r() * s.length); s = s.slice(0, at) + s.slice(b, b + 1 + Math.floor(r() * 10)) + s.slice(at); } // splice
    }
  }
  return s;
}

function randomInput(r: () => number): string {
  const n = Math.floor(r() * 60);
  let s = r() < 0.5 ? (r() < 0.5 ? '_R' : '_ZN') : '';
  for (let i = 0; i < n; i++) s += r() < 0.8 ? (ALPHABET[Math.floor(r() * ALPHABET.length)] as string) : String.fromCharCode(Math.floor(r() * 256));
  return s;
}

function check(input: string, where: string): void {
  let a: string | null;
  let b: string | null;
  try {
    a = demangleRust(input);
    b = demangleRust(input, { hash: true });
  } catch (e) {
    assert.fail(`${where}: demangleRust threw on ${JSON.stringify(input)}: ${String(e)}`);
  }
  assert.ok(a === null || typeof a === 'string', where);
  assert.equal(a === null, b === null, `${where}: ${JSON.stringify(input)} is Rust in one mode only (${a} / ${b})`);
  assert.ok(a === null || a.length <= 1 << 18, where);
}

test(`demangleRust never throws: ${CASES} random and mutated symbols (seed ${SEED})`, () => {
  const r = mulberry32(SEED);
  let rust = 0;
  for (let i = 0; i < CASES; i++) {
    const input = r() < 0.25 ? randomInput(r) : mutate(VALID[Math.floor(r() * VALID.length)] as string, r);
    check(input, `seed ${SEED}, case ${i}`);
    if (demangleRust(input) !== null) rust++;
  }
  // Mutations of valid symbols must often stay valid, or the fuzzer only exercises the first few bytes.
  assert.ok(rust > CASES / 20, `only ${rust} of ${CASES} inputs demangled (seed ${SEED})`);
});

/** A base-62 number as v0 writes it: `_` for 0, else (n - 1) in base 62 then `_`. */
function b62(n: number): string {
  if (n === 0) return '_';
  const d = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let x = n - 1;
  let s = '';
  do {
    s = d[x % 62] + s;
    x = Math.floor(x / 62);
  } while (x > 0);
  return `${s}_`;
}

test('the depth, step and output bounds hold on hostile symbols', () => {
  const started = Date.now();
  // Nesting far past the depth limit: types, paths, generic arguments, constants.
  for (const deep of ['_RINvC1a1f' + 'R'.repeat(100_000) + 'h' + 'E', '_R' + 'N'.repeat(50_000) + 'vC1a', '_RINvC1a1f' + 'T'.repeat(50_000), '_RINvC1a1fKA' + 'A'.repeat(50_000)]) {
    check(deep, 'deep');
    assert.equal(demangleRust(deep), null);
  }
  // Backrefs that double the output at each step: 2^60 characters if nothing stopped them.
  let body = 'INvC1a1f'; // positions count from after `_R`
  let prev = body.length;
  body += 'ThE';
  for (let k = 0; k < 60; k++) {
    const at = body.length;
    body += `TB${b62(prev)}B${b62(prev)}E`;
    prev = at;
  }
  body += 'E';
  check(`_R${body}`, 'doubling backrefs');
  assert.equal(demangleRust(`_R${body}`), null);
  // A backref cycle (a path whose generic argument refers back to the path itself).
  check('_RINvC1a1fB_E', 'cycle');
  // Huge numbers.
  check(`_RNvC${'9'.repeat(400)}a1f`, 'huge length');
  check(`_RNvCs${'z'.repeat(200)}_1a1f`, 'huge disambiguator');
  check(`_ZN${'9'.repeat(400)}aE`, 'huge legacy length');
  check(`_RINvC1a1fFG${'z'.repeat(20)}_uE`, 'huge binder');
  assert.ok(Date.now() - started < 20_000, `hostile symbols took ${Date.now() - started} ms`);
});
