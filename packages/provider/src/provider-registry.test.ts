import { describe, expect, it } from 'vitest';
import { ProviderError } from './errors.js';
import { createProviderRegistry } from './provider-registry.js';
import type { ProviderV1 } from './spec.js';

const provider: ProviderV1 = {
  specificationVersion: 'v1',
  api: 'test-api',
  async *stream() {},
};

describe('createProviderRegistry', () => {
  it('registers, returns and unregisters an implementation; each registry is its own', async () => {
    const registry = createProviderRegistry();
    const other = createProviderRegistry();
    const undo = registry.register('test-api', provider);
    expect(await registry.get('test-api')).toBe(provider);
    expect(other.has('test-api')).toBe(false);
    undo();
    expect(await registry.get('test-api')).toBeUndefined();
    expect(registry.unregister('test-api')).toBe(false);
  });

  it('runs a loader once, even for concurrent first uses, and retries a failed load', async () => {
    const registry = createProviderRegistry();
    let calls = 0;
    registry.register('test-api', async () => {
      calls++;
      return provider;
    });
    const [a, b] = await Promise.all([registry.get('test-api'), registry.get('test-api')]);
    expect(a).toBe(provider);
    expect(b).toBe(provider);
    expect(calls).toBe(1);
    let flakyCalls = 0;
    const boom = new Error('boom');
    registry.register('flaky', async () => {
      if (++flakyCalls === 1) throw boom;
      return provider;
    });
    const first = await registry.get('flaky').catch((error: unknown) => error);
    expect(first).toBeInstanceOf(ProviderError);
    expect(first).toMatchObject({
      code: 'no_provider',
      message: 'Loading the implementation of API "flaky" failed.',
      cause: boom,
    });
    await expect(registry.get('flaky')).resolves.toBe(provider);
    expect(flakyCalls).toBe(2);
    // Once loaded it stays loaded: no third load.
    await expect(registry.get('flaky')).resolves.toBe(provider);
    expect(flakyCalls).toBe(2);
  });

  it('rejects something that is not a v1 provider', async () => {
    const registry = createProviderRegistry();
    expect(() => registry.register('test-api', { api: 'x' } as unknown as ProviderV1)).toThrow(/v1 provider/);
    registry.register('test-api', async () => ({ specificationVersion: 'v2' }) as unknown as ProviderV1);
    await expect(registry.get('test-api')).rejects.toMatchObject({ code: 'validation' });
  });

  it('restores a built-in after an override is unregistered', async () => {
    const builtIn: ProviderV1 = { ...provider, api: 'built-in' };
    const registry = createProviderRegistry({ 'built-in': async () => builtIn });
    registry.register('built-in', provider);
    expect(await registry.get('built-in')).toBe(provider);
    registry.unregister('built-in');
    expect(registry.has('built-in')).toBe(true);
    expect(await registry.get('built-in')).toBe(builtIn);
  });

  it('names the registered APIs when one is missing', async () => {
    const registry = createProviderRegistry({ 'bedrock-converse-stream': async () => provider });
    await expect(registry.require('bedrock-converse', 'amazon-bedrock/x')).rejects.toMatchObject({
      code: 'no_provider',
      message: expect.stringContaining('did you mean "bedrock-converse-stream"'),
    });
  });
});
