/** `rustabi layout [--target T] [--defs FILE.rs]… [--types-file FILE] [--json] [TYPE…]` */
import { parseArgs } from 'node:util';
import type { Source } from '../../model/diagnostics.js';
import { renderDiagnostic } from '../../diagnostics/render.js';
import type { LayoutErrorJson, LayoutJson } from '../../model/layout-json.js';
import { createLayoutSession, dumpLayout, layoutToJson, variantNamesOf } from '../../index.js';
import type { CliIo } from '../io.js';
import { EXIT } from '../io.js';
import { readDefs, readTypesFile, summarizeNotes, usageError } from './common.js';

export const LAYOUT_USAGE = `usage: rustabi layout [--target T] [--defs FILE.rs]... [--types-file FILE] [--json] [TYPE...]

Prints the memory layout rustc 1.95 gives each TYPE (Rust syntax) on target T
(x86_64 [default], aarch64, riscv64, wasm32, x86_64-kernel, aarch64-kernel,
riscv64-kernel, or a rustc triple).
  --defs FILE.rs     Rust definitions (struct/enum/union/type); repeatable
  --types-file FILE  one type per line ('//' comments and blank lines skipped)
  --json             one JSON array, one object per type, in order`;

export async function runLayout(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv], allowPositionals: true, strict: true,
      options: {
        target: { type: 'string' }, defs: { type: 'string', multiple: true },
        'types-file': { type: 'string', multiple: true }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return usageError(io, (e as Error).message, LAYOUT_USAGE);
  }
  const { values, positionals } = parsed;
  if (values.help === true) { io.stdout(LAYOUT_USAGE + '\n'); return EXIT.ok; }
  const defs = await readDefs(values.defs ?? [], io);
  if (defs === null) return EXIT.usage;
  const types: Source[] = positionals.map((t, i) => ({ name: `<type ${i + 1}>`, text: t }));
  for (const f of values['types-file'] ?? []) {
    const lines = await readTypesFile(f, io);
    if (lines === null) return EXIT.usage;
    types.push(...lines);
  }
  if (types.length === 0) return usageError(io, 'no type given', LAYOUT_USAGE);
  const session = createLayoutSession({ defs, ...(values.target === undefined ? {} : { target: values.target }) });
  if (!session.ok) {
    if (values.json === true) {
      const e = session.errors[0];
      io.stdout(JSON.stringify(types.map((t) => ({ type: t.text, error: { code: e?.code ?? 'internal', message: e?.message ?? '' } })), null, 2) + '\n');
    }
    io.stderr(session.errors.map(renderDiagnostic).join('\n\n') + '\n');
    return session.errors.some((e) => e.code === 'input/unsupported' && e.span === undefined) ? EXIT.usage : EXIT.diagnostics;
  }
  const s = session.value;
  const note = summarizeNotes(s.notes);
  if (note !== '') io.stderr(note);
  let failed = false;
  const json: (LayoutJson | LayoutErrorJson)[] = [];
  const text: string[] = [];
  const errors: string[] = [];
  for (const t of types) {
    const r = s.layoutOfType(t.text, t.name, t.firstLine);
    if (!r.ok) {
      failed = true;
      const e = r.errors[0];
      if (values.json === true) json.push({ type: t.text, error: { code: e?.code ?? 'internal', message: e?.message ?? '' } });
      errors.push(r.errors.map(renderDiagnostic).join('\n\n'));
      continue;
    }
    if (values.json === true) json.push(layoutToJson(t.text, r.value.layout, s.target, variantNamesOf(r.value.ty)));
    else text.push(dumpLayout(t.text, r.value.ty, r.value.layout, s.cx));
  }
  if (values.json === true) io.stdout(JSON.stringify(json, null, 2) + '\n');
  else if (text.length > 0) io.stdout(text.join('\n\n') + '\n');
  if (errors.length > 0) io.stderr(errors.join('\n\n') + '\n');
  return failed ? EXIT.diagnostics : EXIT.ok;
}
