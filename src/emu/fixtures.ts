/**
 * Fixtures: `#![no_core]` Rust compiled by the machine's rustc 1.95 into something the ELF loader runs,
 * cached by content hash (rustc version, triple, flags, source) under `.cache/fixtures/`.
 *
 * - Targets that can make a cdylib (the Linux triples): `--crate-type cdylib` linked by rust-lld
 *   (`-C linker-flavor=ld.lld`): a position-independent ET_DYN with `.dynsym`.
 * - Targets that drop cdylib (`x86_64-unknown-none`, `aarch64-unknown-none-softfloat`,
 *   `riscv64imac-unknown-none-elf`): `--emit=obj` with the target's own code and relocation model, then
 *   `rust-lld -flavor gnu` links the object into a static ET_EXEC (at the linker's default image base),
 *   whose `.symtab` lists the functions.
 *
 * `#[no_mangle] pub extern "Rust" fn f(…)` keeps the Rust ABI and an unmangled symbol.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { NO_CORE_HEADER, findRustc, rustcVersion } from '../testing/oracle.js';

const INTS = ['i8', 'i16', 'i32', 'i64', 'i128', 'isize', 'u8', 'u16', 'u32', 'u64', 'u128', 'usize'];

function binop(lang: string, trait: string, method: string, op: string, types: readonly string[] = INTS): string {
  return [
    `#[lang = "${lang}"] pub trait ${trait}<Rhs = Self> { type Output; fn ${method}(self, rhs: Rhs) -> Self::Output; }`,
    ...types.map((t) => `impl ${trait} for ${t} { type Output = ${t}; #[inline] fn ${method}(self, rhs: ${t}) -> ${t} { self ${op} rhs } }`),
  ].join('\n');
}

function shift(lang: string, trait: string, method: string, op: string): string {
  return [
    `#[lang = "${lang}"] pub trait ${trait}<Rhs = Self> { type Output; fn ${method}(self, rhs: Rhs) -> Self::Output; }`,
    ...INTS.map((t) => `impl ${trait}<u32> for ${t} { type Output = ${t}; #[inline] fn ${method}(self, rhs: u32) -> ${t} { self ${op} rhs } }`),
  ].join('\n');
}

/**
 * The operator lang items a fixture body may use on integers (`+ - * & | ^`, and `<< >>` by a `u32`)
 * and floats (`+ - *`), added after the oracle's NO_CORE_HEADER; compare with `match` (`==` would need
 * `PartialEq` and the receiver lang items). Each impl's body is the built-in operator (rustc lowers
 * primitive operators directly; at opt-level 2 there are no overflow checks, so no panic machinery is
 * needed). Soft-float targets turn float arithmetic and 128-bit
 * multiplication into compiler-builtins calls, which a no_core fixture cannot link: avoid them there.
 */
export const FIXTURE_LANG_ITEMS: string = [
  binop('add', 'Add', 'add', '+', [...INTS, 'f32', 'f64']),
  binop('sub', 'Sub', 'sub', '-', [...INTS, 'f32', 'f64']),
  binop('mul', 'Mul', 'mul', '*', [...INTS, 'f32', 'f64']),
  shift('shl', 'Shl', 'shl', '<<'),
  shift('shr', 'Shr', 'shr', '>>'),
  binop('bitand', 'BitAnd', 'bitand', '&'),
  binop('bitor', 'BitOr', 'bitor', '|'),
  binop('bitxor', 'BitXor', 'bitxor', '^'),
  '',
].join('\n');

/**
 * What fixtures that move values of any type need besides the prelude: `memcpy`/`memset` (large copies
 * become calls to them; riscv64 and the kernel triples have no other definition to link) and the
 * `freeze` auto trait (rustc asks for it when a value holding an UnsafeCell is passed by reference).
 * The copies are tail recursion inside the function itself: LLVM does not turn the body of a function
 * named memcpy/memset back into a call to it.
 */
export const FIXTURE_RUNTIME: string = [
  '#[no_mangle] pub unsafe extern "C" fn memcpy(d: *mut u8, s: *const u8, n: usize) -> *mut u8 { match n { 0 => d, _ => { *d = *s; memcpy((d as usize + 1) as *mut u8, (s as usize + 1) as *const u8, n - 1); d } } }',
  '#[no_mangle] pub unsafe extern "C" fn memset(d: *mut u8, c: i32, n: usize) -> *mut u8 { match n { 0 => d, _ => { *d = c as u8; memset((d as usize + 1) as *mut u8, c, n - 1); d } } }',
  '#[lang = "freeze"] pub unsafe auto trait Freeze {}',
  '',
].join('\n');

/** The full crate text compiled for a fixture body. */
export function fixtureCrate(body: string): string {
  return `${NO_CORE_HEADER}${FIXTURE_LANG_ITEMS}${body}${body.endsWith('\n') ? '' : '\n'}`;
}

export const FIXTURE_FLAGS: readonly string[] = ['-C', 'opt-level=2', '-C', 'panic=abort', '--edition=2021', '-A', 'warnings'];

export interface FixtureOptions {
  /** The fixture body: Rust items after the header (FIXTURE_LANG_ITEMS is added). */
  readonly source: string;
  /** rustc target triple, e.g. `aarch64-unknown-linux-gnu`. */
  readonly triple: string;
  readonly rustc?: string;
  /** Default `.cache/fixtures` under the current directory; null: build in a temporary directory only. */
  readonly cacheDir?: string | null;
}

export interface Fixture {
  readonly triple: string;
  /** 'cdylib' (ET_DYN) or 'static' (object linked into an ET_EXEC). */
  readonly kind: 'cdylib' | 'static';
  readonly hash: string;
  /** The cached file (null when built without a cache). */
  readonly path: string | null;
  readonly bytes: Uint8Array;
  readonly cached: boolean;
}

export class FixtureBuildError extends Error {
  override readonly name = 'FixtureBuildError';
}

interface Proc { readonly code: number | null; readonly stderr: string }

function exec(cmd: string, args: readonly string[], cwd: string): Promise<Proc> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, RUSTC_BOOTSTRAP: '1' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => { if (stderr.length < 20000) stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

const lldPaths = new Map<string, Promise<string>>();

/** `<sysroot>/lib/rustlib/<host>/bin/rust-lld` of this rustc. */
export function rustLld(rustc: string): Promise<string> {
  let p = lldPaths.get(rustc);
  if (p === undefined) {
    p = (async () => {
      const run = (args: readonly string[]): Promise<string> => new Promise<string>((resolve, reject) => {
        const c = spawn(rustc, args, { stdio: ['ignore', 'pipe', 'ignore'] });
        let s = '';
        c.stdout.setEncoding('utf8').on('data', (d: string) => { s += d; });
        c.on('error', reject);
        c.on('close', () => resolve(s));
      });
      const host = /^host: (\S+)$/m.exec(await run(['-vV']))?.[1];
      const sysroot = (await run(['--print', 'sysroot'])).trim();
      if (host === undefined || sysroot === '') throw new FixtureBuildError(`cannot read host and sysroot from \`${rustc} -vV\` / \`--print sysroot\``);
      const lld = `${sysroot}/lib/rustlib/${host}/bin/rust-lld`;
      await stat(lld).catch(() => { throw new FixtureBuildError(`rust-lld not found at ${lld}`); });
      return lld;
    })();
    lldPaths.set(rustc, p);
  }
  return p;
}

/** Triples seen to drop `cdylib` (rustc succeeds without writing the library). */
const noCdylib = new Set<string>();

async function compile(rustc: string, triple: string, crate: string, dir: string): Promise<{ out: string; kind: 'cdylib' | 'static' }> {
  const src = `${dir}/fixture.rs`;
  await writeFile(src, crate);
  const lld = await rustLld(rustc);
  if (!noCdylib.has(triple)) {
    const out = `${dir}/fixture.so`;
    const r = await exec(rustc, ['--target', triple, '--crate-type', 'cdylib', '--crate-name', 'fixture', ...FIXTURE_FLAGS,
      '-C', `linker=${lld}`, '-C', 'linker-flavor=ld.lld', '-o', out, src], dir);
    if (r.code !== 0) throw new FixtureBuildError(`rustc --target ${triple} (cdylib) failed:\n${r.stderr}`);
    if (await stat(out).then(() => true, () => false)) return { out, kind: 'cdylib' };
    // rustc "drops unsupported crate type `cdylib`" (a warning, silenced by -A warnings) and succeeds.
    noCdylib.add(triple);
  }
  const obj = `${dir}/fixture.o`;
  const r = await exec(rustc, ['--target', triple, '--crate-type', 'lib', '--crate-name', 'fixture', '--emit=obj', ...FIXTURE_FLAGS, '-o', obj, src], dir);
  if (r.code !== 0) throw new FixtureBuildError(`rustc --target ${triple} --emit=obj failed:\n${r.stderr}`);
  const out = `${dir}/fixture.elf`;
  const l = await exec(lld, ['-flavor', 'gnu', '--no-undefined', '-o', out, obj], dir);
  if (l.code !== 0) throw new FixtureBuildError(`rust-lld (static link for ${triple}) failed:\n${l.stderr}`);
  return { out, kind: 'static' };
}

/** Builds (or reads from the cache) one fixture. Throws FixtureBuildError if rustc is missing or rejects it. */
export async function buildFixture(opts: FixtureOptions): Promise<Fixture> {
  const rustc = opts.rustc ?? findRustc();
  if (rustc === null) throw new FixtureBuildError('rustc not found (looked at $RUSTC, PATH and $HOME/.cargo/bin/rustc)');
  const crate = fixtureCrate(opts.source);
  const version = await rustcVersion(rustc);
  const hash = createHash('sha256').update(`${version}\0${opts.triple}\0${FIXTURE_FLAGS.join(' ')}\0${crate}`).digest('hex').slice(0, 32);
  const cacheDir = opts.cacheDir === undefined ? `${process.cwd()}/.cache/fixtures` : opts.cacheDir;
  if (cacheDir !== null) {
    for (const kind of ['cdylib', 'static'] as const) {
      const path = `${cacheDir}/${hash}.${kind === 'cdylib' ? 'so' : 'elf'}`;
      const bytes = await readFile(path).catch(() => null);
      if (bytes !== null) return { triple: opts.triple, kind, hash, path, bytes: new Uint8Array(bytes), cached: true };
    }
  }
  const dir = await mkdtemp(`${tmpdir()}/rustabi-fixture-`);
  try {
    const { out, kind } = await compile(rustc, opts.triple, crate, dir);
    const bytes = new Uint8Array(await readFile(out));
    if (cacheDir === null) return { triple: opts.triple, kind, hash, path: null, bytes, cached: false };
    await mkdir(cacheDir, { recursive: true });
    const path = `${cacheDir}/${hash}.${kind === 'cdylib' ? 'so' : 'elf'}`;
    const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, path); // atomic: a concurrent reader sees no file or the whole file
    return { triple: opts.triple, kind, hash, path, bytes, cached: false };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
