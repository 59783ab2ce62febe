/**
 * Layout queries: the library's front door for "what is the layout of this Rust type on this target?".
 * Parses definitions and type text (src/input), resolves names for the target, and runs the solver.
 */
import type { Diagnostic, Outcome, Source } from '../model/diagnostics.js';
import { error, fail, ok } from '../model/diagnostics.js';
import type { Layout } from '../model/layout.js';
import type { LayoutErrorJson, LayoutJson } from '../model/layout-json.js';
import type { TargetDataLayout, TargetId } from '../model/target.js';
import { TARGETS, parseTargetId } from '../model/target.js';
import type { Ty } from '../model/ty.js';
import type { SourceFile } from '../input/ast.js';
import { parseSourceFile, parseTypeExpr } from '../input/parser.js';
import { Resolver } from '../input/resolve.js';
import { LayoutCx, layoutOf, layoutToJson } from '../layout/index.js';
import { PRELUDE_RS } from '../prelude/core-rs.js';

let preludeAst: SourceFile | null = null;

/** The parsed prelude (immutable; parsed once per process). */
export function preludeFile(): SourceFile {
  if (preludeAst === null) {
    const r = parseSourceFile({ name: '<prelude>', text: PRELUDE_RS });
    if (!r.ok) throw new Error(`prelude does not parse: ${r.errors[0]?.message ?? ''}`);
    preludeAst = r.value;
    return r.value;
  }
  return preludeAst;
}

export interface TypeLayout {
  readonly type: string;
  readonly ty: Ty;
  readonly layout: Layout;
  readonly target: TargetDataLayout;
}

/** A set of parsed definitions, resolved for one target, with a layout cache. */
export class LayoutSession {
  readonly target: TargetDataLayout;
  readonly resolver: Resolver;
  readonly cx: LayoutCx;
  /** The parsed definition files (for looking up functions by path). */
  readonly files: readonly SourceFile[];
  constructor(target: TargetDataLayout, files: readonly SourceFile[]) {
    this.target = target;
    this.files = files;
    this.resolver = new Resolver(target, preludeFile(), files);
    this.cx = new LayoutCx(target);
  }

  /** Notes about the definitions: skipped items, duplicates. */
  get notes(): readonly Diagnostic[] {
    return this.resolver.notes;
  }

  layoutOfType(text: string, sourceName = '<type>', firstLine?: number): Outcome<TypeLayout> {
    const source: Source = firstLine === undefined ? { name: sourceName, text } : { name: sourceName, text, firstLine };
    const parsed = parseTypeExpr(source);
    if (!parsed.ok) return parsed;
    const ty = this.resolver.resolveType(parsed.value);
    if (!ty.ok) return ty;
    const l = layoutOf(ty.value, this.cx);
    if (!l.ok) {
      // Diagnostics without a span point at the whole type text.
      // Diagnostics without a span, or inside the prelude, point at the type the user wrote.
      return fail(...l.errors.map((d) => (d.span === undefined || d.span.source.name === '<prelude>' ? { ...d, span: parsed.value.span } : d)));
    }
    return ok({ type: text, ty: ty.value, layout: l.value, target: this.target });
  }

  layoutOfTypeJson(text: string): LayoutJson | LayoutErrorJson {
    const r = this.layoutOfType(text);
    if (!r.ok) {
      const e = r.errors[0] as Diagnostic;
      return { type: text, error: { code: e.code, message: e.message } };
    }
    return layoutToJson(text, r.value.layout, this.target, variantNamesOf(r.value.ty));
  }
}

export function variantNamesOf(ty: Ty): string[] {
  return ty.kind === 'adt' && ty.def.kind === 'enum' ? ty.def.variants.map((v) => v.name) : [];
}

export interface LayoutOptions {
  /** Short name (`aarch64`, `x86_64-kernel`) or triple; default `x86_64`. */
  readonly target?: string | TargetId;
  /** Rust source texts with definitions (`struct`, `enum`, `union`, `type`). */
  readonly defs?: readonly Source[];
}

/** Parses definition sources; errors are returned, notes kept as warnings. */
export function parseDefinitions(defs: readonly Source[]): Outcome<SourceFile[]> {
  const files: SourceFile[] = [];
  const errors: Diagnostic[] = [];
  for (const d of defs) {
    const r = parseSourceFile(d);
    if (r.ok) files.push(r.value);
    else errors.push(...r.errors);
  }
  return errors.length > 0 ? fail(...errors) : ok(files);
}

export function resolveTarget(name: string | undefined): Outcome<TargetDataLayout> {
  const id = parseTargetId(name ?? 'x86_64');
  if (id === undefined) return fail(error('input/unsupported', `unknown target \`${name ?? ''}\`; expected one of x86_64, aarch64, riscv64, wasm32, their -kernel flavours, or a rustc triple`));
  return ok(TARGETS[id]);
}

export function createLayoutSession(opts: LayoutOptions = {}): Outcome<LayoutSession> {
  const t = resolveTarget(opts.target);
  if (!t.ok) return t;
  const files = parseDefinitions(opts.defs ?? []);
  if (!files.ok) return files;
  const s = new LayoutSession(t.value, files.value);
  return ok(s, s.notes);
}

/** One-shot: the layout of `type` (Rust syntax) on a target. */
export function layoutOfType(type: string, opts: LayoutOptions = {}): Outcome<TypeLayout> {
  const s = createLayoutSession(opts);
  if (!s.ok) return s;
  return s.value.layoutOfType(type);
}
