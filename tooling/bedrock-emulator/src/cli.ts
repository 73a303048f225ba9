// `outcrop-bedrock-emulator` / `pnpm emulator`: start the emulator, print the env to point any AWS SDK at it,
// and stop cleanly on SIGINT / SIGTERM.
import { CliUsageError, envLines, parseCliArgs, USAGE } from './cli-args.js';
import { EmulatorOptionsError, startEmulator } from './start-emulator.js';

async function main(): Promise<void> {
  const options = parseCliArgs(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const emulator = await startEmulator({
    host: options.host,
    port: options.port,
    region: options.region,
    eventDelayMs: options.eventDelay,
    record: options.record,
    allowNonLoopback: options.allowRemote,
    ...(options.tokensPerMinute || options.requestsPerMinute
      ? {
          quotas: {
            ...(options.tokensPerMinute ? { tokensPerMinute: options.tokensPerMinute } : {}),
            ...(options.requestsPerMinute ? { requestsPerMinute: options.requestsPerMinute } : {}),
          },
        }
      : {}),
  });
  const env = emulator.env();
  console.log(`Bedrock emulator listening on ${emulator.url} (h2c + HTTP/1.1), region ${emulator.region}`);
  console.log('Point any AWS SDK at it (SigV4):');
  for (const line of envLines(env)) console.log(`  ${line}`);
  console.log('Or with a Bedrock API key instead of the keys above:');
  console.log(`  export AWS_BEARER_TOKEN_BEDROCK=${emulator.bearerToken}`);
  console.log(
    'Select a scenario per request with the header x-emulator-scenario or [[scenario:NAME]] in a prompt.',
  );
  console.log('Ctrl-C stops it.');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the emulator`);
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof CliUsageError || error instanceof EmulatorOptionsError) {
    console.error(`outcrop-bedrock-emulator: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE') {
    console.error(`outcrop-bedrock-emulator: the port is already in use (${(error as Error).message})`);
    process.exit(1);
  }
  console.error(`outcrop-bedrock-emulator: ${(error as Error).message ?? String(error)}`);
  process.exit(1);
});
