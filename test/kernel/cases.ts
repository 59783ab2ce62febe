/**
 * The kernel end-to-end fixtures: Rust functions over many types (scalar pairs, niche-packed enums,
 * hidden-pointer returns, references, 8+ arguments), written once and compiled twice:
 *  - for the kernel (`#![no_core]`, linked into a C module that calls them from a trigger parameter),
 *  - with std on the host, where the same functions print each call with `{:?}` (the expected text).
 */
import { DEFS } from '../unit/value/debug-cases.js';

export interface Val {
  /** The type, as rustabi and rustc both read it. */
  readonly ty: string;
  /** The value for the host (std) crate. */
  readonly host: string;
  /** The value for the kernel (no_core + rustabi prelude) crate; default `host`. */
  readonly kern?: string;
  /** tracefs/bpftrace fetch a fixed set of words: a `&str` pointee is not among them. */
  readonly fetchable?: boolean;
}

/** No derive in no_core; the types are the same. */
export const KERNEL_DEFS: string = DEFS.replace(/#\[derive\(Debug\)\]\s*/g, '');

const CATALOG: readonly Val[] = [
  { ty: 'u8', host: '200' }, { ty: 'i8', host: '-5' }, { ty: 'u16', host: '65000' }, { ty: 'i16', host: '-300' },
  { ty: 'u32', host: '4000000000' }, { ty: 'i32', host: '-7' }, { ty: 'u64', host: '0xdead_beef_cafe' }, { ty: 'i64', host: '-1234567890123' },
  { ty: 'usize', host: '42' }, { ty: 'isize', host: '-42' },
  { ty: 'u128', host: '0x1234_5678_9abc_def0_1122_3344_5566_7788' }, { ty: 'i128', host: '-98765432109876543210' },
  { ty: 'bool', host: 'true' }, { ty: 'char', host: "'x'" }, { ty: 'char', host: "'\\n'" }, { ty: 'char', host: "'é'" }, { ty: '()', host: '()' },
  { ty: 'f32', host: '1.5' }, { ty: 'f64', host: '0.1' },
  { ty: 'Option<usize>', host: 'Some(3)' }, { ty: 'Option<usize>', host: 'None' }, { ty: 'Option<u8>', host: 'Some(7)' },
  { ty: 'Option<bool>', host: 'Some(true)' }, { ty: 'Option<char>', host: "Some('z')" }, { ty: 'Option<Option<bool>>', host: 'Some(None)' },
  { ty: "Option<&'static u64>", host: 'Some(&77)' }, { ty: "Option<&'static u64>", host: 'None' },
  { ty: 'Option<NonZeroU32>', host: 'NonZeroU32::new(9)', kern: 'Some(unsafe { NonZero(9) })' },
  { ty: 'Option<i128>', host: 'Some(-3)' },
  { ty: 'Result<u32, u8>', host: 'Ok(5)' }, { ty: 'Result<u32, u8>', host: 'Err(9)' }, { ty: 'Result<(), i32>', host: 'Err(-22)' },
  { ty: 'Result<(), i32>', host: 'Ok(())' }, { ty: 'Result<u64, u64>', host: 'Err(3)' }, { ty: 'Result<Option<u16>, bool>', host: 'Ok(Some(513))' },
  { ty: "&'static u32", host: '&5' }, { ty: "&'static (u8, u16)", host: '&(1, 2)' }, { ty: "&'static str", host: '"hi \\"rust\\""', fetchable: false },
  { ty: '(u8, u32)', host: '(1, 70000)' }, { ty: '(i64, bool, char)', host: "(-9, false, 'q')" }, { ty: '(u16,)', host: '(4,)' },
  { ty: '[u32; 3]', host: '[1, 2, 3]' }, { ty: '[u8; 16]', host: '[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]' }, { ty: '[u64; 5]', host: '[10, 20, 30, 40, 50]' },
  { ty: 'Unit', host: 'Unit' }, { ty: 'Pair', host: 'Pair(1, -2)' }, { ty: 'Named', host: "Named { a: 1, b: true, c: 'q' }" },
  { ty: 'Gen<u8>', host: 'Gen { x: 5, y: 6 }' }, { ty: 'Wrap<i16>', host: 'Wrap(-3)' }, { ty: 'CS', host: 'CS { a: 1, b: 2 }' },
  { ty: 'E1', host: 'E1::A' }, { ty: 'E1', host: 'E1::B(3)' }, { ty: 'E1', host: 'E1::C { x: -5, y: true }' },
  { ty: 'E2<u32>', host: 'E2::Two(1, 2)' }, { ty: 'E2<u32>', host: 'E2::Nothing' }, { ty: 'Small', host: 'Small::Y' }, { ty: 'Small', host: 'Small::Z' },
  { ty: 'Niche', host: 'Niche::P(true)' }, { ty: 'Niche', host: 'Niche::R' }, { ty: 'Neg', host: 'Neg::M' }, { ty: 'CE', host: 'CE::A(4)' },
  { ty: 'Big', host: 'Big::A(1, 2, 3)' }, { ty: 'Big', host: "Big::C('k')" }, { ty: 'Option<Big>', host: 'Some(Big::B)' },
  { ty: 'Option<Named>', host: "Some(Named { a: 9, b: false, c: 'n' })" }, { ty: 'Option<(u8, u32)>', host: 'Some((8, 9))' },
];

export interface FnCase {
  readonly name: string;
  readonly args: readonly Val[];
  readonly ret: Val;
}

/** ≥ 60 functions: each catalog value as a return, with 0–3 arguments drawn from the catalog, plus many-argument ones. */
export function fnCases(): FnCase[] {
  const n = CATALOG.length;
  const out: FnCase[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 4;
    const args = [7, 13, 29].slice(0, k).map((d) => CATALOG[(i + d) % n] as Val);
    out.push({ name: `rfx_${out.length}`, args, ret: CATALOG[i] as Val });
  }
  const usize = (v: number): Val => ({ ty: 'usize', host: String(v) });
  out.push({ name: `rfx_${out.length}`, args: [1, 2, 3, 4, 5, 6, 7, 8].map(usize), ret: { ty: 'Option<usize>', host: 'Some(36)' } });
  out.push({
    name: `rfx_${out.length}`,
    args: [usize(1), { ty: 'Option<usize>', host: 'Some(2)' }, { ty: 'Option<usize>', host: 'Some(3)' }, { ty: 'Option<usize>', host: 'None' }, { ty: 'u8', host: '5' }, { ty: '(u8, u32)', host: '(6, 7)' }, { ty: 'E1', host: 'E1::B(8)' }],
    ret: { ty: '[u64; 5]', host: '[1, 2, 3, 4, 5]' },
  });
  out.push({
    name: `rfx_${out.length}`,
    args: [{ ty: 'u128', host: '1' }, { ty: 'u128', host: '2' }, { ty: 'u128', host: '3' }, { ty: 'u128', host: '4' }, { ty: 'Big', host: 'Big::A(5, 6, 7)' }, { ty: 'i8', host: '-8' }],
    ret: { ty: 'Result<u64, u64>', host: 'Ok(99)' },
  });
  out.push({ name: `rfx_${out.length}`, args: [{ ty: 'u8', host: '1' }, { ty: 'u16', host: '2' }, { ty: 'u32', host: '3' }, { ty: 'u64', host: '4' }, { ty: 'bool', host: 'true' }, { ty: 'char', host: "'c'" }, { ty: 'i8', host: '-1' }, { ty: 'i16', host: '-2' }, { ty: 'i32', host: '-3' }], ret: { ty: '()', host: '()' } });
  return out;
}

export function signature(c: FnCase): string {
  return `fn ${c.name}(${c.args.map((a, i) => `a${i}: ${a.ty}`).join(', ')}) -> ${c.ret.ty}`;
}

const kern = (v: Val): string => v.kern ?? v.host;

/** The kernel crate's body (after rustabi's no_core prelude): the functions and `rfx_trigger(n)`. */
export function kernelCrate(cases: readonly FnCase[], arch: 'amd64' | 'arm64'): string {
  // Ftrace sites, as a kernel that traces Rust code would have them: tracefs and perf kprobes refuse a
  // function with none (`Could not probe notrace function`, CONFIG_KPROBE_EVENTS_ON_NOTRACE=n). arm64
  // gets its two NOPs from -Zpatchable-function-entry; x86_64 needs `call __fentry__` in __mcount_loc.
  const fentry = arch === 'amd64'
    ? 'asm!("2: call __fentry__", ".pushsection __mcount_loc, \\"a\\"", ".balign 8", ".quad 2b", ".popsection");'
    : '';
  const fns = cases.map((c) => {
    const uses = c.args.map((a, i) => `rfx_use(&a${i} as *const ${a.ty} as *const u8);`).join(' ');
    // rfx_use (opaque C) keeps every call: a function LLVM sees as pure would have its calls removed.
    return `#[no_mangle] #[inline(never)] pub ${signature(c)} { unsafe { ${fentry} rfx_use(0 as *const u8); ${uses} } ${kern(c.ret)} }`;
  });
  const arms = cases.map((c, i) => `${i} => { let r: ${c.ret.ty} = ${c.name}(${c.args.map(kern).join(', ')}); unsafe { rfx_use(&r as *const ${c.ret.ty} as *const u8); } }`);
  return [
    '#[rustc_builtin_macro] pub macro asm("assembly template", $(operands,)* $(options($(option),*))?) { /* built in */ }',
    'pub mod fx {',
    'use super::*;',
    'use super::Option::{None, Some}; use super::Result::{Ok, Err};',
    KERNEL_DEFS,
    'extern "C" { fn rfx_use(p: *const u8); }',
    ...fns,
    `#[no_mangle] pub extern "C" fn rfx_trigger(n: u32) { match n { ${arms.join('\n')}\n_ => {} } }`,
    '}',
  ].join('\n');
}

/** The host program: the same functions with std, printing `rustabi: name(a0=…, …) = …` per call. */
export function hostProgram(cases: readonly FnCase[]): string {
  const fns = cases.map((c) => `#[inline(never)] fn ${signature(c).slice(3)} { std::hint::black_box((${c.args.map((_, i) => `&a${i}, `).join('')})); ${c.ret.host} }`);
  const calls = cases.map((c) => {
    const lets = c.args.map((a, i) => `let a${i}: ${a.ty} = ${a.host};`).join(' ');
    const fmt = c.args.map((_, i) => `a${i}={:?}`).join(', ');
    return `{ ${lets} let s = format!("${c.name}(${fmt})"${c.args.map((_, i) => `, a${i}`).join('')}); let r = fn_${c.name}(${c.args.map((_, i) => `a${i}`).join(', ')}); println!("rustabi: {} = {:?}", s, r); }`;
  });
  return [
    '#![allow(warnings)]',
    'use std::num::NonZeroU32;',
    DEFS,
    ...fns.map((f) => f.replace(/^#\[inline\(never\)\] fn /, '#[inline(never)] fn fn_')),
    'fn main() {',
    ...calls,
    '}',
  ].join('\n');
}

/** The C half of the fixture module: `rfx_use` (opaque to Rust) and the `trigger` / `bench` parameters. */
export const FIXTURE_C = String.raw`// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/ktime.h>

void rfx_trigger(u32 n);
void rfx_use(const void *p);

noinline void rfx_use(const void *p)
{
	asm volatile("" : : "r"(p) : "memory");
}

static int trigger_set(const char *val, const struct kernel_param *kp)
{
	u32 n;
	int err = kstrtou32(val, 0, &n);

	if (err)
		return err;
	rfx_trigger(n);
	return 0;
}

static const struct kernel_param_ops trigger_ops = { .set = trigger_set };
module_param_cb(trigger, &trigger_ops, NULL, 0200);

/* bench=N: calls function N 2000 times and prints the mean time per call. */
static int bench_set(const char *val, const struct kernel_param *kp)
{
	u32 n, i;
	u64 t0, t1;
	int err = kstrtou32(val, 0, &n);

	if (err)
		return err;
	t0 = ktime_get_ns();
	for (i = 0; i < 2000; i++)
		rfx_trigger(n);
	t1 = ktime_get_ns();
	pr_info("rfx_bench: %llu ns/call\n", (t1 - t0) / 2000);
	return 0;
}

static const struct kernel_param_ops bench_ops = { .set = bench_set };
module_param_cb(bench, &bench_ops, NULL, 0200);

MODULE_LICENSE("GPL");
`;
