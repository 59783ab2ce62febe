/** Bugs are thrown; user errors are returned as diagnostics. The CLI maps InternalError to exit code 70. */
export class InternalError extends Error {
  override readonly name = 'InternalError';
}

export function invariant(cond: unknown, message: string): asserts cond {
  if (!cond) throw new InternalError(message);
}

export function assertNever(x: never, what = 'value'): never {
  throw new InternalError(`unexpected ${what}: ${JSON.stringify(x, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`);
}
