import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError } from './errors.js';
import { getApi, hasApi, listApis, registerApi, unregisterApi } from './registry.js';
import type { ProviderV1 } from './spec.js';

const fake = (api: string): ProviderV1 => ({
  specificationVersion: 'v1',
  api,
  stream: async function* () {
    yield { type: 'error', error: new ProviderError('internal', 'not used') };
  },
});

afterEach(() => {
  unregisterApi('test-api');
  unregisterApi('bedrock-converse-stream');
});

describe('registry', () => {
  it('has bedrock-converse-stream built in', () => {
    expect(hasApi('bedrock-converse-stream')).toBe(true);
    expect(listApis()).toContain('bedrock-converse-stream');
  });

  it('registers, looks up and unregisters an implementation', async () => {
    const provider = fake('test-api');
    const undo = registerApi('test-api', provider);
    expect(await getApi('test-api')).toBe(provider);
    undo();
    expect(await getApi('test-api')).toBeUndefined();
    expect(unregisterApi('test-api')).toBe(false);
  });

  it('calls a lazy loader once, on first use', async () => {
    let calls = 0;
    registerApi('test-api', async () => {
      calls++;
      return fake('test-api');
    });
    expect(calls).toBe(0);
    const [a, b] = await Promise.all([getApi('test-api'), getApi('test-api')]);
    expect(a).toBe(b);
    expect(calls).toBe(1);
  });

  it('retries a loader that failed, with a typed error the first time', async () => {
    let calls = 0;
    const provider = fake('test-api');
    const network = new Error('network');
    registerApi('test-api', async () => {
      if (++calls === 1) throw network;
      return provider;
    });
    const first = await getApi('test-api').catch((error: unknown) => error);
    expect(first).toBeInstanceOf(ProviderError);
    expect(first).toMatchObject({
      code: 'no_provider',
      message: 'Loading the implementation of API "test-api" failed.',
      cause: network,
    });
    await expect(getApi('test-api')).resolves.toBe(provider);
    expect(calls).toBe(2);
    // Once loaded it stays loaded: no third load.
    await expect(getApi('test-api')).resolves.toBe(provider);
    expect(calls).toBe(2);
  });

  it('rejects something that is not a v1 provider', async () => {
    expect(() => registerApi('test-api', { api: 'x' } as unknown as ProviderV1)).toThrow(/v1 provider/);
    registerApi('test-api', async () => ({ specificationVersion: 'v2' }) as unknown as ProviderV1);
    await expect(getApi('test-api')).rejects.toMatchObject({ code: 'validation' });
  });

  it('unregistering an overridden built-in restores the built-in', async () => {
    const provider = fake('bedrock-converse-stream');
    registerApi('bedrock-converse-stream', provider);
    expect(await getApi('bedrock-converse-stream')).toBe(provider);
    unregisterApi('bedrock-converse-stream');
    expect(hasApi('bedrock-converse-stream')).toBe(true);
    expect(await getApi('bedrock-converse-stream')).not.toBe(provider);
  });
});
