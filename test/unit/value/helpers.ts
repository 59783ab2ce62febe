/** Shared helpers of the value tests: a layout session per target with the test definitions. */
import assert from 'node:assert/strict';
import type { Diagnostic } from '../../../src/model/diagnostics.js';
import type { RustValue } from '../../../src/model/value.js';
import { createLayoutSession } from '../../../src/query/layout.js';
import type { LayoutSession, TypeLayout } from '../../../src/query/layout.js';
import { debugValue } from '../../../src/value/debug.js';
import { parseValue } from '../../../src/value/parse.js';
import { DEFS } from './debug-cases.js';

const sessions = new Map<string, LayoutSession>();

export const EXTRA_DEFS = `
pub union U { a: u32, b: f32 }
#[repr(u8)] pub enum Tagged { A = 3, B(u16) = 9 }
pub enum Void {}
pub enum WithVoid { A(u32), B(Void) }
pub struct S { pub x: u32 }
`;

export function session(target = 'x86_64'): LayoutSession {
  let s = sessions.get(target);
  if (s === undefined) {
    const r = createLayoutSession({ target, defs: [{ name: 'defs.rs', text: DEFS + EXTRA_DEFS }] });
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
    s = r.value;
    sessions.set(target, s);
  }
  return s;
}

export function typeOf(type: string, target = 'x86_64'): TypeLayout {
  const r = session(target).layoutOfType(type);
  if (!r.ok) throw new Error(`${type}: ${r.errors[0]?.message}`);
  return r.value;
}

export function parse(type: string, text: string, target = 'x86_64'): RustValue {
  const r = parseValue(text, typeOf(type, target).ty, session(target).cx);
  if (!r.ok) throw new Error(`${type} = ${text}: ${r.errors[0]?.code} ${r.errors[0]?.message}`);
  return r.value;
}

export function parseError(type: string, text: string, target = 'x86_64'): Diagnostic {
  const r = parseValue(text, typeOf(type, target).ty, session(target).cx);
  assert.ok(!r.ok, `${type} = ${text} should not parse`);
  return r.errors[0] as Diagnostic;
}

/** `{:?}` of a parsed value. */
export function dbg(type: string, text: string, target = 'x86_64'): string {
  return debugValue(parse(type, text, target), { crateName: 'dbg' });
}

export function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

export function fromHex(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
}
