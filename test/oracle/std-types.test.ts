/**
 * The prelude's std types against the REAL std of rustc 1.95, on x86_64-unknown-linux-gnu (the only
 * target whose std is installed): one host crate *with* std, one `#[rustc_layout(debug)] type T<i> = …;`
 * per type, compared key by key with rustabi's answer for the same type written the way a user would
 * (`Vec<u8>`, `std::rc::Rc<u32>`, `&str`). The other oracle tests compile the prelude itself under
 * `#![no_core]`; this one checks that the prelude's *model* of std is what std really is.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LayoutErrorJson, LayoutJson } from '../../src/model/layout-json.js';
import { TARGETS } from '../../src/model/target.js';
import { createLayoutSession } from '../../src/query/layout.js';
import type { Diagnostic } from '../../src/testing/oracle.js';
import { primarySpan, runOracleCrate } from '../../src/testing/oracle.js';
import { parseDumpMessage } from '../../src/testing/rustc-debug.js';
import { layoutJsonFromDump } from '../../src/testing/rustc-layout.js';
import { diffLayouts } from '../support/compare.js';
import { requireRustc } from '../support/env.js';

const TRIPLE = TARGETS.x86_64.triple;

/** [the type in the std crate, the same type as a rustabi user writes it (default: the same text)]. */
const STD_TYPES: readonly (readonly [string, string?])[] = [
  // The issue's list.
  ['Vec<u8>'],
  ['String'],
  ['Box<dyn Tr>'],
  ['Option<Vec<u8>>'],
  ['Result<Vec<u8>, String>'],
  ['Option<String>'],
  ['Option<Option<Vec<u8>>>'],
  ['Result<Vec<u8>, u32>'],
  ['Box<u32>'],
  ['Option<Box<u32>>'],
  ['Box<[u8]>'],
  ['Box<str>'],
  ['Option<Box<dyn Tr>>'],
  ['std::rc::Rc<u32>'],
  ['std::sync::Arc<u32>'],
  ['std::cell::Cell<bool>'],
  ['std::cell::RefCell<u32>'],
  ['core::mem::MaybeUninit<bool>'],
  ['std::time::Duration'],
  ['Option<std::time::Duration>'],
  ['core::num::NonZeroU32'],
  ['Option<core::num::NonZeroUsize>'],
  ['core::cmp::Ordering'],
  ['Option<core::cmp::Ordering>'],
  ["&'static str", '&str'],
  ["Option<&'static str>", 'Option<&str>'],
  ['std::ptr::NonNull<u8>'],
  ['core::mem::ManuallyDrop<bool>'],
  // Everything else the prelude models (src/prelude/core-rs.ts, src/input/prelude-paths.ts).
  ['core::marker::PhantomData<u64>'],
  ['Option<core::marker::PhantomData<u64>>'],
  ['std::cell::UnsafeCell<u32>'],
  ['Option<std::cell::UnsafeCell<bool>>'],
  ['Option<std::cell::Cell<bool>>'],
  ['Option<std::cell::RefCell<bool>>'],
  ['std::cell::RefCell<Vec<u8>>'],
  ['Option<core::mem::MaybeUninit<bool>>'],
  ['Option<core::mem::ManuallyDrop<bool>>'],
  ['core::mem::MaybeUninit<String>'],
  ['core::mem::ManuallyDrop<Vec<u8>>'],
  ['Option<core::mem::ManuallyDrop<Vec<u8>>>'],
  ['core::num::NonZero<u64>'],
  ['core::num::NonZeroU8'],
  ['core::num::NonZeroU16'],
  ['core::num::NonZeroU64'],
  ['core::num::NonZeroU128'],
  ['core::num::NonZeroI8'],
  ['core::num::NonZeroI16'],
  ['core::num::NonZeroI32'],
  ['core::num::NonZeroI64'],
  ['core::num::NonZeroI128'],
  ['core::num::NonZeroIsize'],
  ['Option<core::num::NonZeroI8>'],
  ['Option<core::num::NonZeroU128>'],
  ['Result<core::num::NonZeroU32, ()>'],
  ['Option<std::ptr::NonNull<u8>>'],
  ['std::ptr::NonNull<[u8]>'],
  ['std::ptr::NonNull<dyn Tr>'],
  ['Option<std::ptr::NonNull<str>>'],
  ['Box<()>'],
  ['Box<[u32]>'],
  ['Option<Box<[u8]>>'],
  ['Option<Box<str>>'],
  ['Result<(), Box<dyn Tr>>'],
  ['Result<String, Box<dyn Tr>>'],
  ['std::boxed::Box<u64>'],
  ['Vec<()>'],
  ['Vec<String>'],
  ['Option<Vec<String>>'],
  ['std::vec::Vec<u128>'],
  ['Result<Vec<u8>, ()>'],
  ['Result<Option<Vec<u8>>, ()>'],
  ['Option<Result<Vec<u8>, String>>'],
  ['(Vec<u8>, bool)'],
  ['Option<(Vec<u8>, bool)>'],
  ['std::string::String'],
  ['Result<String, u8>'],
  ['std::rc::Rc<[u8]>'],
  ['std::rc::Rc<str>'],
  ['std::rc::Rc<dyn Tr>'],
  ['Option<std::rc::Rc<u32>>'],
  ['std::sync::Arc<str>'],
  ['std::sync::Arc<dyn Tr>'],
  ['Option<std::sync::Arc<u32>>'],
  ['std::sync::atomic::AtomicUsize'],
  ['Option<std::sync::atomic::AtomicUsize>'],
  ['Option<Option<std::time::Duration>>'],
  ['Result<std::time::Duration, u32>'],
  ['Result<core::cmp::Ordering, bool>'],
  ['Option<Option<core::cmp::Ordering>>'],
  ['Option<bool>'],
  ['Option<char>'],
  ['Option<u32>'],
  ['Option<usize>'],
  ['Option<Option<bool>>'],
  ['Result<u32, ()>'],
  ['Result<usize, u64>'],
  ['Result<(), ()>'],
  ['Option<()>'],
  ["&'static [u8]", '&[u8]'],
  ["Option<&'static [u8]>", 'Option<&[u8]>'],
  ["&'static dyn Tr", '&dyn Tr'],
  ["Option<&'static dyn Tr>", 'Option<&dyn Tr>'],
  ["Option<&'static u32>", 'Option<&u32>'],
  ['Option<fn()>'],
  ['core::ffi::c_void'],
  ['core::ffi::c_char'],
  ['core::ffi::c_schar'],
  ['core::ffi::c_uchar'],
  ['core::ffi::c_short'],
  ['core::ffi::c_ushort'],
  ['core::ffi::c_int'],
  ['core::ffi::c_uint'],
  ['core::ffi::c_long'],
  ['core::ffi::c_ulong'],
  ['core::ffi::c_longlong'],
  ['core::ffi::c_ulonglong'],
  ['core::ffi::c_float'],
  ['core::ffi::c_double'],
  ['std::os::raw::c_int'],
  ['Option<core::ffi::c_void>'],
];

function stdCrate(types: readonly string[]): { text: string; firstTypeLine: number } {
  const head = [
    '#![feature(rustc_attrs)]',
    '#![crate_type = "lib"]',
    '#![allow(warnings)]',
    'pub trait Tr {}',
  ];
  return {
    text: [...head, ...types.map((t, i) => `#[rustc_layout(debug)] type T${i} = ${t};`), ''].join('\n'),
    firstTypeLine: head.length + 1,
  };
}

type Result = LayoutJson | LayoutErrorJson;

/** rustc's layout of each type with the real std (x86_64 host), in order; throws on any other error. */
async function realStdLayouts(rustc: string, types: readonly string[]): Promise<(LayoutJson | undefined)[]> {
  const crate = stdCrate(types);
  const lines = crate.text.split('\n');
  const out = new Array<LayoutJson | undefined>(types.length);
  const problems: string[] = [];
  const onDiagnostic = (d: Diagnostic): void => {
    if (d.$message_type !== undefined && d.$message_type !== 'diagnostic') return;
    if (!d.level.startsWith('error') || d.message.startsWith('aborting due to')) return;
    const line = primarySpan(d)?.line_start ?? 0;
    const i = line - crate.firstTypeLine;
    const type = types[i];
    if (type !== undefined && d.level === 'error' && d.message.startsWith('layout_of(')) {
      try {
        out[i] = layoutJsonFromDump(parseDumpMessage(d.message).value, type, TRIPLE);
      } catch (e) {
        problems.push(`cannot read rustc's dump of \`${type}\`: ${(e as Error).message}`);
      }
      return;
    }
    problems.push(`${d.code === null ? 'error' : `error[${d.code.code}]`}: ${d.message}\n  at line ${line}: ${lines[line - 1] ?? ''}`);
  };
  const run = await runOracleCrate(rustc, TRIPLE, crate.text, onDiagnostic);
  if (run.signal !== null || (run.code !== 0 && run.code !== 1) || run.seen === 0) {
    throw new Error(`rustc --target ${TRIPLE} (with std) failed (exit ${run.code ?? run.signal}):\n${run.stray.slice(0, 4000)}`);
  }
  if (problems.length > 0) throw new Error(`rustc rejected the std crate:\n${problems.slice(0, 10).join('\n')}`);
  return out;
}

test('std types: the prelude agrees with the real std of rustc 1.95 on x86_64', { timeout: 300_000 }, async (t) => {
  const rustc = requireRustc(t);
  if (rustc === null) return;
  const rustTypes = STD_TYPES.map(([r]) => r);
  const theirs = await realStdLayouts(rustc, rustTypes);
  const s = createLayoutSession({ target: 'x86_64' });
  assert.ok(s.ok, 'the x86_64 session must build');
  const failures: string[] = [];
  STD_TYPES.forEach(([rust, user], i) => {
    const spelled = user ?? rust;
    const real = theirs[i];
    if (real === undefined) { failures.push(`\`${rust}\`: rustc printed no layout`); return; }
    const mine: Result = s.value.layoutOfTypeJson(spelled);
    const d = diffLayouts(mine, real);
    if (d.length > 0) {
      failures.push(`\`${spelled}\` (std: \`${rust}\`):\n    ${d.join('\n    ')}\n    rustabi: ${JSON.stringify(mine)}\n    real std: ${JSON.stringify(real)}`);
    }
  });
  t.diagnostic(`${STD_TYPES.length - failures.length}/${STD_TYPES.length} std types agree with the real std on ${TRIPLE}`);
  assert.equal(failures.length, 0, `${failures.length} std type(s) differ from the real std:\n  ${failures.join('\n  ')}`);
});
