/**
 * The shared shape of `layout` and `abi`: read definitions and a list of items (arguments and a
 * one-per-line file), answer each in order, print text or one JSON array with an error slot per failed
 * item, and exit 0 / 1 (diagnostics) / 2 (usage).
 */
import { parseArgs } from 'node:util';
import type { Outcome, Source } from '../../model/diagnostics.js';
import { renderDiagnostic } from '../../diagnostics/render.js';
import { createLayoutSession } from '../../index.js';
import type { LayoutSession } from '../../index.js';
import type { CliIo } from '../io.js';
import { EXIT } from '../io.js';
import { readDefs, readTypesFile, summarizeNotes, usageError } from './common.js';

export interface BatchCommand<R> {
  readonly usage: string;
  /** The option naming a one-item-per-line file (`types-file`, `sigs-file`). */
  readonly fileOption: string;
  /** The JSON key of an item's text in an error slot (`type`, `signature`). */
  readonly itemKey: string;
  readonly itemLabel: string;
  compute(s: LayoutSession, item: Source): Outcome<R>;
  json(s: LayoutSession, item: Source, r: R): unknown;
  text(s: LayoutSession, item: Source, r: R): string;
}

export async function runBatch<R>(cmd: BatchCommand<R>, argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv], allowPositionals: true, strict: true,
      options: {
        target: { type: 'string' }, defs: { type: 'string', multiple: true },
        [cmd.fileOption]: { type: 'string', multiple: true }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return usageError(io, (e as Error).message, cmd.usage);
  }
  const { values, positionals } = parsed;
  if (values.help === true) { io.stdout(cmd.usage + '\n'); return EXIT.ok; }
  const defs = await readDefs((values.defs as string[] | undefined) ?? [], io);
  if (defs === null) return EXIT.usage;
  const items: Source[] = positionals.map((t, i) => ({ name: `<${cmd.itemLabel} ${i + 1}>`, text: t }));
  for (const f of (values[cmd.fileOption] as string[] | undefined) ?? []) {
    const lines = await readTypesFile(f, io);
    if (lines === null) return EXIT.usage;
    items.push(...lines);
  }
  if (items.length === 0) return usageError(io, `no ${cmd.itemLabel} given`, cmd.usage);
  const target = values.target as string | undefined;
  const session = createLayoutSession({ defs, ...(target === undefined ? {} : { target }) });
  const asJson = values.json === true;
  if (!session.ok) {
    if (asJson) {
      const e = session.errors[0];
      io.stdout(JSON.stringify(items.map((t) => ({ [cmd.itemKey]: t.text, error: { code: e?.code ?? 'internal', message: e?.message ?? '' } })), null, 2) + '\n');
    }
    io.stderr(session.errors.map(renderDiagnostic).join('\n\n') + '\n');
    return session.errors.some((e) => e.code === 'input/unsupported' && e.span === undefined) ? EXIT.usage : EXIT.diagnostics;
  }
  const s = session.value;
  const note = summarizeNotes(s.notes);
  if (note !== '') io.stderr(note);
  let failed = false;
  const json: unknown[] = [];
  const text: string[] = [];
  const errors: string[] = [];
  for (const item of items) {
    const r = cmd.compute(s, item);
    if (!r.ok) {
      failed = true;
      const e = r.errors[0];
      if (asJson) json.push({ [cmd.itemKey]: item.text, error: { code: e?.code ?? 'internal', message: e?.message ?? '' } });
      errors.push(r.errors.map(renderDiagnostic).join('\n\n'));
      continue;
    }
    if (asJson) json.push(cmd.json(s, item, r.value));
    else text.push(cmd.text(s, item, r.value));
  }
  if (asJson) io.stdout(JSON.stringify(json, null, 2) + '\n');
  else if (text.length > 0) io.stdout(text.join('\n\n') + '\n');
  if (errors.length > 0) io.stderr(errors.join('\n\n') + '\n');
  return failed ? EXIT.diagnostics : EXIT.ok;
}
