import { describe, expect, it } from 'vitest';
import { type ModelSource, selectRows, toRow } from './model-rows.js';

const claude = (id: string, invocation: string): ModelSource => ({
  id,
  name: 'Claude Sonnet 4.5',
  providerName: 'Anthropic',
  baseModelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
  invocation,
  input: ['text', 'image'],
  contextWindow: 200_000,
  maxTokens: 64_000,
  reasoning: true,
});
const nova: ModelSource = {
  id: 'amazon.nova-lite-v1:0',
  providerName: 'Amazon',
  baseModelId: 'amazon.nova-lite-v1:0',
  invocation: 'on-demand',
};

const options = { fallbacks: [] as string[], emulator: false, all: false };

describe('toRow', () => {
  it('builds the ref and tags default, fallbacks and the emulator', () => {
    const row = toRow('amazon-bedrock', nova, {
      ...options,
      primary: 'amazon-bedrock/us.x',
      fallbacks: ['amazon-bedrock/other', 'amazon-bedrock/amazon.nova-lite-v1:0'],
      emulator: true,
    });
    expect(row.ref).toBe('amazon-bedrock/amazon.nova-lite-v1:0');
    expect(row.tags).toEqual(['fallback #2', 'emulator']);
    expect(row.input).toEqual(['text']);
    expect(row.name).toBe('amazon.nova-lite-v1:0');
  });
});

describe('selectRows', () => {
  const rows = [
    toRow(
      'amazon-bedrock',
      claude('global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'inference-profile'),
      options,
    ),
    toRow(
      'amazon-bedrock',
      claude('us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'inference-profile'),
      options,
    ),
    toRow('amazon-bedrock', nova, options),
  ];

  it('keeps one row per base model, geo profile before global', () => {
    expect(selectRows(rows, { all: false }).map((row) => row.id)).toEqual([
      'amazon.nova-lite-v1:0',
      'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    ]);
  });

  it('--all keeps every way to call a model', () => {
    expect(selectRows(rows, { all: true })).toHaveLength(3);
  });

  it('keeps the row the user tagged even when another is simpler', () => {
    const tagged = [
      toRow(
        'amazon-bedrock',
        claude('global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'inference-profile'),
        {
          ...options,
          primary: 'amazon-bedrock/global.anthropic.claude-sonnet-4-5-20250929-v1:0',
        },
      ),
      rows[1]!,
    ];
    const ids = selectRows(tagged, { all: false }).map((row) => `${row.id} ${row.tags.join(',')}`);
    expect(ids).toEqual(['global.anthropic.claude-sonnet-4-5-20250929-v1:0 default']);
  });

  it('filters by provider key, vendor name or id vendor', () => {
    expect(selectRows(rows, { all: true, provider: 'anthropic' })).toHaveLength(2);
    expect(selectRows(rows, { all: true, provider: 'AMAZON' })).toHaveLength(1);
    expect(selectRows(rows, { all: true, provider: 'amazon-bedrock' })).toHaveLength(3);
    expect(selectRows(rows, { all: true, provider: 'openai' })).toHaveLength(0);
  });
});

describe('embedding models', () => {
  const titan: ModelSource = {
    id: 'amazon.titan-embed-text-v2:0',
    providerName: 'Amazon',
    invocation: 'on-demand',
    input: ['text'],
    embedding: { dimensions: [1024, 512, 256], maxInputsPerCall: 1, maxInputChars: 50_000 },
  };
  const rows = [toRow('amazon-bedrock', titan, options), toRow('amazon-bedrock', nova, options)];

  it('are rows of kind embedding with their per-call limits; chat rows have none', () => {
    expect(rows[0]).toMatchObject({
      kind: 'embedding',
      embedding: { dimensions: [1024, 512, 256], maxInputsPerCall: 1, maxInputChars: 50_000 },
      contextWindow: null,
    });
    expect(rows[1]).toMatchObject({ kind: 'chat', embedding: null });
  });

  it('come after the chat models, and --kind keeps one kind', () => {
    expect(selectRows(rows, { all: false }).map((row) => row.kind)).toEqual(['chat', 'embedding']);
    expect(selectRows(rows, { all: false, kind: 'embedding' }).map((row) => row.id)).toEqual([
      'amazon.titan-embed-text-v2:0',
    ]);
    expect(selectRows(rows, { all: true, kind: 'chat' }).map((row) => row.id)).toEqual([
      'amazon.nova-lite-v1:0',
    ]);
  });
});
