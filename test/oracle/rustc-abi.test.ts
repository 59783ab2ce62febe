// The rustc calling-convention oracle against the real rustc 1.95: facts from
// shared/reference/rustc-callconv.md §3, §6 and §9, plus the dump → JSON mapping on a captured dump.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { TARGETS } from '../../src/model/target.js';
import { PRELUDE_RS } from '../../src/prelude/core-rs.js';
import { findRustc } from '../../src/testing/oracle.js';
import type { OracleAbiResult, OracleArgAbi, OracleFnAbi } from '../../src/testing/rustc-abi.js';
import { fnAbiJsonFromDump, rustcFnAbis } from '../../src/testing/rustc-abi.js';
import { parseDumpMessage } from '../../src/testing/rustc-debug.js';

const rustc = findRustc();
const onCi = process.env['CI'] === 'true';
const skip = rustc === null && !onCi ? 'rustc not found (PATH, $HOME/.cargo/bin): ABI oracle tests skipped' : false;
if (skip !== false) console.log(skip);

const X86 = TARGETS.x86_64.triple;
const RISCV = TARGETS.riscv64.triple;
const WASM = TARGETS.wasm32.triple;
const ARM = TARGETS.aarch64.triple;
const ARM_SOFT = TARGETS['aarch64-kernel'].triple;

// The prelude (Option, Result, Error, Vec, …) plus the test structs of rustc-callconv.md §9.
const DEFS = `${PRELUDE_RS}
pub struct S8 { a: u8, b: u16, c: u32 }
pub enum E8 { A(u8, u16), B(u32) }
#[repr(C)] pub struct F2 { a: f32, b: f32 }
#[repr(C)] pub struct F4 { a: f32, b: f32, c: f32, d: f32 }
#[repr(C)] pub struct FD { a: f32, b: f64 }
#[repr(C)] pub struct P2 { a: u64, b: u64 }
#[repr(C)] pub struct P3 { a: u64, b: u64, c: u64 }
`;

function abis(triple: string, fns: readonly string[], defs = DEFS): Promise<OracleAbiResult[]> {
  return rustcFnAbis({ triple, defs, fns, cacheDir: null, ...(rustc === null ? {} : { rustc }) });
}

function fnAbi(r: OracleAbiResult | undefined): OracleFnAbi {
  assert.ok(r !== undefined && !('error' in r), `expected an FnAbi, got ${JSON.stringify(r)}`);
  return r;
}

function arg(r: OracleAbiResult | undefined, i: number): OracleArgAbi {
  const a = fnAbi(r).args[i];
  assert.ok(a !== undefined, `no arg ${i} in ${JSON.stringify(r)}`);
  return a;
}

const INT8 = { prefix: [], unit: { kind: 'int', size: 8 }, total: 8 };

test('rustc is available for the ABI oracle', { skip }, () => {
  assert.ok(rustc !== null, 'rustc 1.95 not found on PATH or in $HOME/.cargo/bin; the oracle tests need it (CI=true)');
});

test('x86_64 Rust ABI: the pass modes of rustc-callconv.md §9.1', { skip }, async () => {
  const fns = [
    'pub fn opt(x: Option<usize>) -> Option<usize>',
    'pub fn res(x: Result<usize, Error>) -> Result<usize, Error>',
    'pub fn s8(x: S8) -> S8',
    'pub fn flag(b: bool) -> bool',
    'pub fn zst(a: u64, u: (), b: u64)',
    'pub fn never(s: &str) -> !',
    'pub fn optu8(x: Option<u8>, y: u8) -> Option<u8>',
    'pub fn big(x: Option<u128>) -> Option<u128>',
    'pub fn kres(x: Result<(), Error>, e: E8) -> u128',
    'pub fn fl(x: f32, y: f64, p: (f32, f32)) -> Option<f64>',
    'pub fn uns(x: [u8], y: u64)',
    'pub fn opt(x: Option<usize>) -> Option<usize>', // the same name twice is fine
  ];
  const r = await abis(X86, fns);
  assert.deepEqual(r.map((x) => x.fn), fns);

  const opt = fnAbi(r[0]);
  assert.equal(opt.conv, 'Rust');
  assert.deepEqual(opt.args, [{ mode: 'pair', ext: [null, null], size: 16, align: 8, type: 'Option<usize>' }]);
  assert.deepEqual(opt.ret, { mode: 'pair', ext: [null, null], size: 16, align: 8, type: 'Option<usize>' });
  assert.deepEqual(r[11], { ...opt, fn: fns[11] });

  // #7: Memory of 16 bytes > pointer size: Indirect both ways (a pointer to a copy / sret), never byval.
  const res = fnAbi(r[1]);
  assert.deepEqual(res.args, [{ mode: 'indirect', onStack: false, size: 16, align: 8, type: 'Result<usize, Error>' }]);
  assert.deepEqual(res.ret, { mode: 'indirect', onStack: false, size: 16, align: 8, type: 'Result<usize, Error>' });

  // #13 / R6: 8-byte Memory struct → Cast to one i64.
  assert.deepEqual(arg(r[2], 0), { mode: 'cast', cast: INT8, size: 8, align: 4, type: 'S8' });
  assert.deepEqual(fnAbi(r[2]).ret, { mode: 'cast', cast: INT8, size: 8, align: 4, type: 'S8' });

  // #21 / R3: bool is zero-extended, args and return.
  assert.deepEqual(arg(r[3], 0), { mode: 'direct', ext: ['zext'], size: 1, align: 1, type: 'bool' });
  assert.deepEqual(fnAbi(r[3]).ret.ext, ['zext']);

  // R1: a ZST parameter and `()` return are Ignore.
  const zst = fnAbi(r[4]);
  assert.deepEqual(zst.args.map((a) => a.mode), ['direct', 'ignore', 'direct']);
  assert.deepEqual(arg(r[4], 1), { mode: 'ignore', size: 0, align: 1, type: '()' });
  assert.deepEqual(zst.ret, { mode: 'ignore', size: 0, align: 1, type: '()' });

  // R1: `-> !` is an Ignore return; &str is a Pair.
  const never = fnAbi(r[5]);
  assert.deepEqual(never.ret, { mode: 'ignore', size: 0, align: 1, type: '!' });
  assert.deepEqual(arg(r[5], 0), { mode: 'pair', ext: [null, null], size: 16, align: 8, type: '&str' });

  // #30: Option<u8>'s tag is an i8 with range 0..=1, which rustc treats as a bool: zext on the tag only.
  assert.deepEqual(arg(r[6], 0).ext, ['zext', null]);
  assert.deepEqual(fnAbi(r[6]).ret.ext, ['zext', null]);
  assert.deepEqual(arg(r[6], 1).ext, [null]); // R3: no extension of u8 in the Rust ABI on x86_64

  // #32 / R5: a 32-byte ScalarPair is a Pair argument but an Indirect return.
  assert.equal(arg(r[7], 0).mode, 'pair');
  assert.deepEqual(fnAbi(r[7]).ret, { mode: 'indirect', onStack: false, size: 32, align: 16, type: 'Option<u128>' });

  // #6: kernel Result<(), Error> is one i32 scalar; #27: E8 (8-byte Memory) is Cast i64; #17: u128 Direct.
  assert.deepEqual(arg(r[8], 0), { mode: 'direct', ext: [null], size: 4, align: 4, type: 'Result<(), Error>' });
  assert.deepEqual(arg(r[8], 1).cast, INT8);
  assert.deepEqual(fnAbi(r[8]).ret, { mode: 'direct', ext: [null], size: 16, align: 16, type: 'u128' });

  // #14-16: floats stay Direct / Pair in the Rust ABI.
  assert.deepEqual(fnAbi(r[9]).args.map((a) => a.mode), ['direct', 'direct', 'pair']);
  assert.deepEqual(fnAbi(r[9]).ret.mode, 'pair');

  // R2: an unsized by-value param is Indirect with metadata.
  assert.deepEqual(arg(r[10], 0), { mode: 'indirect', onStack: false, meta: true, size: 0, align: 1, type: '[u8]' });
  assert.equal(arg(r[10], 1).mode, 'direct');
});

test('x86_64 extern "C": float pairs Cast to SSE, byval on the stack, 8-bit args extended (§6.1)', { skip }, async () => {
  const r = await abis(X86, [
    'pub extern "C" fn f2(s: F2) -> F2',
    'pub extern "C" fn p3(a: P3, b: u8, c: i16) -> P3',
    'pub extern "C" fn p2(s: P2) -> P2',
    'pub extern "C" fn u(x: u8) -> u8',
  ]);
  const f2 = fnAbi(r[0]);
  assert.equal(f2.conv, 'C');
  const sse = { prefix: [], unit: { kind: 'float', size: 8 }, total: 8 };
  assert.deepEqual(f2.args, [{ mode: 'cast', cast: sse, size: 8, align: 4, type: 'F2' }]);
  assert.deepEqual(f2.ret, { mode: 'cast', cast: sse, size: 8, align: 4, type: 'F2' });
  // C3/C5: MEMORY-class argument goes byval (on_stack), MEMORY return through sret.
  assert.deepEqual(arg(r[1], 0), { mode: 'indirect', onStack: true, size: 24, align: 8, type: 'P3' });
  assert.deepEqual(fnAbi(r[1]).ret, { mode: 'indirect', onStack: false, size: 24, align: 8, type: 'P3' });
  // C1: args narrower than 32 bits are extended by signedness; return values are not.
  assert.deepEqual([arg(r[1], 1).ext, arg(r[1], 2).ext], [['zext'], ['sext']]);
  assert.deepEqual(fnAbi(r[3]).ret.ext, [null]);
  // C4: two INTEGER eightbytes → Cast {i64, i64}; rustc's x86_64 code builds it as CastTarget::pair:
  // the first eightbyte is the prefix, the second the rest (not a Uniform of 16 bytes).
  assert.deepEqual(arg(r[2], 0).cast, { prefix: [{ kind: 'int', size: 8 }], unit: { kind: 'int', size: 8 }, total: 8 });
});

test('riscv64: Rust-ABI args are extended to 64 bits (u32 sext), returns are not (R4); C flattening (C13)', { skip }, async () => {
  const r = await abis(RISCV, [
    'pub fn ints(a: u32, b: u8, c: i16, d: char, p: (u32, u32), e: u64) -> u32',
    'pub extern "C" fn fd(x: FD, y: u32) -> u32',
  ]);
  const ints = fnAbi(r[0]);
  assert.deepEqual(ints.args.map((a) => a.ext), [['sext'], ['zext'], ['sext'], ['sext'], [null, null], [null]]);
  assert.deepEqual(ints.ret.ext, [null]);
  // {f32, f64} → fa0 (f32 prefix) + fa1 (f64 at offset 8).
  assert.deepEqual(arg(r[1], 0).cast, {
    prefix: [{ kind: 'float', size: 4 }], unit: { kind: 'float', size: 8 }, total: 8, restOffset: 8,
  });
  // C12: the C ABI extends returns too.
  assert.deepEqual(fnAbi(r[1]).ret.ext, ['sext']);
});

test('aarch64: softfloat casts floats to integers (R4); hard-float C HFAs are consecutive float casts (C8)', { skip }, async () => {
  const soft = await abis(ARM_SOFT, [
    'pub fn f(x: f64, p: (f32, f32), o: Option<f64>) -> f64',
  ]);
  const f = fnAbi(soft[0]);
  assert.deepEqual(f.args[0], { mode: 'cast', cast: INT8, size: 8, align: 8, type: 'f64' });
  assert.deepEqual(f.args[1], { mode: 'cast', cast: INT8, size: 8, align: 4, type: '(f32, f32)' });
  assert.deepEqual(f.args[2], { mode: 'indirect', onStack: false, size: 16, align: 8, type: 'Option<f64>' });
  assert.deepEqual(f.ret, { mode: 'cast', cast: INT8, size: 8, align: 8, type: 'f64' });

  const hard = await abis(ARM, ['pub extern "C" fn h(x: F4, y: f64) -> F4', 'pub fn g(x: f64) -> f64']);
  const hfa = { prefix: [], unit: { kind: 'float', size: 4 }, total: 16, consecutive: true };
  assert.deepEqual(arg(hard[0], 0), { mode: 'cast', cast: hfa, size: 16, align: 4, type: 'F4' });
  assert.deepEqual(fnAbi(hard[0]).ret.cast, hfa);
  assert.deepEqual(arg(hard[1], 0), { mode: 'direct', ext: [null], size: 8, align: 8, type: 'f64' });
});

test('wasm32 extern "C": aggregates are Indirect (C18); Rust ABI returns > 8 bytes are Indirect (R5)', { skip }, async () => {
  const r = await abis(WASM, [
    'pub extern "C" fn p2(s: P2) -> P2',
    'pub extern "C" fn o(x: Option<usize>) -> u8',
    'pub fn r(x: (u64, u64)) -> (u64, u64)',
    'pub fn s(x: Option<usize>) -> Option<usize>',
  ]);
  assert.deepEqual(fnAbi(r[0]).args, [{ mode: 'indirect', onStack: false, size: 16, align: 8, type: 'P2' }]);
  assert.deepEqual(fnAbi(r[0]).ret, { mode: 'indirect', onStack: false, size: 16, align: 8, type: 'P2' });
  assert.equal(arg(r[1], 0).mode, 'indirect');
  assert.deepEqual(fnAbi(r[1]).ret.ext, ['zext']); // C17: ints < 32 bits extended, returns included
  assert.deepEqual([arg(r[2], 0).mode, fnAbi(r[2]).ret.mode], ['pair', 'indirect']);
  assert.deepEqual([arg(r[3], 0).mode, fnAbi(r[3]).ret.mode], ['pair', 'pair']); // W3: LLVM, not rustc, demotes it
});

test('errors: each fn gets its own, and the fns around it still get their ABI', { skip }, async () => {
  const defs = `${DEFS}pub struct Rec { a: u8, b: Rec }\npub type RecAlias = Rec;\n`;
  const fns = [
    'pub fn a(x: u8) -> u8',
    'pub fn unknown(x: Nope) -> u8',
    'pub fn generic<T>(x: T) -> u8', // a fatal layout error in rustc's ABI pass
    'pub fn b(x: u16) -> u16',
    'pub fn rec(x: Option<Rec>) -> u8', // stops rustc before any dump
    'pub fn alias(x: &u8) -> Option<RecAlias>', // the same, but the text does not name Rec
    'pub fn (x: u8)',
    'pub fn unsized_ret(x: u8) -> [u8]',
    'pub fn c(\n  x: u32,\n) -> u32',
    'pub fn by_ref(x: &Rec, y: *const RecAlias) -> u8', // names Rec, but only behind pointers: fine
  ];
  const r = await abis(X86, fns, defs);
  assert.deepEqual(r.map((x) => x.fn), fns);
  assert.deepEqual(fnAbi(r[0]).args.map((a) => a.type), ['u8']);
  assert.equal((r[1] as { error: { code: string } }).error.code, 'E0425');
  assert.deepEqual(r[2], { fn: fns[2], error: { code: 'rustc', message: 'the type `T` does not have a fixed layout' } });
  assert.deepEqual(fnAbi(r[3]).ret.type, 'u16');
  const recErr = { code: 'E0072', message: 'recursive type `Rec` has infinite size' };
  assert.deepEqual(r[4], { fn: fns[4], error: recErr });
  assert.deepEqual(r[5], { fn: fns[5], error: recErr });
  assert.deepEqual(r[6], { fn: fns[6], error: { code: 'harness', message: 'no `fn <name>` in the fn text' } });
  assert.equal((r[7] as { error: { code: string } }).error.code, 'E0277');
  assert.deepEqual(fnAbi(r[8]).args.map((a) => a.type), ['u32']);
  assert.deepEqual(fnAbi(r[9]).args.map((a) => [a.mode, a.type]), [['direct', '&Rec'], ['direct', '*const Rec']]);
});

test('a rustc crash (ICE) or an unsupported ABI is that fn\'s error', { skip }, async () => {
  // rustc 1.95 reports E0570 for "sysv64" on wasm32 and then panics computing the fn's ABI.
  const r = await abis(WASM, ['pub fn a(x: u8) -> u8', 'pub extern "sysv64" fn b(x: u8) -> u8', 'pub fn c(x: u64) -> u64']);
  assert.equal(fnAbi(r[0]).ret.type, 'u8');
  assert.ok(r[1] !== undefined && 'error' in r[1]);
  assert.ok(['E0570', 'ice'].includes(r[1].error.code), JSON.stringify(r[1]));
  assert.equal(fnAbi(r[2]).ret.type, 'u64');
  // rustc runs in the batch's temporary directory, so its `rustc-ice-*.txt` report does not land here.
  assert.deepEqual((await readdir(process.cwd())).filter((f) => f.startsWith('rustc-ice-')), []);
});

test('an error inside defs fails the whole batch', { skip }, async () => {
  await assert.rejects(abis(X86, ['pub fn a(x: u8)'], `${DEFS}pub struct Broken { a: NoSuchType }\n`), /NoSuchType/);
});

test('batches of 1000 keep the order; the cache answers a repeated request with the caller\'s spelling', { skip }, async () => {
  const dir = await mkdtemp(`${tmpdir()}/rustabi-abi-cache-`);
  try {
    const fns = Array.from({ length: 1001 }, (_, i) => `pub fn f(a: [u8; ${i}])`);
    const opts = { triple: X86, defs: DEFS, fns, cacheDir: dir, ...(rustc === null ? {} : { rustc }) };
    const first = await rustcFnAbis(opts);
    // R6/R7: [u8; n] is Ignore at 0, Cast up to 8 bytes, Indirect above.
    assert.deepEqual(first.map((x) => arg(x, 0).mode), fns.map((_, i) => (i === 0 ? 'ignore' : i <= 8 ? 'cast' : 'indirect')));
    assert.deepEqual(arg(first[3], 0).cast, { prefix: [], unit: { kind: 'int', size: 3 }, total: 3 });
    assert.equal((await readdir(dir)).filter((f) => f.endsWith('.json')).length, 2);
    assert.deepEqual(await rustcFnAbis(opts), first);
    const respelled = await rustcFnAbis({ ...opts, fns: fns.map((f) => f.replace('fn f', 'fn g')) });
    assert.equal(respelled[5]?.fn, 'pub fn g(a: [u8; 5])');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

// ---- the dump → JSON mapping, on a dump captured from rustc 1.95 (no rustc needed)

// riscv64gc-unknown-linux-gnu: `pub extern "C" fn __f0(x: FD, y: [u8]) -> bool` with
// `#[repr(C)] pub struct FD { a: f32, b: f64 }` and `#![feature(unsized_fn_params)]`.
const CAPTURED = String.raw`fn_abi_of(__f0) = FnAbi {
    args: [
        ArgAbi {
            layout: TyAndLayout {
                ty: FD,
                layout: Layout {
                    size: Size(16 bytes),
                    align: AbiAlign {
                        abi: Align(8 bytes),
                    },
                    backend_repr: ScalarPair(
                        Initialized {
                            value: Float(
                                F32,
                            ),
                            valid_range: 0..=4294967295,
                        },
                        Initialized {
                            value: Float(
                                F64,
                            ),
                            valid_range: 0..=18446744073709551615,
                        },
                    ),
                    fields: Arbitrary {
                        offsets: [
                            Size(0 bytes),
                            Size(8 bytes),
                        ],
                        in_memory_order: [
                            0,
                            1,
                        ],
                    },
                    largest_niche: None,
                    uninhabited: false,
                    variants: Single {
                        index: 0,
                    },
                    max_repr_align: None,
                    unadjusted_abi_align: Align(8 bytes),
                    randomization_seed: 17944992529089668359,
                },
            },
            mode: Cast {
                pad_i32: false,
                cast: CastTarget {
                    prefix: [
                        Some(
                            Reg {
                                kind: Float,
                                size: Size(4 bytes),
                            },
                        ),
                        None,
                        None,
                        None,
                        None,
                        None,
                        None,
                        None,
                    ],
                    rest_offset: Some(
                        Size(8 bytes),
                    ),
                    rest: Uniform {
                        unit: Reg {
                            kind: Float,
                            size: Size(8 bytes),
                        },
                        total: Size(8 bytes),
                        is_consecutive: false,
                    },
                    attrs: ArgAttributes {
                        regular: ,
                        arg_ext: None,
                        pointee_size: Size(0 bytes),
                        pointee_align: None,
                    },
                },
            },
        },
        ArgAbi {
            layout: TyAndLayout {
                ty: [u8],
                layout: Layout {
                    size: Size(0 bytes),
                    align: AbiAlign {
                        abi: Align(1 bytes),
                    },
                    backend_repr: Memory {
                        sized: false,
                    },
                    fields: Array {
                        stride: Size(1 bytes),
                        count: 0,
                    },
                    largest_niche: None,
                    uninhabited: false,
                    variants: Single {
                        index: 0,
                    },
                    max_repr_align: None,
                    unadjusted_abi_align: Align(1 bytes),
                    randomization_seed: 3299917640423194882,
                },
            },
            mode: Indirect {
                attrs: ArgAttributes {
                    regular: CapturesAddress | NoAlias | NonNull | NoUndef,
                    arg_ext: None,
                    pointee_size: Size(0 bytes),
                    pointee_align: Some(
                        Align(1 bytes),
                    ),
                },
                meta_attrs: Some(
                    ArgAttributes {
                        regular: ,
                        arg_ext: None,
                        pointee_size: Size(0 bytes),
                        pointee_align: None,
                    },
                ),
                on_stack: false,
            },
        },
    ],
    ret: ArgAbi {
        layout: TyAndLayout {
            ty: bool,
            layout: Layout {
                size: Size(1 bytes),
                align: AbiAlign {
                    abi: Align(1 bytes),
                },
                backend_repr: Scalar(
                    Initialized {
                        value: Int(
                            I8,
                            false,
                        ),
                        valid_range: 0..=1,
                    },
                ),
                fields: Primitive,
                largest_niche: Some(
                    Niche {
                        offset: Size(0 bytes),
                        value: Int(
                            I8,
                            false,
                        ),
                        valid_range: 0..=1,
                    },
                ),
                uninhabited: false,
                variants: Single {
                    index: 0,
                },
                max_repr_align: None,
                unadjusted_abi_align: Align(1 bytes),
                randomization_seed: 281483566645249,
            },
        },
        mode: Direct(
            ArgAttributes {
                regular: NoUndef,
                arg_ext: Zext,
                pointee_size: Size(0 bytes),
                pointee_align: None,
            },
        ),
    },
    c_variadic: false,
    fixed_count: 2,
    conv: C,
    can_unwind: false,
}`;

test('mapping: Cast with a prefix and rest_offset, Indirect with meta_attrs, Direct with Zext, conv C', () => {
  const dump = parseDumpMessage(CAPTURED);
  assert.equal(dump.query, 'fn_abi_of');
  assert.equal(dump.subject, '__f0');
  assert.deepEqual(fnAbiJsonFromDump(dump.value, 'pub extern "C" fn f(x: FD, y: [u8]) -> bool'), {
    fn: 'pub extern "C" fn f(x: FD, y: [u8]) -> bool',
    conv: 'C',
    args: [
      {
        mode: 'cast',
        cast: { prefix: [{ kind: 'float', size: 4 }], unit: { kind: 'float', size: 8 }, total: 8, restOffset: 8 },
        size: 16, align: 8, type: 'FD',
      },
      { mode: 'indirect', onStack: false, meta: true, size: 0, align: 1, type: '[u8]' },
    ],
    ret: { mode: 'direct', ext: ['zext'], size: 1, align: 1, type: 'bool' },
  });
});

test('mapping: conv prints on one line; pad_i32 and is_consecutive become optional keys', () => {
  const abi = (conv: string, mode: string): string => `fn_abi_of(f) = FnAbi {
    args: [],
    ret: ArgAbi {
        layout: TyAndLayout {
            ty: (),
            layout: Layout {
                size: Size(0 bytes),
                align: AbiAlign {
                    abi: Align(1 bytes),
                },
            },
        },
        mode: ${mode},
    },
    c_variadic: false,
    fixed_count: 0,
    conv: ${conv},
    can_unwind: true,
}`;
  const v = (conv: string, mode: string): OracleFnAbi => fnAbiJsonFromDump(parseDumpMessage(abi(conv, mode)).value, 'f');
  assert.equal(v('X86(\n        SysV64,\n    )', 'Ignore').conv, 'X86(SysV64)');
  assert.equal(v('RustCold', 'Ignore').conv, 'RustCold');
  const cast = `Cast {
            pad_i32: true,
            cast: CastTarget {
                prefix: [None, Some(Reg { kind: Integer, size: Size(4 bytes) })],
                rest_offset: None,
                rest: Uniform {
                    unit: Reg {
                        kind: Vector,
                        size: Size(16 bytes),
                    },
                    total: Size(32 bytes),
                    is_consecutive: true,
                },
                attrs: ArgAttributes {
                    regular: ,
                    arg_ext: Sext,
                    pointee_size: Size(0 bytes),
                    pointee_align: None,
                },
            },
        }`;
  assert.deepEqual(v('C', cast).ret, {
    mode: 'cast',
    cast: { prefix: [{ kind: 'int', size: 4 }], unit: { kind: 'vector', size: 16 }, total: 32, consecutive: true },
    ext: ['sext'], padI32: true, size: 0, align: 1, type: '()',
  });
  assert.throws(() => v('C', 'Bogus'), /unknown PassMode Bogus/);
});
