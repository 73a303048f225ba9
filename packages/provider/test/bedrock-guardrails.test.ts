// The first-class guardrail option against the emulator's word-blocking guardrail: an intervention finishes
// with content-filter and a summary of the assessment; `guard: 'last-user-turn'` assesses only the newest turn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../src/spec.js';
import { bedrockModel, type Harness, SONNET_4, startHarness, userSays } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emulator.stop());

const sonnet = bedrockModel(SONNET_4);
const guardrail = (extra: Record<string, unknown> = {}) => ({
  providerOptions: { 'amazon-bedrock': { guardrail: { id: 'gr7', version: '1', ...extra } } },
});

describe('guardrail option', () => {
  it('sends guardrailConfig with the trace on and finishes an intervention as content-filter with a summary', async () => {
    const parts = await h.run(sonnet, userSays('tell me the forbidden thing'), guardrail());
    expect(h.requests().at(-1)?.body).toMatchObject({
      guardrailConfig: { guardrailIdentifier: 'gr7', guardrailVersion: '1', trace: 'enabled' },
    });
    const finish = parts.at(-1);
    expect(finish).toMatchObject({
      type: 'finish',
      finishReason: 'content-filter',
      rawStopReason: 'guardrail_intervened',
    });
    const summary =
      finish?.type === 'finish'
        ? (finish.providerMetadata?.bedrock as Record<string, unknown>)?.guardrail
        : undefined;
    expect(summary).toMatchObject({
      intervened: true,
      assessments: [{ guardrailId: 'gr7', on: 'input', policies: ['wordPolicy'] }],
    });
    expect(JSON.stringify(summary)).toContain('forbidden');
  });

  it('passes clean input through with no summary of an intervention', async () => {
    const parts = await h.run(sonnet, userSays('tell me a nice thing'), guardrail());
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
  });

  it('assesses only the last user turn with guard: last-user-turn', async () => {
    const context: Context = {
      messages: [
        { role: 'user', content: 'the forbidden word was said earlier' },
        { role: 'assistant', content: [{ type: 'text', text: 'noted' }] },
        { role: 'user', content: 'now something harmless' },
      ],
    };
    const everything = await h.run(sonnet, context, guardrail());
    expect(everything.at(-1)).toMatchObject({ finishReason: 'content-filter' });
    const last = await h.run(sonnet, context, guardrail({ guard: 'last-user-turn' }));
    const body = h.requests().at(-1)?.body as { messages: Array<{ content: unknown[] }> };
    expect(body.messages.at(-1)?.content).toEqual([
      { guardContent: { text: { text: 'now something harmless' } } },
    ]);
    expect(last.at(-1)).toMatchObject({ finishReason: 'stop' });
  });

  it('rejects a malformed guardrail option before sending', async () => {
    const before = h.requests().length;
    const parts = await h.run(sonnet, userSays('hi'), guardrail({ version: 'latest' }));
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code: 'invalid_options' } });
    expect(h.requests()).toHaveLength(before);
  });
});
