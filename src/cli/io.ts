/** What a command may touch: injected so tests run commands in memory. */
export interface CliIo {
  readFile(path: string): Promise<string>;
  stdout(text: string): void;
  /**
   * Writes UTF-8 bytes to stdout (decode-trace's output). True when the bytes are written (or copied)
   * by the time it returns, so the caller may reuse them; false when the stream keeps them for later.
   */
  stdoutBytes?(bytes: Uint8Array): boolean;
  stderr(text: string): void;
  /** Writes a file, creating its directory (`probe --out`); absent in read-only hosts. */
  writeFile?(path: string, text: string): Promise<void>;
  /** The lines of a file, or of stdin when `path` is null, in batches as they arrive (`decode-trace`). */
  lines?(path: string | null): AsyncIterable<readonly string[]>;
  /** The bytes of a file, or of stdin when `path` is null, in chunks as they arrive (`decode-trace`'s fast path). */
  bytes?(path: string | null): AsyncIterable<Uint8Array>;
  /** Resolves when stdout can take more (back-pressure for streaming output). */
  drain?(): Promise<void>;
}

/** Exit codes: 0 ok, 1 diagnostics, 2 usage, 70 internal error. */
export const EXIT = { ok: 0, diagnostics: 1, usage: 2, internal: 70 } as const;
