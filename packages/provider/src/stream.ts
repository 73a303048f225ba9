// stream(): looks up the model's API and runs it inside guardStream, so the contract holds whatever
// the implementation does.
import { ProviderError } from './errors.js';
import { guardStream } from './guard-stream.js';
import { getApi } from './registry.js';
import type { CallOptions, Context, ModelSpec } from './spec.js';
import type { StreamPart } from './stream-parts.js';

export function stream(
  model: ModelSpec,
  context: Context,
  options: CallOptions = {},
): AsyncIterable<StreamPart> {
  return guardStream(async function* () {
    const provider = await getApi(model.api);
    if (!provider) {
      throw new ProviderError('no_provider', `No provider is registered for API "${model.api}".`, {
        location: `${model.provider}/${model.id}`,
      });
    }
    yield* provider.stream(model, context, options);
  }, options.signal);
}
