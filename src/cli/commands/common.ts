/** Shared plumbing of the CLI commands: reading files, usage errors, note summaries. */
import type { Diagnostic, Source } from '../../model/diagnostics.js';
import type { CliIo } from '../io.js';
import { EXIT } from '../io.js';

export function usageError(io: CliIo, message: string, usage: string): number {
  io.stderr(`error: ${message}\n\n${usage}\n`);
  return EXIT.usage;
}

async function read(path: string, io: CliIo): Promise<string | null> {
  try {
    return await io.readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.stderr(`error: cannot read \`${path}\`${code === undefined ? '' : ` (${code})`}\n`);
    return null;
  }
}

export async function readDefs(paths: readonly string[], io: CliIo): Promise<Source[] | null> {
  const out: Source[] = [];
  for (const p of paths) {
    const text = await read(p, io);
    if (text === null) return null;
    out.push({ name: p, text });
  }
  return out;
}

/** One type per line; blank lines and `//` comment lines are skipped. */
export async function readTypesFile(path: string, io: CliIo): Promise<Source[] | null> {
  const text = await read(path, io);
  if (text === null) return null;
  const out: Source[] = [];
  text.split('\n').forEach((line, i) => {
    const t = line.replace(/\r$/, '');
    if (t.trim() === '' || t.trim().startsWith('//')) return;
    out.push({ name: path, text: t, firstLine: i + 1 });
  });
  return out;
}

/** Skipped-item notes are summarised in one line per file; warnings are shown whole. */
export function summarizeNotes(notes: readonly Diagnostic[]): string {
  const skipped = new Map<string, number>();
  const other: string[] = [];
  for (const n of notes) {
    if (n.code === 'input/skipped-item') {
      const f = n.span?.source.name ?? '<defs>';
      skipped.set(f, (skipped.get(f) ?? 0) + 1);
    } else {
      other.push(`${n.severity}[${n.code}]: ${n.message}`);
    }
  }
  const lines = [...skipped].map(([f, c]) => `note: ${f}: skipped ${c} item${c === 1 ? ' that carries' : 's that carry'} no type layout (use, trait, const, static, macros…)`);
  return [...lines, ...other].map((l) => l + '\n').join('');
}
