import { readFileSync } from 'node:fs';
import { CommanderError } from './commander.js';
import { reportError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import { buildProgram } from './program.js';
import { Terminal } from './terminal.js';

// `outcrop | head` closes stdout early: that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(ExitCode.ok);
});

// The AWS SDK warns on every run that its 2027 releases will need Node 22. Users of the CLI cannot act
// on that (the CLI pins its SDK), so it would only bury the output they asked for.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

async function main(argv: string[]): Promise<number> {
  const state = { exitCode: 0 };
  const program = buildProgram(version, state);
  try {
    await program.parseAsync(argv);
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed its message (and the hint) for usage errors; help and version exit 0.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    const debug = argv.includes('--debug');
    const color = argv.includes('--no-color') ? false : undefined;
    return reportError(new Terminal(process.stdout, process.stderr, process.env, color), error, debug);
  }
}

// Long-running commands (gateway, emulator) resolve only after they shut down; everything else exits
// here so a stray keep-alive socket can never hold the process open.
process.exit(await main(process.argv));
