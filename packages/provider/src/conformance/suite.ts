// The conformance cases a provider author runs with any test runner:
//   for (const c of providerConformanceCases(options)) it(c.name, c.run);
import type { CallOptions, Context, ModelSpec, ProviderV1, ToolDefinition } from '../spec.js';
import type { StreamPart } from '../stream-parts.js';
import { assertConformingStream, ConformanceError } from './check-stream.js';

export interface ConformanceOptions {
  provider: ProviderV1;
  /** A model the provider answers with text. */
  model: ModelSpec;
  /** A prompt answered with text, long enough for several deltas. */
  textPrompt?: string;
  /** A tool the model calls when `toolChoice` is 'required' (omit when the provider has no tools). */
  toolCall?: { prompt: string; tool: ToolDefinition };
  /** A model or context the upstream rejects, to check that failures arrive as typed error parts. */
  failure?: { model?: ModelSpec; context?: Context; options?: CallOptions };
  /** Upper bound on parts read from one stream (default 10 000), so a runaway stream fails instead of hanging. */
  maxParts?: number;
}

export interface ConformanceCase {
  name: string;
  run: () => Promise<void>;
}

/** Reads a whole stream into an array, bounded by maxParts. */
export async function collectParts(
  parts: AsyncIterable<StreamPart>,
  maxParts = 10_000,
): Promise<StreamPart[]> {
  const out: StreamPart[] = [];
  for await (const part of parts) {
    out.push(part);
    if (out.length > maxParts) throw new ConformanceError(`the stream exceeded ${maxParts} parts`);
  }
  return out;
}

export function providerConformanceCases(options: ConformanceOptions): ConformanceCase[] {
  const { provider, model } = options;
  const maxParts = options.maxParts ?? 10_000;
  const textContext: Context = {
    messages: [{ role: 'user', content: options.textPrompt ?? 'Say hello in a few words, please.' }],
  };
  const run = (context: Context, callOptions?: CallOptions, target = model) =>
    collectParts(provider.stream(target, context, callOptions), maxParts);

  const cases: ConformanceCase[] = [
    {
      name: 'declares specificationVersion v1 and an api',
      run: async () => {
        check(
          provider.specificationVersion === 'v1',
          `specificationVersion is ${provider.specificationVersion}`,
        );
        check(typeof provider.api === 'string' && provider.api.length > 0, 'api must be a non-empty string');
      },
    },
    {
      name: 'text: well-formed parts ending in one finish',
      run: async () => {
        const parts = await run(textContext);
        assertConformingStream(parts);
        const finish = parts.at(-1);
        check(finish?.type === 'finish', `expected finish, got ${describe(finish)}`);
        const text = parts.flatMap((p) => (p.type === 'text-delta' ? [p.delta] : [])).join('');
        check(text.length > 0, 'expected some text deltas');
      },
    },
    {
      name: 'stream() returns at once and never throws for bad input',
      run: async () => {
        let iterable: AsyncIterable<StreamPart> | undefined;
        const badContext = { messages: 'not an array' } as unknown as Context;
        try {
          iterable = provider.stream(model, badContext);
        } catch (error) {
          throw new ConformanceError(`stream() threw synchronously: ${String(error)}`);
        }
        const parts = await collectParts(iterable, maxParts).catch((error: unknown) => {
          throw new ConformanceError(`iterating threw instead of yielding an error part: ${String(error)}`);
        });
        assertConformingStream(parts);
      },
    },
    {
      name: 'abort before start: one error part with code aborted',
      run: async () => {
        const controller = new AbortController();
        controller.abort();
        const parts = await run(textContext, { signal: controller.signal });
        assertConformingStream(parts);
        const last = parts.at(-1);
        check(
          last?.type === 'error' && last.error.code === 'aborted',
          `expected aborted, got ${describe(last)}`,
        );
      },
    },
    {
      name: 'abort mid-stream: the stream ends with one terminal part, aborted if it is an error',
      run: async () => {
        const controller = new AbortController();
        const parts: StreamPart[] = [];
        for await (const part of provider.stream(model, textContext, { signal: controller.signal })) {
          parts.push(part);
          if (part.type === 'text-delta') controller.abort();
          if (parts.length > maxParts) throw new ConformanceError(`the stream exceeded ${maxParts} parts`);
        }
        assertConformingStream(parts);
        const last = parts.at(-1);
        if (last?.type === 'error')
          check(last.error.code === 'aborted', `expected aborted, got ${last.error.code}`);
      },
    },
    {
      name: 'breaking out of the loop releases the stream',
      run: async () => {
        const iterator = provider.stream(model, textContext)[Symbol.asyncIterator]();
        await iterator.next();
        await iterator.return?.();
      },
    },
  ];

  if (options.toolCall) {
    const { prompt, tool } = options.toolCall;
    cases.push({
      name: 'tool call: start/delta/end with parsed arguments and finish reason tool-calls',
      run: async () => {
        const parts = await run(
          { messages: [{ role: 'user', content: prompt }], tools: [tool] },
          {
            toolChoice: 'required',
          },
        );
        assertConformingStream(parts);
        const end = parts.find((p) => p.type === 'tool-call-end');
        check(end?.type === 'tool-call-end' && end.toolName === tool.name, `expected a call of ${tool.name}`);
        check(
          typeof end.arguments === 'object' && end.arguments !== null,
          'arguments must be parsed to an object',
        );
        const last = parts.at(-1);
        check(last?.type === 'finish' && last.finishReason === 'tool-calls', `got ${describe(last)}`);
      },
    });
  }

  if (options.failure) {
    const failure = options.failure;
    cases.push({
      name: 'upstream failure: a typed error part (code, retryable, httpStatus, marker)',
      run: async () => {
        const parts = await run(failure.context ?? textContext, failure.options, failure.model ?? model);
        assertConformingStream(parts);
        const last = parts.at(-1);
        check(last?.type === 'error', `expected an error part, got ${describe(last)}`);
      },
    });
  }
  return cases;
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ConformanceError(message);
}

function describe(part: StreamPart | undefined): string {
  if (!part) return 'no part';
  if (part.type === 'error') return `error ${part.error.code}: ${part.error.message}`;
  if (part.type === 'finish') return `finish ${part.finishReason} (${part.rawStopReason})`;
  return part.type;
}
