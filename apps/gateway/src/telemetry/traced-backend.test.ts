import type { CallOptions, ModelSpec, StreamPart, UpstreamAttempt } from '@outcrop/provider';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend.js';
import { NOOP_TRACE, type RequestTrace } from './request-trace.js';
import { tracedBackend } from './traced-backend.js';

const model = { provider: 'amazon-bedrock', id: 'm', api: 'bedrock-converse-stream' } as ModelSpec;
const attempt: UpstreamAttempt = { attempt: 1, reason: 'initial', modelId: 'm' };

/** A backend whose stream reports one attempt to whatever observer it is given, then finishes. */
function backendReportingAttempts(): Backend {
  return {
    usingEmulator: true,
    listModels: async () => [],
    ready: () => true,
    resolveModel: async () => model,
    countTokens: async () => ({ inputTokens: 1, source: 'estimate' }),
    resolveEmbeddingModel: async () => model,
    embed: async () => ({
      embeddings: [[1]],
      usage: { inputTokens: 1, source: 'estimate' },
      warnings: [],
      calls: 1,
      response: { provider: 'amazon-bedrock', modelId: 'm', requestIds: [] },
    }),
    async *stream(_model, _context, options: CallOptions): AsyncIterable<StreamPart> {
      options.onAttempt?.(attempt)?.({ outcome: 'ok' });
      yield {
        type: 'stream-start',
        model: { provider: 'amazon-bedrock', id: 'm', api: 'bedrock-converse-stream' },
      };
    },
  };
}

function recordingTrace(events: string[]): RequestTrace {
  return {
    ...NOOP_TRACE,
    recording: true,
    requested: (name) => events.push(`requested ${name}`),
    call: (spec) => events.push(`call ${spec.id}`),
    see: (part) => events.push(`see ${part.type}`),
    attempt: (a) => {
      events.push(`trace attempt ${a.reason}`);
      return (end) => events.push(`trace end ${end.outcome}`);
    },
  };
}

describe('tracedBackend', () => {
  it('is the backend itself when the request is not traced', () => {
    const backend = backendReportingAttempts();
    expect(tracedBackend(backend, NOOP_TRACE)).toBe(backend);
  });

  it("records the model, every part, and each attempt, keeping a caller's own observer", async () => {
    const events: string[] = [];
    const traced = tracedBackend(backendReportingAttempts(), recordingTrace(events));
    expect(traced.usingEmulator).toBe(true);
    await traced.resolveModel('alias');
    const own = (a: UpstreamAttempt) => {
      events.push(`own attempt ${a.reason}`);
      return () => void events.push('own end');
    };
    for await (const _ of traced.stream(model, { messages: [] }, { onAttempt: own })) {
      // drain
    }
    expect(events).toEqual([
      'requested alias',
      'call m',
      'own attempt initial',
      'trace attempt initial',
      'own end',
      'trace end ok',
      'see stream-start',
    ]);
  });
});
