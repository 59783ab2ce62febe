/** Compares rustabi's layout JSON with rustc's (as the oracle parsed it), key by key. */
import type { LayoutErrorJson, LayoutJson } from '../../src/model/layout-json.js';

type Result = LayoutJson | LayoutErrorJson;

/** Removes what rustc does not print (variant names) so both sides compare equal when they agree. */
export function normalize(r: Result): unknown {
  if ('error' in r) return { type: r.type, error: true };
  const v = r.variants === null ? null : { ...r.variants, list: r.variants.list.map((x) => ({ size: x.size, fields: x.fields })) };
  return { ...r, type: '', target: r.target, variants: v };
}

/** A list of `path: ours != rustc's` lines; empty when they agree. */
export function diffLayouts(ours: Result, theirs: Result): string[] {
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const k of keys) walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path === '' ? k : `${path}.${k}`);
      return;
    }
    if (a !== b) out.push(`${path}: rustabi ${JSON.stringify(a)} != rustc ${JSON.stringify(b)}`);
  };
  walk(normalize(ours), normalize(theirs), '');
  return out;
}
