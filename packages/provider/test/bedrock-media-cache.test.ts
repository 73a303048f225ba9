// Images and documents as bytes, and automatic cache points (placement, TTL, the four-point cap, usage).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectStream } from '../src/complete.js';
import type { Context } from '../src/spec.js';
import { bedrockModel, type Harness, SONNET_4, startHarness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emulator.stop());

const sonnet = bedrockModel(SONNET_4);
type Block = Record<string, unknown>;
type Body = {
  system?: Block[];
  toolConfig?: { tools: Block[] };
  messages: Array<{ role: string; content: Block[] }>;
};
const lastBody = () => h.requests().at(-1)?.body as Body;
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
// Bedrock checks that the bytes are the declared format (the emulator sniffs magic numbers).
const WEBP = Uint8Array.from([...Buffer.from('RIFF'), 4, 0, 0, 0, ...Buffer.from('WEBP')]);
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

describe('images and documents', () => {
  it('sends images as bytes in their format', async () => {
    const result = await collectStream(
      h.provider.stream(sonnet, {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in this picture?' },
              { type: 'image', data: PNG, mediaType: 'image/png' },
              { type: 'image', data: Buffer.from(WEBP).toString('base64'), mediaType: 'image/webp' },
            ],
          },
        ],
      }),
    );
    expect(result.finishReason).toBe('stop');
    expect(lastBody().messages[0]!.content.slice(1)).toEqual([
      { image: { format: 'png', source: { bytes: Buffer.from(PNG).toString('base64') } } },
      { image: { format: 'webp', source: { bytes: Buffer.from(WEBP).toString('base64') } } },
    ]);
  });

  it('sends documents as bytes with a name Bedrock accepts', async () => {
    await collectStream(
      h.provider.stream(sonnet, {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'document', data: PDF, mediaType: 'application/pdf', name: 'q3_report.v2.pdf' },
              { type: 'text', text: 'Summarise the report.' },
            ],
          },
        ],
      }),
    );
    expect(lastBody().messages[0]!.content[0]).toEqual({
      document: {
        format: 'pdf',
        name: 'q3-report-v2',
        source: { bytes: Buffer.from(PDF).toString('base64') },
      },
    });
  });

  it('fails a bad image with a located validation error part, before sending', async () => {
    const before = h.requests().length;
    const parts = await h.run(sonnet, {
      messages: [
        { role: 'user', content: [{ type: 'image', data: 'not base64 !!', mediaType: 'image/png' }] },
      ],
    });
    expect(parts.at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'validation', location: 'messages[0].content[0]' },
    });
    expect(h.requests()).toHaveLength(before);
  });
});

describe('cache points', () => {
  const longContext: Context = {
    // Past Claude Sonnet 4's minimum of 1024 tokens per cache point, so the points do cache.
    system: 'You are a meticulous assistant. '.repeat(160),
    tools: [{ name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } }],
    messages: [
      { role: 'user', content: 'Turn one.' },
      { role: 'assistant', content: [{ type: 'text', text: 'Reply one.' }] },
      { role: 'user', content: 'Turn two.' },
      { role: 'assistant', content: [{ type: 'text', text: 'Reply two.' }] },
      { role: 'user', content: 'Turn three.' },
    ],
  };
  const points = (blocks: Block[] | undefined) => (blocks ?? []).filter((b) => 'cachePoint' in b);

  it('places four points (tools, system, two latest user turns), writes then reads the cache', async () => {
    const first = await collectStream(h.provider.stream(sonnet, longContext, { cacheRetention: 'short' }));
    const body = lastBody();
    expect(points(body.toolConfig?.tools)).toEqual([{ cachePoint: { type: 'default' } }]);
    expect(body.system?.at(-1)).toEqual({ cachePoint: { type: 'default' } });
    expect(body.messages.map((m) => points(m.content).length)).toEqual([0, 0, 1, 0, 1]);
    const total =
      points(body.toolConfig?.tools).length +
      points(body.system).length +
      body.messages.reduce((n, m) => n + points(m.content).length, 0);
    expect(total).toBe(4);
    expect(first.usage.cacheWriteTokens).toBeGreaterThan(0);

    const second = await collectStream(h.provider.stream(sonnet, longContext, { cacheRetention: 'short' }));
    expect(second.usage.cacheReadTokens).toBeGreaterThan(0);
    expect(second.cost?.cacheRead).toBeGreaterThan(0);
  });

  it('never exceeds four points however long the conversation, and uses the 1 h TTL for long retention', async () => {
    // Claude 4.5 and later take the 1 h TTL on Bedrock; Sonnet 4 does not (see the next test).
    const sonnet45 = bedrockModel('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    const many: Context = {
      ...longContext,
      messages: Array.from({ length: 21 }, (_, i) =>
        i % 2 === 0
          ? { role: 'user' as const, content: `Question ${i}.` }
          : { role: 'assistant' as const, content: [{ type: 'text' as const, text: `Answer ${i}.` }] },
      ),
    };
    const result = await collectStream(h.provider.stream(sonnet45, many, { cacheRetention: 'long' }));
    expect(result.finishReason).toBe('stop');
    const body = lastBody();
    const all = [
      ...(body.toolConfig?.tools ?? []),
      ...(body.system ?? []),
      ...body.messages.flatMap((m) => m.content),
    ];
    expect(points(all)).toHaveLength(4);
    expect(points(all).every((p) => (p.cachePoint as { ttl?: string }).ttl === '1h')).toBe(true);
  });

  it('keeps the 5 minute TTL, with a warning, for a Claude model without the 1 h TTL', async () => {
    const result = await collectStream(h.provider.stream(sonnet, longContext, { cacheRetention: 'long' }));
    expect(JSON.stringify(lastBody())).not.toContain('"ttl"');
    expect(result.warnings.map((w) => w.setting)).toContain('cacheRetention');
  });

  it('adds no points when caching is off or the model cannot cache', async () => {
    await collectStream(h.provider.stream(sonnet, longContext));
    expect(JSON.stringify(lastBody())).not.toContain('cachePoint');
    const oss = await collectStream(
      h.provider.stream(bedrockModel('openai.gpt-oss-120b-1:0'), longContext, { cacheRetention: 'short' }),
    );
    expect(JSON.stringify(lastBody())).not.toContain('cachePoint');
    expect(oss.warnings.map((w) => w.setting)).toContain('cacheRetention');
  });
});
