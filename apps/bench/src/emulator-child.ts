// Runs the emulator in its own process so CPU figures count only the client under test.
// IPC: the parent sends { push: { script, count } } and gets { queued } back; { stop: true } ends it.
import { type BedrockEvent, eventFrame, startEmulator } from '@outcrop/bedrock-emulator';
import { textScript, toolScript } from './scripts.js';

const scripts: Record<string, () => BedrockEvent[]> = {
  text20k: () => textScript(),
  tool1mb: () => toolScript(),
};

const emulator = await startEmulator({ eventDelayMs: 0 });

/**
 * The same response pre-rendered as event-stream bytes and replayed: the emulator then only writes a buffer,
 * so throughput (events/s) measures the client rather than the emulator's frame encoding.
 */
function prerender(script: string): string {
  const id = `${script}-bytes`;
  if (!emulator.recordings.get(id)) {
    const events = scripts[script]!();
    const frames = events.map((event) => {
      const [type, payload] = Object.entries(event)[0]!;
      return eventFrame(type, payload);
    });
    emulator.recordings.add(Buffer.concat(frames), id);
  }
  return id;
}
process.on('message', (message: { push?: { script: string; count: number }; stop?: boolean }) => {
  if (message.push) {
    const { script, count } = message.push;
    if (!scripts[script]) throw new Error(`unknown script ${script}`);
    const replay = prerender(script);
    for (let i = 0; i < count; i++) emulator.scenarios.push({ name: script, replay });
    process.send?.({ queued: count });
  }
  if (message.stop) void emulator.stop().then(() => process.exit(0));
});
process.on('disconnect', () => void emulator.stop().then(() => process.exit(0)));
process.send?.({
  ready: {
    url: emulator.url,
    env: emulator.env(),
    credentials: emulator.credentials,
    region: emulator.region,
  },
});
