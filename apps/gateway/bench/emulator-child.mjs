// Runs the Bedrock emulator in its own process so its CPU is not counted against either side.
import { startEmulator } from '@outcrop/bedrock-emulator';

const emulator = await startEmulator();
process.stdout.write(
  `${JSON.stringify({ url: emulator.url, env: emulator.env(), bearerToken: emulator.bearerToken })}\n`,
);
process.on('SIGTERM', () => {
  emulator.stop().then(() => process.exit(0));
});
