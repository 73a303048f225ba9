import { describe, expect, it } from 'vitest';
import { formatModelRef, ModelRefError, parseModelRef } from './model-ref.js';

const arn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc';

describe('parseModelRef', () => {
  it('splits on the first "/" only, so ARNs survive', () => {
    expect(parseModelRef(`amazon-bedrock/${arn}`)).toEqual({ provider: 'amazon-bedrock', model: arn });
    expect(parseModelRef('amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0')).toEqual({
      provider: 'amazon-bedrock',
      model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    });
    expect(parseModelRef('openrouter/meta/llama-3')).toEqual({
      provider: 'openrouter',
      model: 'meta/llama-3',
    });
  });

  it('reads a bare Bedrock ARN as an amazon-bedrock ref', () => {
    expect(parseModelRef(arn)).toEqual({ provider: 'amazon-bedrock', model: arn });
    expect(parseModelRef('arn:aws-us-gov:bedrock:us-gov-west-1:1:inference-profile/x')).toMatchObject({
      provider: 'amazon-bedrock',
    });
  });

  it('rejects refs without a provider, with empty parts or with whitespace', () => {
    for (const [ref, message] of [
      [
        'sonnet',
        'model ref "sonnet" names no provider: write "provider/sonnet" (for example "amazon-bedrock/sonnet")',
      ],
      ['/m', 'invalid model ref "/m": the provider before "/" is empty'],
      ['p/', 'invalid model ref "p/": the model after "/" is empty'],
      ['', 'invalid model ref "": a model ref cannot be empty'],
      [' p/m', 'invalid model ref " p/m": a model ref cannot contain whitespace'],
    ] as const) {
      let error: unknown;
      try {
        parseModelRef(ref);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ModelRefError);
      expect(error).toMatchObject({ code: 'model_ref_invalid', ref, message });
    }
  });
});

describe('formatModelRef', () => {
  it('round-trips with parseModelRef', () => {
    for (const ref of [
      { provider: 'amazon-bedrock', model: arn },
      { provider: 'amazon-bedrock', model: 'anthropic.claude-3-7-sonnet-20250219-v1:0' },
      { provider: 'openrouter', model: 'meta/llama-3' },
    ]) {
      expect(parseModelRef(formatModelRef(ref))).toEqual(ref);
    }
    expect(formatModelRef(parseModelRef(`amazon-bedrock/${arn}`))).toBe(`amazon-bedrock/${arn}`);
  });

  it('refuses refs that would not parse back', () => {
    expect(() => formatModelRef({ provider: 'a/b', model: 'm' })).toThrow(ModelRefError);
    expect(() => formatModelRef({ provider: '', model: 'm' })).toThrow(ModelRefError);
    expect(() => formatModelRef({ provider: 'p', model: '' })).toThrow('the model after "/" is empty');
  });

  it('is recognised across package copies', () => {
    expect(ModelRefError.isInstance(new ModelRefError('model_ref_unknown', 'x', 'm'))).toBe(true);
    expect(ModelRefError.isInstance(new Error('m'))).toBe(false);
  });
});
