// What the example provider sends and how it reports: request mapping, usage, errors, abort, registry.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createOutcrop, type ModelSpec, type Outcrop } from '@outcrop/provider';
import { collectParts } from '@outcrop/provider/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAICompatibleProvider, OPENAI_CHAT_COMPLETIONS_API } from '../src/index.js';
import { type ChatServer, startChatServer } from './chat-server.js';

let server: ChatServer;
let outcrop: Outcrop;
const provider = createOpenAICompatibleProvider();
beforeAll(async () => {
  server = await startChatServer();
  // An Outcrop with this provider registered on it (no config file, no AWS credentials: none are needed here).
  const dir = mkdtempSync(path.join(tmpdir(), 'outcrop-example-'));
  outcrop = await createOutcrop({
    cwd: dir,
    homeDir: dir,
    env: { AWS_EC2_METADATA_DISABLED: 'true' },
    providers: { [OPENAI_CHAT_COMPLETIONS_API]: provider },
  });
});
afterAll(async () => {
  await outcrop.close();
  await server.close();
});
const complete: Outcrop['complete'] = (m, context, options) => outcrop.complete(m, context, options);

const model = (id: string, extra: Partial<ModelSpec> = {}): ModelSpec => ({
  provider: 'local-llm',
  api: OPENAI_CHAT_COMPLETIONS_API,
  id,
  baseUrl: server.baseUrl,
  ...extra,
});

describe('openai-compatible example provider', () => {
  it('is reachable through an Outcrop instance: complete() collects the echoed message, usage and cost', async () => {
    const result = await complete(model('echo', { cost: { input: 1, output: 2, cacheRead: 0.5 } }), {
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Hello out there.' }],
    });
    expect(result.message.content).toEqual([{ type: 'text', text: 'Hello out there.' }]);
    expect(result.usage).toEqual({
      inputTokens: 8,
      outputTokens: 7,
      cacheReadTokens: 4,
      cacheWriteTokens: 0,
      totalTokens: 19,
    });
    expect(result.cost?.total).toBeCloseTo((8 * 1 + 7 * 2 + 4 * 0.5) / 1e6, 12);
    expect(result.response.requestId).toMatch(/^chatcmpl-/);
    expect(server.requests.at(-1)?.messages[0]).toEqual({ role: 'system', content: 'Be brief.' });
  });

  it('maps call options and tool history onto the request', async () => {
    await collectParts(
      provider.stream(
        model('echo'),
        {
          messages: [
            { role: 'user', content: 'Weather?' },
            {
              role: 'assistant',
              content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'w', arguments: { city: 'Rome' } }],
            },
            { role: 'tool', toolCallId: 'c1', toolName: 'w', content: 'sunny' },
          ],
          tools: [{ name: 'w', parameters: { type: 'object' } }],
        },
        { maxTokens: 50, temperature: 0.3, stopSequences: ['END'], toolChoice: 'auto', reasoning: 'max' },
      ),
    );
    expect(server.requests.at(-1)).toMatchObject({
      max_tokens: 50,
      temperature: 0.3,
      stop: ['END'],
      tool_choice: 'auto',
      reasoning_effort: 'high',
      messages: [
        { role: 'user', content: 'Weather?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'c1', function: { name: 'w', arguments: '{"city":"Rome"}' } }],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
      ],
    });
  });

  it('validates its keyed providerOptions and passes them on', async () => {
    const hi = { messages: [{ role: 'user' as const, content: 'hi' }] };
    await collectParts(
      provider.stream(model('echo'), hi, {
        providerOptions: { 'local-llm': { user: 'u-1', seed: 7, extraBody: { top_k: 3 } } },
      }),
    );
    expect(server.requests.at(-1)).toMatchObject({ user: 'u-1', seed: 7, top_k: 3 });
    const before = server.requests.length;
    const parts = await collectParts(
      provider.stream(model('echo'), hi, { providerOptions: { 'local-llm': { seed: 'x' } } }),
    );
    expect(parts.at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'invalid_options', message: expect.stringContaining('providerOptions.local-llm.seed') },
    });
    expect(server.requests).toHaveLength(before);
  });

  it('maps HTTP errors to typed, retryable-or-not error parts', async () => {
    const busy = await collectParts(
      provider.stream(model('busy-model'), { messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(busy.at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'throttled', retryable: true, httpStatus: 429 },
    });
    const missing = await collectParts(
      provider.stream(model('missing-model'), { messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(missing.at(-1)).toMatchObject({
      error: { code: 'not_found', message: expect.stringContaining('does not exist') },
    });
  });

  it('reports length when max_tokens cut the answer', async () => {
    const parts = await collectParts(
      provider.stream(
        model('echo'),
        { messages: [{ role: 'user', content: 'one two three' }] },
        { maxTokens: 1 },
      ),
    );
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'length', rawStopReason: 'length' });
  });

  it('ends a stalled stream with an aborted error when the caller aborts', async () => {
    const controller = new AbortController();
    const parts = [];
    for await (const part of provider.stream(
      model('stalling-model'),
      { messages: [{ role: 'user', content: 'a b c' }] },
      { signal: controller.signal },
    )) {
      parts.push(part);
      if (part.type === 'text-delta') controller.abort();
    }
    expect(parts.at(-2)).toMatchObject({ type: 'text-end' });
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code: 'aborted' } });
  });
});
