import { describe, expect, it } from 'vitest';
import type { CallOptions, Context, ModelSpec } from '../spec.js';
import { countCachePoints } from './cache-points.js';
import type { CapabilityLookup, CapabilityRecord } from './model-traits.js';
import { toConverseStreamRequest } from './request-mapping.js';

const claudeCaps: CapabilityRecord = {
  reasoning: true,
  reasoningDialect: 'anthropic-budget',
  toolUse: true,
  promptCaching: true,
  temperature: true,
  maxTokens: 64_000,
};
const table: Record<string, CapabilityRecord> = {
  'anthropic.claude-sonnet-4-20250514-v1:0': claudeCaps,
  'anthropic.claude-sonnet-4-5-20250929-v1:0': claudeCaps,
  'anthropic.claude-opus-4-6-v1': { ...claudeCaps, reasoningDialect: 'anthropic-adaptive' },
  'amazon.nova-pro-v1:0': { ...claudeCaps, reasoning: false, reasoningDialect: 'none' },
  'openai.gpt-oss-120b-1:0': { ...claudeCaps, reasoningDialect: 'reasoning-effort', promptCaching: false },
  'amazon.nova-2-lite-v1:0': { ...claudeCaps, reasoningDialect: 'nova-reasoning-config' },
  'openai.o-no-temp': { ...claudeCaps, reasoning: false, reasoningDialect: 'none', temperature: false },
};
const lookup: CapabilityLookup = (id) => table[id.replace(/^(us|eu|global)\./, '')];
const model = (id: string, extra: Partial<ModelSpec> = {}): ModelSpec => ({
  provider: 'amazon-bedrock',
  api: 'bedrock-converse-stream',
  id,
  ...extra,
});
const claude = model('us.anthropic.claude-sonnet-4-20250514-v1:0');
const weather = {
  name: 'get_weather',
  description: 'weather',
  parameters: { type: 'object', properties: {} },
};
const map = (m: ModelSpec, context: Context, options?: CallOptions) =>
  toConverseStreamRequest(m, context, options, lookup);
const codes = (result: { warnings: { code: string }[] }) => result.warnings.map((w) => w.code);

describe('toConverseStreamRequest', () => {
  it('maps system, inference settings and tools', () => {
    const { request, warnings } = map(
      claude,
      { system: 'Be terse.', messages: [{ role: 'user', content: 'hi' }], tools: [weather] },
      {
        maxTokens: 100,
        temperature: 0.2,
        topP: 0.9,
        stopSequences: ['END'],
        toolChoice: { type: 'tool', toolName: 'get_weather' },
      },
    );
    expect(warnings).toEqual([]);
    expect(request).toEqual({
      modelId: claude.id,
      system: [{ text: 'Be terse.' }],
      messages: [{ role: 'user', content: [{ text: 'hi' }] }],
      inferenceConfig: { maxTokens: 100, temperature: 0.2, topP: 0.9, stopSequences: ['END'] },
      toolConfig: {
        tools: [
          {
            toolSpec: {
              name: 'get_weather',
              description: 'weather',
              inputSchema: { json: weather.parameters },
            },
          },
        ],
        toolChoice: { tool: { name: 'get_weather' } },
      },
    });
  });

  it('maps tool choice required to any and drops tools for none with a warning', () => {
    const context = { messages: [{ role: 'user' as const, content: 'hi' }], tools: [weather] };
    expect(map(claude, context, { toolChoice: 'required' }).request.toolConfig?.toolChoice).toEqual({
      any: {},
    });
    const none = map(claude, context, { toolChoice: 'none' });
    expect(none.request.toolConfig).toBeUndefined();
    expect(codes(none)).toEqual(['tools-dropped']);
  });

  it('maps Claude budget reasoning, raises maxTokens to fit the budget and downgrades forced tools', () => {
    const result = map(
      claude,
      { messages: [{ role: 'user', content: 'hi' }], tools: [weather] },
      { reasoning: 'medium', maxTokens: 1000, temperature: 0.5, toolChoice: 'required' },
    );
    expect(result.request.additionalModelRequestFields).toEqual({
      thinking: { type: 'enabled', budget_tokens: 8192 },
      anthropic_beta: ['interleaved-thinking-2025-05-14'],
    });
    expect(result.request.inferenceConfig).toEqual({ maxTokens: 9192 });
    expect(result.request.toolConfig?.toolChoice).toEqual({ auto: {} });
    expect(codes(result)).toEqual(['unsupported-setting', 'tool-choice-downgraded']);
  });

  it('keeps temperature 1 with Claude thinking, the one value thinking allows, without a warning', () => {
    const result = map(
      claude,
      { messages: [{ role: 'user', content: 'hi' }] },
      { reasoning: 'low', maxTokens: 1000, temperature: 1 },
    );
    expect(result.request.inferenceConfig).toEqual({ maxTokens: 3048, temperature: 1 });
    expect(result.warnings).toEqual([]);
  });

  it('caps maxTokens at the model limit and shrinks the budget to fit', () => {
    const small = { ...claude, maxTokens: 4000 };
    const { request } = map(small, { messages: [{ role: 'user', content: 'hi' }] }, { reasoning: 'high' });
    expect(request.inferenceConfig?.maxTokens).toBe(4000);
    expect(request.additionalModelRequestFields).toEqual({
      thinking: { type: 'enabled', budget_tokens: 2976 },
    });
  });

  it('maps adaptive Claude to effort, effort models to reasoning_effort, and nothing for non-reasoning models', () => {
    const hi = { messages: [{ role: 'user' as const, content: 'hi' }] };
    expect(
      map(model('global.anthropic.claude-opus-4-6-v1'), hi, { reasoning: 'max' }).request
        .additionalModelRequestFields,
    ).toEqual({
      thinking: { type: 'adaptive' },
      output_config: { effort: 'max' },
    });
    expect(
      map(model('openai.gpt-oss-120b-1:0'), hi, { reasoning: 'minimal' }).request
        .additionalModelRequestFields,
    ).toEqual({
      reasoning_effort: 'low',
    });
    const nova = map(model('us.amazon.nova-pro-v1:0'), hi, { reasoning: 'high' });
    expect(nova.request.additionalModelRequestFields).toBeUndefined();
    expect(codes(nova)).toEqual(['unsupported-setting']);
  });

  it('maps Nova 2 to reasoningConfig and sends nothing to an unknown reasoning model', () => {
    const hi = { messages: [{ role: 'user' as const, content: 'hi' }] };
    expect(
      map(model('us.amazon.nova-2-lite-v1:0'), hi, { reasoning: 'medium' }).request
        .additionalModelRequestFields,
    ).toEqual({
      reasoningConfig: { type: 'enabled', maxReasoningEffort: 'medium' },
    });
    const unknown = map(model('acme.thinker-v1:0', { reasoning: true }), hi, { reasoning: 'high' });
    expect(unknown.request.additionalModelRequestFields).toBeUndefined();
    expect(unknown.warnings[0]?.message).toContain('no known reasoning switch');
  });

  it('warns that custom headers are not sent to Bedrock', () => {
    const result = map(
      { ...claude, headers: { 'x-team': 'a' } },
      { messages: [{ role: 'user', content: 'hi' }] },
    );
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: 'unsupported-setting', setting: 'headers' }),
    ]);
  });

  it('omits temperature for models that reject it', () => {
    const result = map(
      model('openai.o-no-temp'),
      { messages: [{ role: 'user', content: 'hi' }] },
      { temperature: 0.7 },
    );
    expect(result.request.inferenceConfig).toEqual({ maxTokens: 4096 });
    expect(result.warnings[0]).toMatchObject({ code: 'unsupported-setting', setting: 'temperature' });
  });

  it('turns reasoning off when continuing a tool turn that carries no signature', () => {
    const result = map(
      claude,
      {
        messages: [
          { role: 'user', content: 'weather?' },
          {
            role: 'assistant',
            content: [{ type: 'tool-call', toolCallId: 't1', toolName: 'get_weather', arguments: {} }],
          },
          { role: 'tool', toolCallId: 't1', toolName: 'get_weather', content: 'sunny' },
        ],
        tools: [weather],
      },
      { reasoning: 'low' },
    );
    expect(result.request.additionalModelRequestFields).toBeUndefined();
    expect(codes(result)).toEqual(['reasoning-disabled']);
  });

  it('passes validated Bedrock provider options through, and rejects invalid ones with a location', () => {
    const hi = { messages: [{ role: 'user' as const, content: 'hi' }] };
    const { request } = map(claude, hi, {
      providerOptions: {
        'amazon-bedrock': {
          guardrailConfig: { guardrailIdentifier: 'gr-1', guardrailVersion: '1', trace: 'enabled' },
          serviceTier: { type: 'flex' },
          performanceConfig: { latency: 'optimized' },
          requestMetadata: { tenant: 'acme' },
          additionalModelRequestFields: { top_k: 5 },
        },
      },
    });
    expect(request).toMatchObject({
      guardrailConfig: { guardrailIdentifier: 'gr-1', guardrailVersion: '1', trace: 'enabled' },
      serviceTier: { type: 'flex' },
      performanceConfig: { latency: 'optimized' },
      requestMetadata: { tenant: 'acme' },
      additionalModelRequestFields: { top_k: 5 },
    });
    expect(() =>
      map(claude, hi, { providerOptions: { 'amazon-bedrock': { serviceTier: { type: 'turbo' } } } }),
    ).toThrow(
      expect.objectContaining({
        code: 'invalid_options',
        message: expect.stringContaining('amazon-bedrock.serviceTier.type'),
      }),
    );
    expect(() => map(claude, hi, { providerOptions: { 'amazon-bedrock': { guardrail: {} } } })).toThrow(
      /guardrail/,
    );
  });
});

describe('cache points', () => {
  const long: Context = {
    system: 'You are helpful.',
    tools: [weather],
    messages: [
      { role: 'user', content: 'one' },
      { role: 'assistant', content: [{ type: 'text', text: 'two' }] },
      { role: 'user', content: 'three' },
      { role: 'assistant', content: [{ type: 'text', text: 'four' }] },
      { role: 'user', content: 'five' },
    ],
  };

  it('places points after tools, system and the two latest user turns: four, never more', () => {
    const { request } = map(claude, long, { cacheRetention: 'short' });
    expect(request.toolConfig?.tools.at(-1)).toEqual({ cachePoint: { type: 'default' } });
    expect(request.system?.at(-1)).toEqual({ cachePoint: { type: 'default' } });
    const withPoint = request.messages.map((m) => m.content.some((b) => 'cachePoint' in b));
    expect(withPoint).toEqual([false, false, true, false, true]);
    expect(countCachePoints(request)).toBe(4);
  });

  it('uses the 1 hour TTL for long retention on Claude 4.5 and later, and places nothing for none', () => {
    const sonnet45 = model('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(map(sonnet45, long, { cacheRetention: 'long' }).request.system?.at(-1)).toEqual({
      cachePoint: { type: 'default', ttl: '1h' },
    });
    // Bedrock rejects ttl '1h' on Claude Sonnet 4: it keeps the default TTL, with a warning.
    const sonnet4 = map(claude, long, { cacheRetention: 'long' });
    expect(sonnet4.request.system?.at(-1)).toEqual({ cachePoint: { type: 'default' } });
    expect(codes(sonnet4)).toEqual(['unsupported-setting']);
    expect(countCachePoints(map(claude, long, { cacheRetention: 'none' }).request)).toBe(0);
    expect(countCachePoints(map(claude, long).request)).toBe(0);
  });

  it('skips tool points for non-Claude models and warns for models without caching', () => {
    const novaLong = map(model('amazon.nova-pro-v1:0'), long, { cacheRetention: 'long' });
    expect(JSON.stringify(novaLong.request)).not.toContain('1h');
    expect(codes(novaLong)).toEqual(['unsupported-setting']);
    const nova = map(model('amazon.nova-pro-v1:0'), long, { cacheRetention: 'short' }).request;
    expect(nova.toolConfig?.tools.some((t) => 'cachePoint' in t)).toBe(false);
    expect(countCachePoints(nova)).toBe(3);
    const oss = map(model('openai.gpt-oss-120b-1:0'), long, { cacheRetention: 'short' });
    expect(countCachePoints(oss.request)).toBe(0);
    expect(codes(oss)).toEqual(['unsupported-setting']);
  });
});
