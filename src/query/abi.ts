/**
 * Register-map queries: "where do the arguments and the return value of this function live?"
 * A signature is `fn name(args) -> R`, an anonymous `fn(A, B) -> R`, or a path (`name`,
 * `Type::method`) into the definition files.
 */
import type { FnAbi } from '../model/abi.js';
import type { Outcome, Source } from '../model/diagnostics.js';
import { error, fail, ok } from '../model/diagnostics.js';
import { parseFnSignature, parseTypeExpr } from '../input/parser.js';
import { computeFnAbi, findFn, sigFromFnItem, sigFromFnType } from '../regmap/index.js';
import type { FnSig } from '../regmap/index.js';
import type { LayoutSession } from './layout.js';
import { createLayoutSession } from './layout.js';
import type { LayoutOptions } from './layout.js';

export interface FnAbiResult {
  readonly signature: string;
  readonly sig: FnSig;
  readonly abi: FnAbi;
}

const PATH_RE = /^[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*(::<.*>)?$/s;

export function signatureOf(s: LayoutSession, text: string, sourceName = '<signature>', firstLine?: number): Outcome<FnSig> {
  const source: Source = firstLine === undefined ? { name: sourceName, text } : { name: sourceName, text, firstLine };
  const t = text.trim();
  if (PATH_RE.test(t)) {
    // `name`, `Type::method`, or `name::<T, U>` (a generic fn instantiated with concrete types).
    const path = parseTypeExpr(source);
    if (!path.ok) return path;
    if (path.value.kind !== 'path') return fail(error('input/expected', 'expected a function path', path.value.span));
    const segs = path.value.segments;
    const name = segs.map((x) => x.ident.name).join('::');
    const typeArgs = (segs[segs.length - 1]?.args ?? []).flatMap((a) => (a.kind === 'type' ? [a.ty] : []));
    const found = findFn(s.files, name);
    if (found === null) {
      return fail(error('regmap/unknown-fn', `no function \`${name}\` in the definition files (give them with --defs, or write the signature: \`fn ${segs[segs.length - 1]?.ident.name ?? name}(…) -> …\`)`, { source, start: 0, end: text.length }));
    }
    return sigFromFnItem(found.fn, s.resolver, s.cx, found.selfTy, typeArgs);
  }
  if (/^(unsafe\s+)?(extern\s+("[^"]*"\s+)?)?fn\s*\(/.test(t) || t.startsWith('for<')) {
    const ty = parseTypeExpr(source);
    if (!ty.ok) return ty;
    if (ty.value.kind !== 'fn') return fail(error('input/expected', 'expected a function signature', ty.value.span));
    return sigFromFnType(ty.value, s.resolver, s.cx);
  }
  const f = parseFnSignature(source);
  if (!f.ok) return f;
  return sigFromFnItem(f.value, s.resolver, s.cx, null);
}

export function fnAbiOf(s: LayoutSession, text: string, sourceName?: string, firstLine?: number): Outcome<FnAbiResult> {
  const sig = signatureOf(s, text, sourceName, firstLine);
  if (!sig.ok) return sig;
  const abi = computeFnAbi(sig.value, s.cx);
  if (!abi.ok) return abi;
  return ok({ signature: text, sig: sig.value, abi: abi.value });
}

/** One-shot: the register map of one signature on a target. */
export function abiOfSignature(signature: string, opts: LayoutOptions = {}): Outcome<FnAbiResult> {
  const s = createLayoutSession(opts);
  if (!s.ok) return s;
  return fnAbiOf(s.value, signature);
}
