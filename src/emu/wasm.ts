/**
 * wasm32 fixtures: `#![no_core]` Rust compiled by the machine's rustc 1.95 for `wasm32-unknown-unknown`
 * (`--crate-type cdylib`, rustc's own wasm-ld), cached like the native fixtures (src/emu/fixtures.ts) under
 * `.cache/fixtures/<hash>.wasm`; the export signatures (wasm param/result value types) read with
 * @webassemblyjs/wasm-parser; and `callWasm`, which runs one export in Node's WebAssembly with every
 * argument piece passed as the wasm parameter rustabi's FnAbi names (`loc: {param: N}`), Indirect
 * arguments copied to linear memory above `__heap_base`, and the sret buffer (parameter 0) there too.
 *
 * On wasm32 there are no registers: a piece of ≤ 4 bytes of integer/pointer is an i32, 8 bytes an i64,
 * floats f32/f64, a 16-byte integer two i64 (rustabi already splits it into two 8-byte pieces). LLVM
 * demotes every return that is not one wasm value to a hidden out-pointer parameter 0 with no result.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { FnAbi, Piece } from '../model/abi.js';
import { findRustc, rustcVersion } from '../testing/oracle.js';
import { FIXTURE_FLAGS, FixtureBuildError, fixtureCrate } from './fixtures.js';

export const WASM32_TRIPLE = 'wasm32-unknown-unknown';

export type WasmValType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128' | 'funcref' | 'externref';

/** A wasm function type: parameter and result value types, in order. */
export interface WasmFuncType {
  readonly params: readonly WasmValType[];
  readonly results: readonly WasmValType[];
}

export interface WasmFixture {
  readonly hash: string;
  /** The cached file (null when built without a cache). */
  readonly path: string | null;
  readonly bytes: Uint8Array;
  readonly cached: boolean;
}

export interface WasmFixtureOptions {
  /** The fixture body: Rust items after the header (FIXTURE_LANG_ITEMS is added). */
  readonly source: string;
  readonly rustc?: string;
  /** Default `.cache/fixtures` under the current directory; null: build in a temporary directory only. */
  readonly cacheDir?: string | null;
}

function run(cmd: string, args: readonly string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, RUSTC_BOOTSTRAP: '1' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => { if (stderr.length < 20000) stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** Builds (or reads from the cache) one wasm32 cdylib fixture. Throws FixtureBuildError if rustc is missing or rejects it. */
export async function buildWasmFixture(opts: WasmFixtureOptions): Promise<WasmFixture> {
  const rustc = opts.rustc ?? findRustc();
  if (rustc === null) throw new FixtureBuildError('rustc not found (looked at $RUSTC, PATH and $HOME/.cargo/bin/rustc)');
  const crate = fixtureCrate(opts.source);
  const version = await rustcVersion(rustc);
  const hash = createHash('sha256').update(`${version}\0${WASM32_TRIPLE}\0cdylib\0${FIXTURE_FLAGS.join(' ')}\0${crate}`).digest('hex').slice(0, 32);
  const cacheDir = opts.cacheDir === undefined ? `${process.cwd()}/.cache/fixtures` : opts.cacheDir;
  const path = cacheDir === null ? null : `${cacheDir}/${hash}.wasm`;
  if (path !== null) {
    const bytes = await readFile(path).catch(() => null);
    if (bytes !== null) return { hash, path, bytes: new Uint8Array(bytes), cached: true };
  }
  const dir = await mkdtemp(`${tmpdir()}/rustabi-wasm-fixture-`);
  try {
    const src = `${dir}/fixture.rs`;
    const out = `${dir}/fixture.wasm`;
    await writeFile(src, crate);
    const r = await run(rustc, ['--target', WASM32_TRIPLE, '--crate-type', 'cdylib', '--crate-name', 'fixture', ...FIXTURE_FLAGS, '-o', out, src], dir);
    if (r.code !== 0) throw new FixtureBuildError(`rustc --target ${WASM32_TRIPLE} (cdylib) failed:\n${r.stderr}`);
    if (!(await stat(out).then(() => true, () => false))) throw new FixtureBuildError(`rustc --target ${WASM32_TRIPLE} wrote no ${out}`);
    const bytes = new Uint8Array(await readFile(out));
    if (cacheDir === null || path === null) return { hash, path: null, bytes, cached: false };
    await mkdir(cacheDir, { recursive: true });
    const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, path); // atomic: a concurrent reader sees no file or the whole file
    return { hash, path, bytes, cached: false };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// ---- export signatures (@webassemblyjs/wasm-parser; it ships no type declarations) ----

interface AstSignature { readonly params: readonly { readonly valtype: WasmValType }[]; readonly results: readonly WasmValType[] }
interface AstNode {
  readonly type: string;
  readonly name?: { readonly value?: string } | string;
  readonly signature?: AstSignature;
  readonly descr?: { readonly exportType?: string; readonly id?: { readonly type: string; readonly value: string | number }; readonly signature?: AstSignature };
  readonly functype?: AstSignature;
}
type Decode = (buf: Uint8Array, opts: { ignoreCodeSection: boolean; ignoreDataSection: boolean }) => { readonly body: readonly { readonly fields: readonly AstNode[] }[] };

let decodeFn: Decode | null = null;
function decoder(): Decode {
  if (decodeFn === null) {
    const req = createRequire(import.meta.url);
    decodeFn = (req('@webassemblyjs/wasm-parser') as { decode: Decode }).decode;
  }
  return decodeFn;
}

function funcType(s: AstSignature): WasmFuncType {
  return { params: s.params.map((p) => p.valtype), results: [...s.results] };
}

/** The function type of every exported function of a wasm module, by export name. */
export function wasmExportSignatures(bytes: Uint8Array): Map<string, WasmFuncType> {
  const ast = decoder()(bytes, { ignoreCodeSection: true, ignoreDataSection: true });
  const fields = ast.body[0]?.fields ?? [];
  // Function index space: imported functions first, then the module's own (in order).
  const funcs: { name: string | null; sig: WasmFuncType }[] = [];
  for (const f of fields) {
    if (f.type === 'ModuleImport' && f.descr?.signature !== undefined) funcs.push({ name: null, sig: funcType(f.descr.signature) });
  }
  for (const f of fields) {
    if (f.type !== 'Func' || f.signature === undefined) continue;
    const n = typeof f.name === 'string' ? f.name : f.name?.value ?? null;
    funcs.push({ name: n, sig: funcType(f.signature) });
  }
  const out = new Map<string, WasmFuncType>();
  for (const f of fields) {
    if (f.type !== 'ModuleExport' || f.descr?.exportType !== 'Func' || f.descr.id === undefined || typeof f.name !== 'string') continue;
    const id = f.descr.id;
    const fn = typeof id.value === 'number' ? funcs[id.value] : funcs.find((x) => x.name === id.value);
    if (fn === undefined) throw new Error(`wasm export ${f.name}: function ${String(id.value)} not found`);
    out.set(f.name, fn.sig);
  }
  return out;
}

/** The wasm value type of one FnAbi piece (pointers and ≤ 4-byte ints are i32; a 16-byte int or f128 is two i64). */
export function pieceValTypes(p: Piece): WasmValType[] {
  if (p.class === 'float') {
    if (p.size === 4) return ['f32'];
    if (p.size === 8) return ['f64'];
    // LLVM has no wasm fp128: it is lowered to two i64 halves, like a u128.
    if (p.size === 16) return ['i64', 'i64'];
    throw new Error(`no wasm value type for a ${p.size}-byte float piece`);
  }
  if (p.class === 'vector') return ['v128'];
  if (p.size <= 4) return ['i32'];
  if (p.size <= 8) return ['i64'];
  if (p.size === 16) return ['i64', 'i64'];
  throw new Error(`no wasm value type for a ${p.size}-byte integer piece`);
}

/** The wasm function type rustabi's FnAbi predicts: sret (i32) first, then every argument piece in order; one result for a Direct/Cast return. */
export function predictedWasmFuncType(abi: FnAbi): WasmFuncType {
  const params: WasmValType[] = abi.sret !== null ? ['i32'] : [];
  for (const a of abi.args) for (const p of a.pieces) params.push(...pieceValTypes(p));
  const results: WasmValType[] = [];
  if (abi.sret === null) for (const p of abi.ret.pieces) results.push(...pieceValTypes(p));
  return { params, results };
}

// ---- running ----

/** The parts of Node's WebAssembly API used here (the project's lib settings carry no DOM types). */
export interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
export interface WasmInstance { readonly exports: Readonly<Record<string, unknown>> }
interface WasmApi { instantiate(bytes: Uint8Array, imports: object): Promise<{ readonly instance: WasmInstance }> }

/** Instantiates a fixture (it imports nothing). */
export async function instantiateWasm(bytes: Uint8Array): Promise<WasmInstance> {
  const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  if (api === undefined) throw new Error('this JavaScript runtime has no WebAssembly');
  return (await api.instantiate(bytes, {})).instance;
}

export interface WasmCallResult {
  /** The return value's bytes (layout size): the wasm result written at its piece's offset, or the sret buffer. */
  readonly ret: Uint8Array;
  /** The raw wasm result (undefined for none). */
  readonly raw: unknown;
  /** The wasm arguments passed, in order. */
  readonly params: readonly (number | bigint)[];
  /** The sret buffer's address in linear memory, or null. */
  readonly sretAddr: number | null;
  /** True when the callee wrote any byte of the (poisoned) sret buffer. */
  readonly sretWritten: boolean;
}

/** The byte every scratch area holds before a call, so an unwritten sret buffer is visible. */
export const WASM_POISON = 0xa5;

function memoryOf(instance: WasmInstance): WasmMemory {
  const m = instance.exports.memory as WasmMemory | undefined;
  if (m === undefined || !(m.buffer instanceof ArrayBuffer)) throw new Error('the wasm module exports no memory');
  return m;
}

function heapBase(instance: WasmInstance): number {
  const g = instance.exports.__heap_base as { value?: unknown } | undefined;
  const v = g?.value;
  if (typeof v !== 'number') throw new Error('the wasm module exports no __heap_base global');
  return v;
}

function readPiece(bytes: Uint8Array, p: Piece): (number | bigint)[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const types = pieceValTypes(p);
  const out: (number | bigint)[] = [];
  let off = p.offset;
  for (const t of types) {
    const size = types.length > 1 ? p.size / types.length : p.size;
    if (off + size > bytes.length) throw new Error(`piece at +${off} (${size} bytes) is outside the ${bytes.length}-byte value`);
    if (t === 'f32') out.push(dv.getFloat32(off, true));
    else if (t === 'f64') out.push(dv.getFloat64(off, true));
    else if (t === 'i64') {
      let v = 0n;
      for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[off + i] ?? 0);
      out.push(BigInt.asIntN(64, v));
    } else if (t === 'i32') {
      let v = 0;
      for (let i = size - 1; i >= 0; i--) v = v * 256 + (bytes[off + i] ?? 0);
      out.push(v | 0);
    } else throw new Error(`cannot pass a ${t} piece`);
    off += size;
  }
  return out;
}

function writeResult(out: Uint8Array, p: Piece, raw: unknown): void {
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  if (p.class === 'float') {
    if (typeof raw !== 'number') throw new Error(`float result is ${typeof raw}`);
    if (p.size === 4) dv.setFloat32(p.offset, raw, true);
    else dv.setFloat64(p.offset, raw, true);
    return;
  }
  let v = typeof raw === 'bigint' ? BigInt.asUintN(64, raw) : typeof raw === 'number' ? BigInt(raw >>> 0) : null;
  if (v === null) throw new Error(`integer result is ${typeof raw}`);
  for (let i = 0; i < p.size && p.offset + i < out.length; i++) { out[p.offset + i] = Number(v & 0xffn); v >>= 8n; }
}

/**
 * Calls export `name` with `args` (each argument's value bytes, its layout's size) placed where `abi`
 * says: every piece is the wasm parameter its `loc.param` names; an Indirect argument is copied into
 * linear memory above `__heap_base` and its address passed; an sret buffer there is parameter 0.
 * Returns the return value's bytes.
 */
export function callWasm(instance: WasmInstance, name: string, abi: FnAbi, args: readonly Uint8Array[]): WasmCallResult {
  const fn = instance.exports[name];
  if (typeof fn !== 'function') throw new Error(`the wasm module exports no function ${name}`);
  if (args.length !== abi.args.length) throw new Error(`${name} takes ${abi.args.length} arguments, got ${args.length}`);
  const mem = memoryOf(instance);
  let brk = (heapBase(instance) + 15) & ~15;
  const alloc = (size: number, align: number): number => {
    const a = Math.max(align, 1);
    const addr = Math.ceil(brk / a) * a;
    brk = addr + Math.max(size, 1);
    const need = brk - mem.buffer.byteLength;
    if (need > 0) mem.grow(Math.ceil(need / 65536));
    new Uint8Array(mem.buffer, addr, Math.max(size, 1)).fill(WASM_POISON);
    return addr;
  };
  const params: (number | bigint)[] = [];
  const place = (index: number, value: number | bigint): void => {
    if (params[index] !== undefined) throw new Error(`${name}: two pieces claim wasm parameter ${index}`);
    params[index] = value;
  };
  const locParam = (p: Piece): number => {
    if (!('param' in p.loc)) throw new Error(`${name}: piece at +${p.offset} is not a wasm parameter (${JSON.stringify(p.loc)})`);
    return p.loc.param;
  };
  let sretAddr: number | null = null;
  if (abi.sret !== null) {
    if (!('param' in abi.sret.atEntry)) throw new Error(`${name}: sret is not a wasm parameter`);
    sretAddr = alloc(abi.ret.layout.size, abi.ret.layout.align);
    place(abi.sret.atEntry.param, sretAddr);
  }
  abi.args.forEach((a, i) => {
    const bytes = args[i];
    if (bytes === undefined) return;
    if (bytes.length !== a.layout.size) throw new Error(`${name}: argument ${i} has ${bytes.length} bytes, its layout ${a.layout.size}`);
    if (a.mode.kind === 'indirect') {
      const addr = alloc(a.layout.size, a.layout.align);
      new Uint8Array(mem.buffer, addr, a.layout.size).set(bytes);
      const first = a.pieces[0];
      if (first === undefined) throw new Error(`${name}: Indirect argument ${i} has no pointer piece`);
      place(locParam(first), addr);
      if (a.pieces.length > 1) throw new Error(`${name}: unsized Indirect arguments (metadata pieces) are not supported`);
      return;
    }
    for (const p of a.pieces) {
      const vals = readPiece(bytes, p);
      vals.forEach((v, k) => place(locParam(p) + k, v));
    }
  });
  for (let i = 0; i < params.length; i++) if (params[i] === undefined) throw new Error(`${name}: no piece fills wasm parameter ${i}`);
  const raw: unknown = (fn as (...a: (number | bigint)[]) => unknown)(...params);
  const ret = new Uint8Array(abi.ret.layout.size);
  let sretWritten = false;
  if (sretAddr !== null) {
    ret.set(new Uint8Array(mem.buffer, sretAddr, abi.ret.layout.size));
    sretWritten = ret.some((b) => b !== WASM_POISON);
  } else if (abi.ret.pieces.length === 1) {
    const p = abi.ret.pieces[0];
    if (p !== undefined) writeResult(ret, p, raw);
  } else if (abi.ret.pieces.length > 1) {
    throw new Error(`${name}: ${abi.ret.pieces.length} return pieces without sret (a wasm function returns one value)`);
  }
  return { ret, raw, params, sretAddr, sretWritten };
}
