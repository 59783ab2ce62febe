/**
 * Resolved ADT definitions: the `AdtDef` the resolver (resolve.ts) builds for each struct, enum and
 * union, with its field types instantiated per argument list on demand, and memoised.
 */
import type { FieldDef, TypeExpr } from './ast.js';
import type { Diagnostic, Outcome, Span } from '../model/diagnostics.js';
import { fail, ok } from '../model/diagnostics.js';
import type { AdtDef, GenericArgValue, Ty, VariantInfo } from '../model/ty.js';
import { tyKey } from '../model/ty.js';
import type { Env } from './resolve.js';

type FieldTys = Outcome<readonly (readonly Ty[])[]>;

/** How a `Definition` resolves its field types: the resolver's side of it. */
export interface DefinitionSource {
  readonly diags: readonly Diagnostic[];
  /** The declared field types of each variant. */
  readonly variantFields: readonly (readonly FieldDef[])[];
  readonly resolveField: (t: TypeExpr, env: Env) => Outcome<Ty>;
  readonly lastFieldMaybeUnsized: () => boolean;
}

/**
 * A resolved ADT definition. A class rather than an object literal because a literal with a getter
 * gets dictionary-mode (slow) properties in V8, and the layout solver reads these for every layout.
 */
export class Definition implements AdtDef {
  readonly kind: AdtDef['kind'];
  readonly name: string;
  readonly key: string;
  readonly path: string;
  readonly params: AdtDef['params'];
  readonly repr: AdtDef['repr'];
  readonly lang: AdtDef['lang'];
  readonly validRangeStart: bigint | null;
  readonly validRangeEnd: bigint | null;
  readonly variants: readonly VariantInfo[];
  readonly origin: AdtDef['origin'];
  readonly span: Span | null;
  readonly #source: DefinitionSource;
  #lastFieldMaybeUnsized: boolean | null = null;
  // Instantiations by argument list: first by the list itself (a type's `args` is one array however
  // often it is laid out), then by the arguments' keys (equal types built separately).
  readonly #byKey = new Map<string, FieldTys>();
  readonly #byArgs = new WeakMap<readonly GenericArgValue[], FieldTys>();
  #noArgs: FieldTys | null = null; // the common, non-generic case

  constructor(d: Omit<AdtDef, 'fields' | 'lastFieldMaybeUnsized'>, source: DefinitionSource) {
    this.kind = d.kind; this.name = d.name; this.key = d.key; this.path = d.path;
    this.params = d.params; this.repr = d.repr; this.lang = d.lang;
    this.validRangeStart = d.validRangeStart; this.validRangeEnd = d.validRangeEnd;
    this.variants = d.variants; this.origin = d.origin; this.span = d.span;
    this.#source = source;
  }

  get lastFieldMaybeUnsized(): boolean {
    this.#lastFieldMaybeUnsized ??= this.#source.lastFieldMaybeUnsized();
    return this.#lastFieldMaybeUnsized;
  }

  fields(args: readonly GenericArgValue[]): FieldTys {
    if (args.length === 0 && this.#noArgs !== null) return this.#noArgs;
    const known = this.#byArgs.get(args);
    if (known !== undefined) return known;
    const source = this.#source;
    if (source.diags.length > 0) return fail(...source.diags);
    const key = args.map(tyKey).join(',');
    let result = this.#byKey.get(key);
    if (result === undefined) {
      const env = new Map<string, GenericArgValue>();
      this.params.forEach((p, i) => { const a = args[i]; if (a !== undefined) env.set(p.name, a); });
      const out: Ty[][] = [];
      for (const fields of source.variantFields) {
        const tys: Ty[] = [];
        for (const f of fields) {
          const t = source.resolveField(f.ty, env);
          if (!t.ok) { result = t; break; }
          tys.push(t.value);
        }
        if (result !== undefined) break;
        out.push(tys);
      }
      result ??= ok(out);
      this.#byKey.set(key, result);
    }
    this.#byArgs.set(args, result);
    if (args.length === 0) this.#noArgs = result;
    return result;
  }
}
