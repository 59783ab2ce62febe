/**
 * Disassembly for the human report: Capstone (capstone-wasm) on x86_64 and AArch64 fixture functions
 * must list the same instructions as llvm-objdump on the same image (the expected side); RISC-V goes
 * through llvm-objdump itself. The seed's shapes are visible in the code: detect_func's Option<usize>
 * return writes rdx / x1, and an sret function on AArch64 stores through x8.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { disassemble, disassembleBytes, formatDisassembly, functionBytes, objdumpFunction } from '../../src/emu/disasm.js';
import { buildFixture } from '../../src/emu/index.js';
import { PRELUDE_RS } from '../../src/prelude/core-rs.js';
import { disposeRigs, FIXTURE_RS, requireEmulator } from './support.js';

after(disposeRigs);

const TRIPLES = { x86_64: 'x86_64-unknown-linux-gnu', aarch64: 'aarch64-unknown-linux-gnu', riscv64: 'riscv64gc-unknown-linux-gnu' } as const;
const FNS = ['detect_func', 'nz_from', 'kernel_result', 'kernel_result_usize', 'make_big', 'split7', 'narrow'];

for (const arch of ['x86_64', 'aarch64'] as const) {
  test(`${arch}: Capstone agrees with llvm-objdump instruction by instruction`, async (t) => {
    if (!requireEmulator(t)) return;
    const fx = await buildFixture({ source: `${PRELUDE_RS}\n${FIXTURE_RS}`, triple: TRIPLES[arch] });
    let n = 0;
    for (const fn of FNS) {
      const f = functionBytes(fx.bytes, fn);
      const ours = await disassembleBytes(f.bytes, f.address, arch);
      const ref = objdumpFunction(fx.bytes, fn);
      assert.ok(ours.length > 0 && ours.length === ref.length, `${fn}: ${ours.length} vs ${ref.length} instructions\n${formatDisassembly(ours)}`);
      ours.forEach((ins, i) => {
        const r = ref[i];
        assert.equal(ins.address, r?.address, `${fn} #${i} address`);
        assert.equal(ins.mnemonic.split(/\s/)[0], r?.mnemonic, `${fn} #${i} at 0x${ins.address.toString(16)}`);
      });
      n += ours.length;
    }
    t.diagnostic(`${arch}: ${n} instructions in ${FNS.length} functions agree`);
    const text = formatDisassembly(await disassemble(fx.bytes, 'detect_func'));
    assert.match(text, arch === 'x86_64' ? /\brdx\b/ : /\bx1\b/, `detect_func returns its payload in rdx / x1:\n${text}`);
    if (arch === 'aarch64') assert.match(formatDisassembly(await disassemble(fx.bytes, 'make_big')), /\[x8/, 'make_big stores through x8');
  });
}

test('riscv64: llvm-objdump lists the function', async (t) => {
  if (!requireEmulator(t)) return;
  const fx = await buildFixture({ source: `${PRELUDE_RS}\n${FIXTURE_RS}`, triple: TRIPLES.riscv64 });
  const lines = await disassemble(fx.bytes, 'detect_func');
  assert.ok(lines.length > 0);
  assert.match(formatDisassembly(lines), /\ba1\b/, 'the payload comes back in a1');
  assert.equal(lines.at(-1)?.mnemonic, 'ret');
});
