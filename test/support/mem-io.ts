/** An in-memory CliIo for CLI tests: files from a record (written files land there too), stdout/stderr collected into strings. */
import type { CliIo } from '../../src/cli/io.js';

export function memIo(files: Record<string, string> = {}, stdin = ''): CliIo & { out: string; err: string; files: Record<string, string> } {
  const io = {
    out: '', err: '', files,
    readFile: async (p: string): Promise<string> => {
      const f = files[p];
      if (f === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return f;
    },
    stdout(t: string): void { io.out += t; },
    stdoutBytes(b: Uint8Array): boolean { io.out += new TextDecoder().decode(b); return true; },
    stderr(t: string): void { io.err += t; },
    writeFile: async (p: string, text: string): Promise<void> => { files[p] = text; },
    async *bytes(p: string | null): AsyncIterable<Uint8Array> {
      const text = p === null ? stdin : files[p];
      if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      const all = new TextEncoder().encode(text);
      // Cut in the middle of a line, so a test sees the carry between reads.
      const cut = Math.floor(all.length / 2);
      yield all.subarray(0, cut);
      yield all.subarray(cut);
    },
    async *lines(p: string | null): AsyncIterable<readonly string[]> {
      const text = p === null ? stdin : files[p];
      if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      const ls = text.split('\n');
      if (ls[ls.length - 1] === '') ls.pop();
      // Two batches, so a test sees the stream cut between reads.
      const half = Math.ceil(ls.length / 2);
      yield ls.slice(0, half);
      if (ls.length > half) yield ls.slice(half);
    },
  };
  return io;
}
