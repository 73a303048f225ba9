// The capability table and the emulator's built-in catalog describe the same models the same way, model by
// model: what the provider checks before a call is what the emulator (standing in for Bedrock) enforces.
import { defaultCatalog } from '@outcrop/bedrock-emulator';
import { describe, expect, it } from 'vitest';
import { KNOWN_MODELS, lookupCapabilities } from '../src/index.js';

const catalog = new Map(defaultCatalog().models.map((model) => [model.modelId, model]));
const shared = Object.keys(KNOWN_MODELS).filter((id) => catalog.has(id));

/**
 * Output and context limits where the two sources differ today. Each is a question for the next price/limit
 * refresh, not a capability: the provider's pre-flight check uses the table's (lower) number. Keep this list
 * exact: fixing either side must remove the line.
 */
const KNOWN_LIMIT_DIFFERENCES = [
  'amazon.nova-2-lite-v1:0 maxTokens: table 64000, emulator 65535',
  'meta.llama3-3-70b-instruct-v1:0 maxTokens: table 2048, emulator 8192',
  'meta.llama4-maverick-17b-instruct-v1:0 contextWindow: table 1000000, emulator 128000',
  'mistral.mistral-large-2402-v1:0 contextWindow: table 32000, emulator 128000',
  'qwen.qwen3-32b-v1:0 maxTokens: table 8192, emulator 16384',
  'qwen.qwen3-32b-v1:0 contextWindow: table 32768, emulator 128000',
  'openai.gpt-oss-120b-1:0 maxTokens: table 16384, emulator 32768',
];

describe('capability table vs emulator catalog', () => {
  it('shares most models', () => {
    expect(shared.length).toBeGreaterThanOrEqual(25);
  });

  it.each(shared)('%s: the same capabilities', (id) => {
    const table = lookupCapabilities(id)!;
    const emulated = catalog.get(id)!;
    const caching = table.promptCaching;
    expect({
      toolUse: table.toolUse,
      reasoning: table.reasoning,
      promptCaching: caching,
      image: table.input.includes('image'),
      document: table.input.includes('document'),
      systemPrompt: table.systemPrompt,
      structuredOutput: table.structuredOutput,
      serviceTiers: table.serviceTiers,
      citations: table.citations,
      ...(emulated.toolChoices ? { toolChoice: table.toolUse ? table.toolChoice : [] } : {}),
      ...(caching ? { cacheMinTokens: table.promptCacheMinTokens, longTtl: table.promptCacheLongTtl } : {}),
    }).toEqual({
      toolUse: emulated.toolUse ?? true,
      reasoning: emulated.reasoning ?? false,
      promptCaching: emulated.promptCaching ?? false,
      image: emulated.inputModalities.includes('IMAGE'),
      document: emulated.documents ?? false,
      systemPrompt: emulated.systemPrompts,
      structuredOutput: emulated.structuredOutput,
      serviceTiers: emulated.serviceTiers,
      citations: emulated.citations,
      ...(emulated.toolChoices ? { toolChoice: emulated.toolChoices } : {}),
      ...(caching
        ? { cacheMinTokens: emulated.cacheMinTokens, longTtl: (emulated.cacheTtls ?? []).includes('1h') }
        : {}),
    });
  });

  it('differs in output and context limits only where listed', () => {
    const differences: string[] = [];
    for (const id of shared) {
      const table = lookupCapabilities(id)!;
      const emulated = catalog.get(id)!;
      const limits: Array<[string, number, number | undefined]> = [
        ['maxTokens', table.maxTokens, emulated.maxOutputTokens ?? 4096],
        ['contextWindow', table.contextWindow, emulated.contextWindow],
      ];
      for (const [name, ours, theirs] of limits) {
        if (theirs !== undefined && ours !== theirs)
          differences.push(`${id} ${name}: table ${ours}, emulator ${theirs}`);
      }
    }
    expect(differences).toEqual(KNOWN_LIMIT_DIFFERENCES);
  });
});
