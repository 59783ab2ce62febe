/** The rustabi command line: argv → command → exit code, over an injected CliIo. */
import type { CliIo } from './io.js';
import { EXIT } from './io.js';

const USAGE = `usage: rustabi <command> [options]

commands:
  layout   memory layout of Rust types, exactly as rustc 1.95 computes it
  abi      where a function's arguments and return value live (registers, stack, hidden pointer)
  decode   the Rust values of a call, from its registers (and memory), printed as {:?}
  verify   check the register map of a function against code compiled by the installed rustc (Unicorn)
  probe    kretprobe module, tracefs events or bpftrace script that print a Rust function's calls as Rust values
  decode-trace  decode the trace of tracefs/bpftrace probes made by \`probe\` into Rust values, line by line

Run \`rustabi <command> --help\` for a command's options.`;

type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

/** Each command's module is loaded when it runs: a run loads only what its command needs. */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  layout: async () => (await import('./commands/layout.js')).runLayout,
  abi: async () => (await import('./commands/abi.js')).runAbi,
  decode: async () => (await import('./commands/decode.js')).runDecode,
  verify: async () => (await import('./commands/verify.js')).runVerify,
  probe: async () => (await import('./commands/probe.js')).runProbe,
  'decode-trace': async () => (await import('./commands/decode-trace.js')).runDecodeTrace,
};

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.stdout(USAGE + '\n');
    return cmd === undefined ? EXIT.usage : EXIT.ok;
  }
  if (cmd === '--version' || cmd === '-V') { io.stdout('rustabi 0.1.0 (layouts of rustc 1.95.0)\n'); return EXIT.ok; }
  const load = Object.hasOwn(COMMANDS, cmd) ? COMMANDS[cmd] : undefined;
  if (load === undefined) {
    io.stderr(`error: unknown command \`${cmd}\`\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  try {
    return await (await load())(rest, io);
  } catch (e) {
    io.stderr(`internal error, please report: ${(e as Error).message}\n`);
    return EXIT.internal;
  }
}

