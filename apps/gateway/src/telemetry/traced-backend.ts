import type { CallOptions, StreamPart, UpstreamAttemptObserver } from '@outcrop/provider';
import type { Backend } from '../backend.js';
import type { RequestTrace } from './request-trace.js';

/**
 * The backend as one traced request sees it: the model and settings go on the request span, each upstream attempt
 * gets a span through `CallOptions.onAttempt`, and each part the client is sent is seen on its way. Untraced
 * requests get the backend itself: no wrapper, no cost.
 */
export function tracedBackend(backend: Backend, trace: RequestTrace): Backend {
  if (!trace.recording) return backend;
  // Each member delegated by name (no spread): a class-based backend keeps its `this`, and a member added to
  // Backend later fails the type check here instead of being silently dropped.
  return {
    get usingEmulator() {
      return backend.usingEmulator;
    },
    listModels: () => backend.listModels(),
    ready: () => backend.ready(),
    async resolveModel(requested) {
      trace.requested(requested);
      return backend.resolveModel(requested);
    },
    stream(model, context, options) {
      trace.call(model, options);
      const traced: CallOptions = { ...options, onAttempt: both(options.onAttempt, trace.attempt) };
      return seen(backend.stream(model, context, traced), trace);
    },
    countTokens(model, context, options) {
      trace.call(model, options);
      return backend.countTokens(model, context, options);
    },
    async resolveEmbeddingModel(requested) {
      trace.requested(requested);
      return backend.resolveEmbeddingModel(requested);
    },
    // Embeddings are one InvokeModel call per batch, with no stream parts: the request span covers them.
    embed: (model, inputs, options) => backend.embed(model, inputs, options),
  };
}

async function* seen(parts: AsyncIterable<StreamPart>, trace: RequestTrace): AsyncIterable<StreamPart> {
  for await (const part of parts) {
    trace.see(part);
    yield part;
  }
}

/** An observer that tells a caller's own observer too (a router may have set one). */
function both(
  first: UpstreamAttemptObserver | undefined,
  second: UpstreamAttemptObserver,
): UpstreamAttemptObserver {
  if (!first) return second;
  return (attempt) => {
    const a = first(attempt);
    const b = second(attempt);
    if (!a) return b;
    if (!b) return a;
    return (end) => {
      a(end);
      b(end);
    };
  };
}
