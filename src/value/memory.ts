/**
 * A small sparse memory for the values layer: pointees placed while encoding (`MemoryWriter`) and read
 * back while decoding (`MemoryReader`). Regions are allocated upwards from `base`; `write` may also map
 * bytes at a chosen address (a snapshot of target memory a probe copied out).
 */
import type { MemoryReader, MemoryWriter } from '../model/value.js';

interface Region {
  readonly address: bigint;
  readonly bytes: Uint8Array;
}

export class MemoryArena implements MemoryReader, MemoryWriter {
  private readonly regions: Region[] = [];
  private next: bigint;

  constructor(readonly base: bigint = 0x10_0000n) {
    this.next = base;
  }

  alloc(bytes: Uint8Array, align: number): bigint {
    const a = BigInt(Math.max(1, align));
    const address = ((this.next + a - 1n) / a) * a;
    this.regions.push({ address, bytes: bytes.slice() });
    // Keep one byte between regions, so a zero-sized allocation still gets an address of its own.
    this.next = address + BigInt(Math.max(1, bytes.length));
    return address;
  }

  /** Maps `bytes` at `address` (overwriting what is mapped there). */
  write(address: bigint, bytes: Uint8Array): void {
    this.regions.push({ address, bytes: bytes.slice() });
    const end = address + BigInt(bytes.length);
    if (end > this.next) this.next = end;
  }

  read(address: bigint, len: number): Uint8Array | null {
    if (len === 0) return new Uint8Array(0);
    const end = address + BigInt(len);
    // Later writes win: search from the newest region.
    for (let i = this.regions.length - 1; i >= 0; i--) {
      const r = this.regions[i] as Region;
      const rEnd = r.address + BigInt(r.bytes.length);
      if (address >= r.address && end <= rEnd) {
        const from = Number(address - r.address);
        return r.bytes.slice(from, from + len);
      }
    }
    return null;
  }
}
