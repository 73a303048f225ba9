import { describe, expect, it } from 'vitest';
import { ModelRefError } from './model-ref.js';
import { parseConfig } from './parse-config.js';
import { agentModels, resolveModelRef } from './resolve-model-ref.js';

const config = parseConfig(
  `{
    models: { providers: {
      'amazon-bedrock': { models: [{ id: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' }, { id: 'amazon.nova-pro-v1:0' }] },
      'bedrock-eu': { region: 'eu-west-1', models: [{ id: 'amazon.nova-pro-v1:0' }] },
    } },
    agents: { defaults: {
      model: 'sonnet',
      models: { 'amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0': { alias: 'sonnet' } },
    } },
  }`,
  { env: {} },
);

function failure(ref: string, knownRefs?: string[]): ModelRefError {
  try {
    resolveModelRef(ref, { config, ...(knownRefs ? { knownRefs } : {}) });
  } catch (error) {
    if (error instanceof ModelRefError) return error;
    throw error;
  }
  throw new Error(`expected "${ref}" to fail`);
}

describe('resolveModelRef', () => {
  it('takes provider/model refs as written', () => {
    expect(resolveModelRef('bedrock-eu/anything', { config })).toEqual({
      provider: 'bedrock-eu',
      model: 'anything',
    });
  });

  it('resolves aliases', () => {
    expect(resolveModelRef('sonnet', { config })).toEqual({
      provider: 'amazon-bedrock',
      model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    });
  });

  it('resolves a bare id that exactly one provider offers, including known refs from discovery', () => {
    expect(resolveModelRef('us.anthropic.claude-sonnet-4-5-20250929-v1:0', { config })).toMatchObject({
      provider: 'amazon-bedrock',
    });
    expect(
      resolveModelRef('meta.llama3-70b', { config, knownRefs: ['amazon-bedrock/meta.llama3-70b'] }),
    ).toEqual({
      provider: 'amazon-bedrock',
      model: 'meta.llama3-70b',
    });
  });

  it('refuses an ambiguous bare id and lists the candidates', () => {
    const error = failure('amazon.nova-pro-v1:0');
    expect(error.code).toBe('model_ref_ambiguous');
    expect(error.candidates).toEqual([
      'amazon-bedrock/amazon.nova-pro-v1:0',
      'bedrock-eu/amazon.nova-pro-v1:0',
    ]);
    expect(error.message).toBe(
      'model "amazon.nova-pro-v1:0" is offered by several providers: amazon-bedrock/amazon.nova-pro-v1:0, bedrock-eu/amazon.nova-pro-v1:0; write one of them in full',
    );
  });

  it('refuses an unknown bare id and lists the closest candidates first', () => {
    const error = failure('sonet');
    expect(error.code).toBe('model_ref_unknown');
    expect(error.candidates[0]).toBe('sonnet');
    expect(error.message.startsWith('unknown model "sonet"; closest: sonnet, ')).toBe(true);
  });

  it('says when nothing is configured at all', () => {
    const empty = parseConfig('', { env: {} });
    expect(() => resolveModelRef('sonnet', { config: empty })).toThrow(
      'unknown model "sonnet": no models are configured; write "provider/model"',
    );
  });

  it('rejects malformed refs and skips malformed known refs', () => {
    expect(failure('has space').code).toBe('model_ref_invalid');
    expect(failure('x', ['/broken', 'p/x', 'q/x']).code).toBe('model_ref_ambiguous');
    expect(resolveModelRef('y', { config, knownRefs: ['/y', 'p/y'] })).toEqual({ provider: 'p', model: 'y' });
  });
});

describe('agentModels', () => {
  it('normalises a string and { primary, fallbacks }', () => {
    expect(agentModels(config)).toEqual({ primary: 'sonnet', fallbacks: [] });
    const both = parseConfig(
      "{ agents: { defaults: { model: { primary: 'a/b', fallbacks: ['c/d', 'e'] } } } }",
      {
        env: {},
      },
    );
    expect(agentModels(both)).toEqual({ primary: 'a/b', fallbacks: ['c/d', 'e'] });
    expect(
      agentModels(parseConfig("{ agents: { defaults: { model: { fallbacks: ['c/d'] } } } }", { env: {} })),
    ).toEqual({ fallbacks: ['c/d'] });
  });
});
