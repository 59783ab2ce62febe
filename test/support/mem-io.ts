/** An in-memory CliIo for CLI tests: files from a record, stdout/stderr collected into strings. */
import type { CliIo } from '../../src/cli/io.js';

export function memIo(files: Record<string, string> = {}): CliIo & { out: string; err: string } {
  const io = {
    out: '', err: '',
    readFile: async (p: string): Promise<string> => {
      const f = files[p];
      if (f === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return f;
    },
    stdout(t: string): void { io.out += t; },
    stderr(t: string): void { io.err += t; },
  };
  return io;
}
