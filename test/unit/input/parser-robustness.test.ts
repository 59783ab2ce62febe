import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rng } from '../../support/fuzz.js';
import { parseFnSignature, parseSourceFile, parseTypeExpr } from '../../../src/input/parser.js';
import type { Outcome } from '../../../src/model/diagnostics.js';
import { PRELUDE_RS } from '../../../src/prelude/core-rs.js';
import { file, fileErr, pattr, pfn, pitem, ty, tyErr } from './ast-text.js';

// ---- a realistic Rust-for-Linux source file

const RFL_DRIVER = String.raw`// SPDX-License-Identifier: GPL-2.0

//! Rust minimal sample driver.
//!
//! Shows module!, impl blocks, a #[repr(C)] register block and an error enum.

#![allow(dead_code)]

use kernel::prelude::*;
use kernel::{c_str, sync::{Arc, Mutex}};

module! {
    type: RustMinimal,
    name: "rust_minimal",
    authors: ["Rust for Linux Contributors"],
    description: "Rust minimal sample",
    license: "GPL",
}

/// Register block of the device, as the hardware lays it out.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct Regs {
    /// Control register.
    pub ctrl: u32,
    pub status: u32,
    pub(crate) data: [u8; 16],
    reserved: [u32; 2],
}

/// Hardware error codes (negative errno values).
#[repr(i32)]
#[derive(Debug, PartialEq, Eq)]
pub enum HwError {
    Timeout = -110,
    Busy = -16,
    Io = -5,
    Ok = 0,
}

struct RustMinimal {
    numbers: KVec<i32>,
    regs: Option<Box<Regs>>,
    lock: Arc<Mutex<u64>>,
}

impl kernel::Module for RustMinimal {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        pr_info!("Rust minimal sample (init)\n");
        pr_info!("Am I built-in? {}\n", !cfg!(MODULE));

        let mut numbers = KVec::new();
        numbers.push(72, GFP_KERNEL)?;
        numbers.push(108, GFP_KERNEL)?;
        /* a comment with a } brace */
        let s = "a string with a } brace";
        let c = '}';
        Ok(RustMinimal { numbers, regs: None, lock: Arc::new(Mutex::new(0), GFP_KERNEL)? })
    }
}

impl RustMinimal {
    /// Reads the status register.
    #[inline]
    pub fn status(&self) -> u32 {
        self.regs.as_ref().map_or(0, |r| r.status)
    }

    /// # Safety
    ///
    /// The offset must be inside the register block.
    pub(crate) unsafe fn write_raw(&mut self, offset: usize, value: u32) -> Result {
        let _ = (offset, value);
        Ok(())
    }

    fn error_of(code: i32) -> Option<HwError> {
        match code {
            -110 => Some(HwError::Timeout),
            -16 => Some(HwError::Busy),
            _ => None,
        }
    }
}

impl Drop for RustMinimal {
    fn drop(&mut self) {
        pr_info!("My numbers are {:?}\n", self.numbers);
    }
}

#[no_mangle]
pub extern "C" fn rust_minimal_irq(irq: core::ffi::c_int, data: *mut core::ffi::c_void) -> core::ffi::c_uint {
    let _ = (irq, data);
    0
}

extern "C" {
    fn rust_helper_readl(addr: *const core::ffi::c_void) -> u32;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regs_size() {
        assert_eq!(core::mem::size_of::<Regs>(), 32);
    }
}
`;

test('a Rust-for-Linux style driver parses into the expected items', () => {
  const f = file(RFL_DRIVER);
  assert.deepEqual(f.items.map(pitem), [
    'skipped use declaration',
    'skipped use declaration',
    'skipped macro invocation',
    'struct Regs named [ctrl: u32, status: u32, data: [u8; 16], reserved: [u32; 2]]',
    'enum HwError [Timeout/unit = (-110), Busy/unit = (-16), Io/unit = (-5), Ok/unit = 0]',
    'struct RustMinimal named [numbers: KVec<i32>, regs: Option<Box<Regs>>, lock: Arc<Mutex<u64>>]',
    'impl kernel::Module for RustMinimal { init }',
    'impl RustMinimal { status, write_raw, error_of }',
    'impl Drop for RustMinimal { drop }',
    'extern "C" fn rust_minimal_irq(irq: core::ffi::c_int, data: *mut core::ffi::c_void) -> core::ffi::c_uint',
    'unsafe extern "C" fn rust_helper_readl(addr: *const core::ffi::c_void) -> u32',
    'mod tests { skipped use declaration; fn regs_size() }',
  ]);
  const regs = f.items[3];
  assert.ok(regs?.kind === 'struct');
  assert.deepEqual(regs.attrs.map(pattr), ['repr(C)', 'derive(Clone, Copy, Debug)']);
  assert.equal(RFL_DRIVER.slice(regs.span.start, regs.span.start + 15), 'pub struct Regs');
  const impl = f.items[7];
  assert.ok(impl?.kind === 'impl');
  assert.deepEqual(impl.fns.map(pfn), ['fn status(&self) -> u32', 'unsafe fn write_raw(&mut self, offset: usize, value: u32) -> Result', 'fn error_of(code: i32) -> Option<HwError>']);
  assert.deepEqual(impl.fns[0]?.attrs.map(pattr), ['inline']);
  const tests = f.items[11];
  assert.ok(tests?.kind === 'mod' && tests.attrs[0]?.path === 'cfg');
});

// ---- robustness: depth limits and fuzzing

test('10,000-deep nesting is input/too-deep, not a RangeError', () => {
  const N = 10000;
  const typeCases = [
    'Option<'.repeat(N) + 'u8' + '>'.repeat(N),
    '('.repeat(N) + 'u8' + ')'.repeat(N),
    '('.repeat(N) + 'u8' + ',)'.repeat(N),
    '['.repeat(N) + 'u8' + '; 1]'.repeat(N),
    '&'.repeat(N) + 'u8',
    '*const '.repeat(N) + 'u8',
    'fn() -> '.repeat(N) + 'u8',
    'Box<dyn '.repeat(N) + 'Tr' + '>'.repeat(N),
    '[u8; ' + '('.repeat(N) + '1' + ')'.repeat(N) + ']',
    '[u8; ' + '-'.repeat(N) + '1]',
    '[u8; ' + '{'.repeat(N) + '1' + '}'.repeat(N) + ']',
  ];
  for (const text of typeCases) assert.equal(tyErr(text).split(' ')[0], 'input/too-deep', text.slice(0, 20));
  const fileCases = [
    'mod m { '.repeat(N) + '}'.repeat(N),
    'fn f() ' + '{'.repeat(N) + '}'.repeat(N),
    'foo!' + '('.repeat(N) + ')'.repeat(N) + ';',
    '#[repr' + '(a'.repeat(N) + ')'.repeat(N) + '] struct S;',
    '#[other' + '(a'.repeat(N) + ')'.repeat(N) + '] struct S;',
    'struct S<T: ' + '('.repeat(N) + 'Tr' + ')'.repeat(N) + '>(T);',
  ];
  for (const text of fileCases) assert.equal(fileErr(text).split(' ')[0], 'input/too-deep', text.slice(0, 20));
  // 200 levels are fine.
  assert.equal(ty('Option<'.repeat(200) + 'u8' + '>'.repeat(200)).length, 200 * 8 + 2);
  assert.ok(file('mod m { '.repeat(200) + '}'.repeat(200)).items.length === 1);
});


function checkOutcome<T>(r: Outcome<T>, text: string): void {
  assert.equal(typeof r.ok, 'boolean');
  if (r.ok) return;
  assert.ok(r.errors.length > 0, 'a failed outcome has errors');
  for (const e of r.errors) {
    assert.ok(e.code.startsWith('input/'), e.code);
    assert.ok(e.span !== undefined && e.span.start >= 0 && e.span.start <= e.span.end && e.span.end <= text.length, `span of ${e.message}`);
  }
}

const FUZZ_SEED = Number(process.env['RUSTABI_SEED'] ?? 20261123);

test(`fuzz: random bytes and mutated sources never throw (seed ${FUZZ_SEED})`, (t) => {
  t.diagnostic(`seed ${FUZZ_SEED}`);
  const r = rng(FUZZ_SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const pieces = ['struct', 'enum', 'fn', 'impl', 'mod', '<', '>', '>>', '(', ')', '{', '}', '[', ']', ';', ',', ':', '::', '&', '&&', "'a", "'x'", '"s"', 'r#"', '/*', '*/', '//', '#[', '!', '?', '-', '0x1F', '1u8', 'u8', 'T', 'dyn', 'for', 'where', '=', '->', '...', '\n', ' '];
  const valid = [RFL_DRIVER, PRELUDE_RS, 'struct S<T: ?Sized>(u8, [T; 4]) where T: Copy;', "enum E { A = -1, B(u8), C { x: &'static str } }"];
  const types = ["Option<Result<(u8, &'static [u32]), Vec<Box<dyn Tr>>>>", 'unsafe extern "C" fn(i32, ...) -> i32', '[[u8; 2 * N]; 4]', '&&mut *const ()'];
  let failed = 0;
  for (let i = 0; i < 10000; i++) {
    let text: string;
    if (i < 5000) {
      // Random bytes and random token soup.
      const n = Math.floor(r() * 60);
      text = '';
      for (let k = 0; k < n; k++) text += r() < 0.5 ? String.fromCharCode(Math.floor(r() * 256)) : pick(pieces);
    } else {
      // Mutations of valid sources: delete, insert, duplicate a slice, swap a character.
      text = pick(i % 2 === 0 ? valid : types);
      const edits = 1 + Math.floor(r() * 4);
      for (let k = 0; k < edits; k++) {
        const at = Math.floor(r() * (text.length + 1));
        const op = Math.floor(r() * 4);
        if (op === 0) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 10));
        else if (op === 1) text = text.slice(0, at) + pick(pieces) + text.slice(at);
        else if (op === 2) { const b = Math.floor(r() * text.length); text = text.slice(0, at) + text.slice(b, b + 20) + text.slice(at); }
        else text = text.slice(0, at) + String.fromCharCode(Math.floor(r() * 0x3000)) + text.slice(at + 1);
      }
    }
    const src = { name: 'fuzz.rs', text };
    try {
      const a = parseSourceFile(src);
      const b = parseTypeExpr(src);
      const c = parseFnSignature(src);
      checkOutcome(a, text);
      checkOutcome(b, text);
      checkOutcome(c, text);
      if (!a.ok) failed++;
    } catch (e) {
      assert.fail(`input ${i} (seed ${FUZZ_SEED}) threw ${(e as Error).stack ?? String(e)}\n--- input ---\n${text}`);
    }
  }
  t.diagnostic(`${failed} of 10000 inputs were rejected by parseSourceFile`);
  assert.ok(failed > 1000 && failed < 10000, 'the fuzzer exercises both outcomes');
});

// ---- performance

test('performance: 10,000 type expressions, and lexing+parsing throughput', (t) => {
  const text = "Option<Result<(u8, &'static [u32]), Vec<Box<dyn Tr>>>>";
  parseTypeExpr({ name: 'warm', text });
  let t0 = performance.now();
  for (let i = 0; i < 10000; i++) {
    const r = parseTypeExpr({ name: '<type>', text });
    if (!r.ok) assert.fail(r.errors[0]?.message);
  }
  const typesMs = performance.now() - t0;
  const big = RFL_DRIVER.repeat(Math.ceil(2_000_000 / RFL_DRIVER.length));
  t0 = performance.now();
  const r = parseSourceFile({ name: 'big.rs', text: big });
  const fileMs = performance.now() - t0;
  assert.ok(r.ok);
  const mbs = big.length / 1e6 / (fileMs / 1000);
  t.diagnostic(`10,000 type expressions: ${typesMs.toFixed(1)} ms; ${(big.length / 1e6).toFixed(1)} MB driver source: ${fileMs.toFixed(0)} ms (${mbs.toFixed(1)} MB/s)`);
  // Generous bounds: a regression guard, not a benchmark (CI machines are slow and shared).
  assert.ok(typesMs < 2000, `10k types took ${typesMs} ms`);
  assert.ok(mbs > 1, `${mbs} MB/s`);
});
