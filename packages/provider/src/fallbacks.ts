// Fallbacks: try each model in order while the current one fails before its first content with an error a
// different model may not have (retryable, not found, not ready, access denied). Never after content streamed.
import type { ProviderErrorCode } from './error-codes.js';
import { ProviderError } from './errors.js';
import { refOf } from './model-catalog.js';
import type { CallOptions, Context, ModelSpec } from './spec.js';
import type { StreamPart, Warning } from './stream-parts.js';
import type { UpstreamAttemptObserver } from './upstream-attempt.js';

const SWITCH_CODES: ReadonlySet<ProviderErrorCode> = new Set([
  'not_found',
  'unknown_model',
  'model_not_ready',
  'access_denied',
  'no_provider',
]);

/** Whether a failure before the first token justifies trying the next model. */
export function shouldFallBack(error: ProviderError): boolean {
  return error.code !== 'aborted' && (error.retryable || SWITCH_CODES.has(error.code));
}

/** Parts that carry no content: a failing attempt's are dropped, the answering attempt's are passed on. */
const isPreamble = (part: StreamPart) => part.type === 'stream-start' || part.type === 'warning';

export interface FallbackOptions extends CallOptions {
  /** Streams one model (an Outcrop instance's `stream`). */
  streamModel: (model: ModelSpec, context: Context, options: CallOptions) => AsyncIterable<StreamPart>;
}

export async function* streamWithFallbacks(
  models: readonly ModelSpec[],
  context: Context,
  options: FallbackOptions,
): AsyncIterable<StreamPart> {
  const { streamModel, ...callOptions } = options;
  const switches: Warning[] = [];
  // Attempts are numbered across the models; the first attempt on a fallback model says why it was made.
  let attempts = 0;
  let switchedFrom: ProviderError | undefined;
  const observerFor = (index: number): UpstreamAttemptObserver | undefined => {
    const { onAttempt } = callOptions;
    if (!onAttempt) return undefined;
    return (attempt) =>
      onAttempt({
        ...attempt,
        attempt: ++attempts,
        ...(index > 0 && attempt.attempt === 1 && switchedFrom
          ? { reason: 'model_fallback', previous: { code: switchedFrom.code } }
          : {}),
      });
  };
  for (const [index, model] of models.entries()) {
    const next = models[index + 1];
    const preamble: StreamPart[] = [];
    let committed = false;
    const onAttempt = observerFor(index);
    const modelOptions = onAttempt ? { ...callOptions, onAttempt } : callOptions;
    for await (const part of streamModel(model, context, modelOptions)) {
      if (committed) {
        yield part;
        continue;
      }
      if (isPreamble(part)) {
        preamble.push(part);
        continue;
      }
      if (part.type === 'error' && next && !options.signal?.aborted && shouldFallBack(part.error)) {
        switchedFrom = part.error;
        switches.push({
          code: 'fallback',
          message: `${refOf(model)} failed before its first token (${part.error.code}: ${part.error.message}); trying ${refOf(next)}.`,
        });
        break;
      }
      committed = true;
      yield* withSwitchWarnings(preamble, switches);
      yield part;
    }
    if (committed) return;
  }
  if (!models.length) {
    yield {
      type: 'error',
      error: new ProviderError('validation', 'streamWithFallbacks needs at least one model.'),
    };
  }
}

/** stream-start stays first; the fallback warnings follow it. */
function* withSwitchWarnings(preamble: StreamPart[], switches: Warning[]): Iterable<StreamPart> {
  const start = preamble[0]?.type === 'stream-start' ? preamble.shift() : undefined;
  if (start) yield start;
  for (const warning of switches) yield { type: 'warning', warning };
  yield* preamble;
}
