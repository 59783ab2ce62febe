#!/usr/bin/env node
/** The rustabi executable: the only module that touches `process`. */
import { createReadStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import type { CliIo } from './io.js';
import { EXIT } from './io.js';
import { main } from './run.js';

/**
 * Lines in batches: all the lines readline splits out of one read, together (so the caller awaits once
 * per read, not per line, and a live stream such as trace_pipe still gets each read's lines at once).
 */
async function* lineBatches(input: Readable): AsyncIterable<readonly string[]> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  const ready: string[][] = [];
  let batch: string[] = [];
  let done = false;
  let failed: unknown = null;
  let wake: (() => void) | null = null;
  const notify = (): void => { const w = wake; wake = null; w?.(); };
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (batch.length > 0) { ready.push(batch); batch = []; }
    if (ready.length > 8) rl.pause();
    notify();
  };
  rl.on('line', (l) => {
    batch.push(l);
    if (!scheduled) { scheduled = true; setImmediate(flush); }
  });
  rl.on('close', () => { setImmediate(() => { flush(); done = true; notify(); }); });
  const fail = (e: unknown): void => { failed = e; done = true; notify(); };
  input.on('error', fail);
  rl.on('error', fail);
  for (;;) {
    const b = ready.shift();
    if (b !== undefined) {
      if (ready.length <= 2) rl.resume();
      yield b;
      continue;
    }
    if (failed !== null) throw failed;
    if (done) return;
    await new Promise<void>((r) => { wake = r; });
  }
}

const io: CliIo = {
  readFile: (p) => readFile(p, 'utf8'),
  stdout: (t) => { process.stdout.write(t); },
  // Files, pipes and terminals take writes synchronously on Linux: then nothing is left queued and the
  // caller may reuse its buffer. Where a write is queued (asynchronous pipes elsewhere), it may not.
  stdoutBytes: (b) => {
    process.stdout.write(b);
    return process.stdout.writableLength === 0;
  },
  stderr: (t) => { process.stderr.write(t); },
  writeFile: async (p, text) => {
    await mkdir(dirname(p), { recursive: true });
    await writeFile(p, text);
  },
  bytes: (p) => (p === null ? process.stdin : createReadStream(p, { highWaterMark: 1 << 20 })) as AsyncIterable<Uint8Array>,
  lines: (p) => lineBatches(p === null ? process.stdin : createReadStream(p)),
  drain: async () => {
    if (process.stdout.writableNeedDrain) await once(process.stdout, 'drain');
  },
};

main(process.argv.slice(2), io).then((code) => { process.exitCode = code; }, (e: unknown) => {
  process.stderr.write(`internal error, please report: ${String(e)}\n`);
  process.exitCode = EXIT.internal;
});
