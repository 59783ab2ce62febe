/**
 * demangleRust against GNU c++filt on real rustc symbols. test/unit/symbols/fixture.rs is compiled twice by
 * the machine's rustc (v0 and legacy mangling), `nm` lists every symbol of both objects, and each one is
 * demangled by rustabi and by c++filt: the default against `c++filt -i`, `{ hash: true }` against plain
 * `c++filt`. The expected side is always c++filt's output, adjusted only for its two known departures
 * (NORMALISE below), each counted and printed. Without rustc, nm or c++filt the test fails on CI and skips
 * elsewhere.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demangleRust } from '../../../src/symbols/demangle.js';
import { REPO_ROOT } from '../../support/corpus.js';
import { ON_CI, requireRustc } from '../../support/env.js';

const FIXTURE = join(REPO_ROOT, 'test', 'unit', 'symbols', 'fixture.rs');

/** A binutils tool, or: on CI a hard failure, elsewhere a visible skip. */
function requireTool(t: TestContext, tool: string): boolean {
  const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (r.status === 0) return true;
  if (ON_CI) throw new Error(`${tool} (GNU binutils) is required on CI: it is the demangling oracle`);
  t.skip(`${tool} not found (install binutils): oracle test skipped (it fails on CI)`);
  return false;
}

function run(cmd: string, args: readonly string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout;
}

/**
 * c++filt's known departures, rewritten to what rustabi prints (and rustc-demangle prints too):
 * - a `'` const generic prints as `'''` (c++filt does not escape the quote): → `'\''`;
 * - legacy `$u{hex}$` escapes of non-ASCII characters stay undecoded (libiberty decodes only ASCII ones): → the
 *   character. Only escapes of code points ≥ 0x80 are rewritten; libiberty decodes every ASCII one itself.
 */
const NORMALISE: readonly { readonly name: string; readonly from: RegExp; readonly to: (m: string, ...g: string[]) => string }[] = [
  { name: "unescaped ' char constant", from: /'''/g, to: () => "'\\''" },
  {
    name: 'undecoded non-ASCII legacy escape',
    from: /\$u([0-9a-f]+)\$/g,
    to: (m, hex) => (parseInt(hex as string, 16) >= 0x80 ? String.fromCodePoint(parseInt(hex as string, 16)) : m),
  },
];

interface Compared {
  readonly rust: number;
  readonly normalised: Map<string, string[]>;
}

function compare(symbols: readonly string[], expected: readonly string[], hash: boolean): Compared {
  const normalised = new Map<string, string[]>();
  let rust = 0;
  const mismatches: string[] = [];
  symbols.forEach((sym, i) => {
    let want = expected[i] as string;
    for (const n of NORMALISE) {
      const next = want.replace(n.from, n.to);
      if (next !== want) normalised.set(n.name, [...(normalised.get(n.name) ?? []), sym]);
      want = next;
    }
    const got = demangleRust(sym, { hash });
    if (got !== null) rust++;
    if ((got ?? sym) !== want) mismatches.push(`${sym}\n    rustabi: ${got}\n    c++filt: ${want}`);
  });
  assert.deepEqual(mismatches, [], `${mismatches.length} symbols differ from c++filt${hash ? '' : ' -i'}`);
  return { rust, normalised };
}

for (const mangling of ['v0', 'legacy'] as const) {
  test(`demangleRust matches c++filt on every symbol of the fixture (${mangling} mangling)`, (t) => {
    const rustc = requireRustc(t);
    if (rustc === null || !requireTool(t, 'nm') || !requireTool(t, 'c++filt')) return;
    const dir = mkdtempSync(join(tmpdir(), 'rustabi-symbols-'));
    try {
      const obj = join(dir, `${mangling}.o`);
      const flags = mangling === 'v0' ? ['-C', 'symbol-mangling-version=v0'] : ['-Z', 'unstable-options', '-C', 'symbol-mangling-version=legacy'];
      run(rustc, ['--crate-type=lib', '--emit=obj', '--crate-name=fixture', ...flags, '-o', obj, FIXTURE], { env: { ...process.env, RUSTC_BOOTSTRAP: '1' } });
      const symbols = [...new Set(run('nm', ['--format=just-symbols', obj]).split('\n').filter((s) => s !== ''))].sort();
      const input = `${symbols.join('\n')}\n`;
      const terse = run('c++filt', ['-i'], { input }).split('\n');
      const verbose = run('c++filt', [], { input }).split('\n');
      const a = compare(symbols, terse, false);
      const b = compare(symbols, verbose, true);

      // Not vacuous: the symbols of the mangling were found and are Rust, the others are not.
      const prefix = mangling === 'v0' ? '_R' : '_ZN';
      const ours = symbols.filter((s) => s.startsWith(prefix));
      assert.ok(ours.length >= (mangling === 'v0' ? 90 : 60), `only ${ours.length} ${prefix} symbols in the fixture`);
      // (core's own symbols, from the sysroot, are v0 in both objects.)
      assert.equal(a.rust, symbols.filter((s) => s.startsWith('_R') || s.startsWith('_ZN')).length);
      assert.equal(b.rust, a.rust);
      if (mangling === 'v0') {
        // The fixture reaches every part of the grammar this test is meant to cover (c++filt's words).
        const all = terse.join('\n');
        for (const part of ['{closure#1}', ' as ', '<dyn ', 'for<\'a, \'b> fn(', 'unsafe extern "C" fn(i32, ...)', 'Output = u8', '[u8; 4]', '&[u16]', '::{shim:vtable#0}', '::{closure#0}::{closure#0}', '<fn(u32) -> u32 as ',
          '*mut u32', '*const [u8]', '(u8,)', '<-5>', '<true>', "<'\\n'>", '<18446744073709551615>', '東京', 'gödel', '<fixture::Matrix<2, 3>>::rows', ' + core::marker::Send']) {
          assert.ok(all.includes(part), `c++filt -i output has no ${JSON.stringify(part)}: the fixture lost a case`);
        }
      }
      for (const [name, syms] of new Map([...a.normalised, ...b.normalised])) t.diagnostic(`c++filt departure normalised (${name}): ${syms.join(' ')}`);
      t.diagnostic(`${symbols.length} symbols, ${a.rust} Rust, all equal to c++filt -i and c++filt`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
