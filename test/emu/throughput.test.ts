/** A smoke run of the throughput measurement (test/emu/throughput.ts): prints calls/s, checks every answer. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { measure } from './throughput.js';
import { disposeRigs, requireEmulator } from './support.js';

after(disposeRigs);

test('emulated calls per second for add2(a: u64, b: u64) -> u64 on x86_64', async (t) => {
  if (!requireEmulator(t)) return;
  for (const r of await measure('x86_64', 2000)) {
    t.diagnostic(`${r.mode}: ${r.perSecond} calls/s (${r.calls} calls)`);
    assert.ok(r.perSecond > 0);
  }
});
