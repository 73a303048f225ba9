// Runs the emulator in its own process so the benchmark's CPU figures count only the client side.
// Protocol over IPC: parent sends { push: n } to queue n copies of the 20k-event script; child answers
// { ready: ... } once and { queued: n } per push.
import { type BedrockEvent, startEmulator } from '@outcrop/bedrock-emulator';

export const EVENTS = 20_000;

function script(): BedrockEvent[] {
  const events: BedrockEvent[] = [{ messageStart: { role: 'assistant' } }];
  for (let i = 0; events.length < EVENTS - 3; i++) {
    events.push({ contentBlockDelta: { contentBlockIndex: 0, delta: { text: `word${i % 97} ` } } });
  }
  events.push({ contentBlockStop: { contentBlockIndex: 0 } });
  events.push({ messageStop: { stopReason: 'end_turn' } });
  events.push({
    metadata: {
      usage: { inputTokens: 10, outputTokens: EVENTS, totalTokens: EVENTS + 10 },
      metrics: { latencyMs: 1 },
    },
  });
  return events;
}

const emulator = await startEmulator({ eventDelayMs: 0 });
const events = script();
process.on('message', (message: { push?: number; stop?: boolean }) => {
  if (message.push) {
    for (let i = 0; i < message.push; i++) emulator.scenarios.push({ name: 'bench-20k', script: events });
    process.send?.({ queued: message.push });
  }
  if (message.stop) void emulator.stop().then(() => process.exit(0));
});
process.send?.({ ready: { env: emulator.env(), events: events.length } });
