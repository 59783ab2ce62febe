#!/usr/bin/env node
/** The rustabi executable: the only module that touches `process`. */
import { createReadStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { CliIo } from './io.js';
import { EXIT } from './io.js';
import { main } from './run.js';

const io: CliIo = {
  readFile: (p) => readFile(p, 'utf8'),
  stdout: (t) => { process.stdout.write(t); },
  stderr: (t) => { process.stderr.write(t); },
  writeFile: async (p, text) => {
    await mkdir(dirname(p), { recursive: true });
    await writeFile(p, text);
  },
  lines: (p) => createInterface({ input: p === null ? process.stdin : createReadStream(p), crlfDelay: Infinity }),
  drain: async () => {
    if (process.stdout.writableNeedDrain) await once(process.stdout, 'drain');
  },
};

main(process.argv.slice(2), io).then((code) => { process.exitCode = code; }, (e: unknown) => {
  process.stderr.write(`internal error, please report: ${String(e)}\n`);
  process.exitCode = EXIT.internal;
});
