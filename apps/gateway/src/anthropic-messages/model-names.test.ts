import { describe, expect, it } from 'vitest';
import { bedrockIdForClaude } from './model-names.js';

const ids = [
  'amazon-bedrock/anthropic.claude-sonnet-4-20250514-v1:0',
  'amazon-bedrock/us.anthropic.claude-sonnet-4-20250514-v1:0',
  'amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0',
  'amazon-bedrock/global.anthropic.claude-haiku-4-5-20251001-v1:0',
  'amazon-bedrock/amazon.nova-pro-v1:0',
];

describe('bedrockIdForClaude', () => {
  it('resolves undated and dated names to a cross-region profile', () => {
    expect(bedrockIdForClaude('claude-sonnet-4-5', ids)).toBe(ids[2]);
    expect(bedrockIdForClaude('claude-sonnet-4-5-20250929', ids)).toBe(ids[2]);
    expect(bedrockIdForClaude('claude-haiku-4-5-20251001', ids)).toBe(ids[3]);
    expect(bedrockIdForClaude('claude-sonnet-4', ids)).toBe(ids[1]);
    expect(bedrockIdForClaude('claude-sonnet-4-latest', ids)).toBe(ids[1]);
  });

  it('leaves unknown and non-Claude names alone', () => {
    expect(bedrockIdForClaude('claude-opus-9', ids)).toBeUndefined();
    expect(bedrockIdForClaude('claude-sonnet-4-5-20990101', ids)).toBeUndefined();
    expect(bedrockIdForClaude('nova-pro', ids)).toBeUndefined();
  });
});
