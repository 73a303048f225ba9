// Runs the emulator in its own process so CPU figures count only the client under test.
// IPC: the parent sends { push: { script, count } } and gets { queued } back; { stop: true } ends it.
import { type BedrockEvent, startEmulator } from '@outcrop/bedrock-emulator';
import { textScript, toolScript } from './scripts.js';

const scripts: Record<string, () => BedrockEvent[]> = {
  text20k: () => textScript(),
  tool1mb: () => toolScript(),
};
const built = new Map<string, BedrockEvent[]>();

const emulator = await startEmulator({ eventDelayMs: 0 });
process.on(
  'message',
  (message: { push?: { script: string; count: number }; clearJournal?: boolean; stop?: boolean }) => {
    if (message.push) {
      const { script, count } = message.push;
      const make = scripts[script];
      if (!make) throw new Error(`unknown script ${script}`);
      const events = built.get(script) ?? make();
      built.set(script, events);
      for (let i = 0; i < count; i++) emulator.scenarios.push({ name: script, script: events });
      process.send?.({ queued: count });
    }
    if (message.stop) void emulator.stop().then(() => process.exit(0));
  },
);
process.on('disconnect', () => void emulator.stop().then(() => process.exit(0)));
process.send?.({
  ready: {
    url: emulator.url,
    env: emulator.env(),
    credentials: emulator.credentials,
    region: emulator.region,
  },
});
