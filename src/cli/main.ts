#!/usr/bin/env node
/** The rustabi executable: the only module that touches `process`. */
import { readFile } from 'node:fs/promises';
import type { CliIo } from './io.js';
import { EXIT } from './io.js';
import { main } from './run.js';

const io: CliIo = {
  readFile: (p) => readFile(p, 'utf8'),
  stdout: (t) => { process.stdout.write(t); },
  stderr: (t) => { process.stderr.write(t); },
};

main(process.argv.slice(2), io).then((code) => { process.exitCode = code; }, (e: unknown) => {
  process.stderr.write(`internal error, please report: ${String(e)}\n`);
  process.exitCode = EXIT.internal;
});
