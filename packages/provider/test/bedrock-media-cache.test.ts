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
const sonnet45 = bedrockModel('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
type Block = Record<string, unknown>;
type Body = {
  system?: Block[];
  toolConfig?: { tools: Block[] };
  messages: Array<{ role: string; content: Block[] }>;
};
const lastBody = () => h.requests().at(-1)?.body as Body;
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
// RIFF....WEBPVP8 : Bedrock checks the bytes against the declared format.
const WEBP = Uint8Array.from([
  0x52, 0x49, 0x46, 0x46, 4, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20,
]);
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
  // Each section over Sonnet's 1,024-token minimum per checkpoint (estimated at 4 characters a token).
  const long = (text: string) => `${text} ${'and a great deal of context. '.repeat(150)}`;
  const longContext: Context = {
    system: long('You are a meticulous assistant.'),
    tools: [
      {
        name: 'lookup',
        description: long('Looks things up.'),
        parameters: { type: 'object', properties: { q: { type: 'string' } } },
      },
    ],
    messages: [
      { role: 'user', content: long('Turn one.') },
      { role: 'assistant', content: [{ type: 'text', text: 'Reply one.' }] },
      { role: 'user', content: long('Turn two.') },
      { role: 'assistant', content: [{ type: 'text', text: 'Reply two.' }] },
      { role: 'user', content: long('Turn three.') },
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

  it('never exceeds four points however long the conversation, and uses the 1 h TTL where the model has it', async () => {
    const many: Context = {
      ...longContext,
      messages: Array.from({ length: 21 }, (_, i) =>
        i % 2 === 0
          ? { role: 'user' as const, content: long(`Question ${i}.`) }
          : { role: 'assistant' as const, content: [{ type: 'text' as const, text: `Answer ${i}.` }] },
      ),
    };
    // Sonnet 4.5 takes the 1 hour TTL (AWS prompt-caching page); Sonnet 4 caches for 5 minutes only.
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

    const short = await collectStream(h.provider.stream(sonnet, many, { cacheRetention: 'long' }));
    expect(JSON.stringify(lastBody())).not.toContain('"1h"');
    expect(short.warnings.map((w) => w.setting)).toContain('cacheRetention');
  });

  it('leaves out points under the model minimum, and places the auto policy with the prefix at 1 h', async () => {
    const short: Context = {
      ...longContext,
      messages: [
        { role: 'user', content: 'Turn one.' },
        { role: 'assistant', content: [{ type: 'text', text: 'Reply one.' }] },
        { role: 'user', content: 'Turn two.' },
      ],
    };
    const result = await collectStream(h.provider.stream(sonnet, short, { cacheRetention: 'short' }));
    const body = lastBody();
    expect(points(body.toolConfig?.tools)).toHaveLength(1);
    expect(points(body.system)).toHaveLength(1);
    expect(body.messages.map((m) => points(m.content).length)).toEqual([0, 0, 0]);
    expect(result.warnings.map((w) => w.code)).toContain('cache-point-skipped');

    const priced = { ...sonnet45, cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 } };
    // A prefix no earlier test wrote, so this call writes every point.
    const fresh = { ...longContext, system: long('You are an auto-cached assistant.') };
    const autoResult = await collectStream(h.provider.stream(priced, fresh, { cache: 'auto' }));
    const auto = lastBody();
    // Writes are reported per TTL, and 1 hour writes cost twice the input price, 5 minute ones the table's.
    const details = autoResult.usage.cacheDetails ?? [];
    expect(details.map((d) => d.ttl).sort()).toEqual(['1h', '5m']);
    const byTtl = Object.fromEntries(details.map((d) => [d.ttl, d.cacheWriteTokens]));
    expect(autoResult.cost?.cacheWrite).toBeCloseTo(
      ((byTtl['1h'] ?? 0) * 6 + (byTtl['5m'] ?? 0) * 3.75) / 1e6,
      12,
    );
    expect(points(auto.toolConfig?.tools)).toEqual([{ cachePoint: { type: 'default', ttl: '1h' } }]);
    expect(points(auto.system)).toEqual([{ cachePoint: { type: 'default', ttl: '1h' } }]);
    expect(auto.messages.flatMap((m) => points(m.content))).toEqual([
      { cachePoint: { type: 'default' } },
      { cachePoint: { type: 'default' } },
    ]);
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
