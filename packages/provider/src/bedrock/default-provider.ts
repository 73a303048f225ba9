// The built-in provider the registry loads: converse-stream over the AWS SDK.
import { ProviderError } from '../errors.js';
import type { ProviderV1 } from '../spec.js';
import { type BedrockProviderSettings, createBedrockProviderWith } from './provider.js';

export function createBedrockProvider(settings: BedrockProviderSettings = {}): ProviderV1 {
  return createBedrockProviderWith({
    ...settings,
    transport:
      settings.transport ??
      (() => {
        throw new ProviderError('no_provider', 'The converse-stream transport is not wired yet.');
      }),
  });
}
