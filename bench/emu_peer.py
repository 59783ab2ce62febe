#!/usr/bin/python3
"""The peer of bench/emu.ts: the same calls with python3-unicorn (Debian).

Reads the job JSON (mapped image bytes, stack, sentinel, per-function register/stack pieces, per-call
argument bytes), then for each call: writes the argument registers and stack slots, pushes the sentinel
return address, one emu_start to the sentinel, reads the return registers. Prints
{"rate": calls/s (median of reps), "sum": checksum of the results}.
"""
import json
import sys
import time

from unicorn import Uc, UC_ARCH_X86, UC_MODE_64, UC_PROT_ALL
from unicorn import x86_const as X

REGS = {
    'rax': X.UC_X86_REG_RAX, 'rdi': X.UC_X86_REG_RDI, 'rsi': X.UC_X86_REG_RSI, 'rdx': X.UC_X86_REG_RDX,
    'rcx': X.UC_X86_REG_RCX, 'r8': X.UC_X86_REG_R8, 'r9': X.UC_X86_REG_R9,
}
PAGE = 0x1000


def main():
    job = json.load(open(sys.argv[1]))
    uc = Uc(UC_ARCH_X86, UC_MODE_64)
    img = bytes.fromhex(job['image']['hex'])
    start = job['image']['start']
    lo = start & ~(PAGE - 1)
    hi = (start + len(img) + PAGE - 1) & ~(PAGE - 1)
    uc.mem_map(lo, hi - lo, UC_PROT_ALL)
    uc.mem_write(start, img)
    uc.mem_map(job['stack']['base'], job['stack']['size'], UC_PROT_ALL)
    sentinel = job['sentinel']
    uc.mem_map(sentinel & ~(PAGE - 1), PAGE, UC_PROT_ALL)
    uc.mem_write(sentinel, b'\x0f\x0b')
    sp = job['callSp']
    fns = job['fns']
    calls = [[bytes.fromhex(a) for a in c] for c in job['calls']]
    rsp = X.UC_X86_REG_RSP
    rates = []
    total = 0
    for _ in range(job['reps']):
        total = 0
        t0 = time.perf_counter()
        for i, args in enumerate(calls):
            f = fns[i % len(fns)]
            for reg, ai, off, size in f['regs']:
                uc.reg_write(REGS[reg], int.from_bytes(args[ai][off:off + size], 'little'))
            for slot, ai, off, size in f['stack']:
                uc.mem_write(sp - 8 + slot, args[ai][off:off + size].ljust(8, b'\0'))
            uc.reg_write(rsp, sp - 8)
            uc.mem_write(sp - 8, sentinel.to_bytes(8, 'little'))
            uc.emu_start(f['addr'], sentinel)
            for r in f['ret']:
                total += uc.reg_read(REGS[r])
        rates.append(len(calls) / (time.perf_counter() - t0))
    rates.sort()
    print(json.dumps({'rate': rates[len(rates) // 2], 'sum': str(total % (1 << 64))}))


main()
