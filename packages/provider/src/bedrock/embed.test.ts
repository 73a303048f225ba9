// bedrockEmbed with an injected invoker (a pure mapping unit): order under out-of-order answers, the concurrency
// bound, estimates when Bedrock counts nothing, and malformed answers as typed protocol errors.
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../spec.js';
import { type BedrockInvoker, bedrockEmbed, EMBED_CONCURRENCY } from './embed.js';

const titan: ModelSpec = {
  provider: 'amazon-bedrock',
  api: 'bedrock-converse-stream',
  id: 'amazon.titan-embed-text-v2:0',
};
const cohere: ModelSpec = { ...titan, id: 'us.cohere.embed-english-v3' };

describe('bedrockEmbed', () => {
  it('keeps input order when calls finish out of order, with at most EMBED_CONCURRENCY in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const invoke: BedrockInvoker = async (body) => {
      inFlight++;
      most = Math.max(most, inFlight);
      const text = (body as { inputText: string }).inputText;
      // Later texts answer first: a bounded number of microtask turns, no timers.
      for (let i = 0; i < 20 - Number(text); i++) await Promise.resolve();
      inFlight--;
      return {
        body: { embedding: [Number(text)], inputTextTokenCount: 1 },
        requestId: `r${text}`,
        inputTokens: undefined,
      };
    };
    const texts = Array.from({ length: 12 }, (_, i) => String(i));
    const result = await bedrockEmbed(invoke, titan, texts);
    expect(result.embeddings).toEqual(texts.map((t) => [Number(t)]));
    expect(most).toBe(EMBED_CONCURRENCY);
    expect(result).toMatchObject({ calls: 12, usage: { inputTokens: 12, source: 'provider' } });
  });

  it('estimates usage (4 characters a token) when Bedrock reports no count', async () => {
    const invoke: BedrockInvoker = async (body) => ({
      body: { embeddings: (body as { texts: string[] }).texts.map(() => [0.5]) },
      requestId: undefined,
      inputTokens: undefined,
    });
    const result = await bedrockEmbed(invoke, cohere, ['abcdefgh', 'abcd']);
    expect(result.usage).toEqual({ inputTokens: 3, source: 'estimate' });
    expect(result.response.requestIds).toEqual([]);
  });

  it('answers a malformed or short body with a protocol error', async () => {
    const bad: BedrockInvoker = async () => ({
      body: { embedding: 'no' },
      requestId: undefined,
      inputTokens: 1,
    });
    await expect(bedrockEmbed(bad, titan, ['x'])).rejects.toMatchObject({ code: 'protocol' });
    const short: BedrockInvoker = async () => ({
      body: { embeddings: [[1]] },
      requestId: undefined,
      inputTokens: 1,
    });
    await expect(bedrockEmbed(short, cohere, ['x', 'y'])).rejects.toMatchObject({ code: 'protocol' });
    const byType: BedrockInvoker = async () => ({
      body: { embeddings: { float: [[1], [2]] } },
      requestId: undefined,
      inputTokens: 2,
    });
    expect((await bedrockEmbed(byType, cohere, ['x', 'y'])).embeddings).toEqual([[1], [2]]);
  });
});
