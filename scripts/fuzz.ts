/** `npm run fuzz [COUNT] [SEED]`: the CI fuzz test at scale (default 1,000,000 inputs). */
import { fuzz } from '../test/support/fuzz.js';

const count = Number(process.argv[2] ?? 1_000_000);
const seed = Number(process.argv[3] ?? 20261123);
const t0 = performance.now();
const chunk = 50_000;
let total = { inputs: 0, parsedOk: 0, laidOut: 0, diagnostics: 0 };
for (let done = 0; done < count; done += chunk) {
  const n = Math.min(chunk, count - done);
  const s = fuzz(n, seed + done);
  total = { inputs: total.inputs + s.inputs, parsedOk: total.parsedOk + s.parsedOk, laidOut: total.laidOut + s.laidOut, diagnostics: total.diagnostics + s.diagnostics };
  process.stdout.write(`\r${total.inputs} inputs…`);
}
const secs = (performance.now() - t0) / 1000;
console.log(`\nfuzz: ${total.inputs} inputs (seed ${seed}) in ${secs.toFixed(1)} s: ${total.parsedOk} definition sets parsed, ${total.laidOut} laid out, ${total.diagnostics} with diagnostics, 0 crashes`);
