/** What a command may touch: injected so tests run commands in memory. */
export interface CliIo {
  readFile(path: string): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Exit codes: 0 ok, 1 diagnostics, 2 usage, 70 internal error. */
export const EXIT = { ok: 0, diagnostics: 1, usage: 2, internal: 70 } as const;
