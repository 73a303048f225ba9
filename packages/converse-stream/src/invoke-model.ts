// Bedrock InvokeModel with a JSON body and a JSON answer (embedding models answer only through it), over the same
// pooled client as ConverseStream, with the same retry policy for throttling and transient service errors.
// AWS: `POST /model/{modelId}/invoke`; the body is the model family's own JSON (model-parameters.html). Bedrock
// reports the input tokens it billed in the `x-amzn-bedrock-input-token-count` response header, which the SDK's
// output does not carry, so a middleware reads it off the raw response.
import { InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import type { BedrockConnection } from '@outcrop/credentials';
import { classifyError } from './classify.js';
import { runtimeClientFor } from './client-pool.js';
import { type StreamClock, sleep, systemClock } from './clock.js';
import { ConverseStreamError } from './errors.js';
import { regionForModel } from './region-for-model.js';
import { retryDelayMs, shouldRetry } from './retry-policy.js';
import { abortedError } from './stream-attempt.js';

export interface InvokeModelOptions {
  connection: BedrockConnection;
  signal?: AbortSignal;
  /** Attempts for throttling and transient service errors (default 3). */
  maxAttempts?: number;
  /** Backoff base in ms (default 250; throttling 4x). */
  retryBaseMs?: number;
  clock?: StreamClock;
  random?: () => number;
}

export interface InvokeModelResult {
  /** The model's JSON answer. */
  body: unknown;
  requestId: string | undefined;
  /** Bedrock's own count of the input tokens, when the response header carried it. */
  inputTokens: number | undefined;
  /** Attempts spent (1 without retries). */
  attempts: number;
}

/** One InvokeModel call with a JSON body; typed ConverseStreamError on failure (after retries). */
export async function invokeModel(
  modelId: string,
  body: unknown,
  options: InvokeModelOptions,
): Promise<InvokeModelResult> {
  const client = runtimeClientFor(options.connection, regionForModel(options.connection, modelId));
  const baseMs = options.retryBaseMs ?? 250;
  const policy = {
    maxAttempts: options.maxAttempts ?? 3,
    baseMs,
    throttlingBaseMs: options.retryBaseMs !== undefined ? baseMs * 4 : 1000,
    random: options.random ?? Math.random,
  };
  const payload = new TextEncoder().encode(JSON.stringify(body));
  for (let attempt = 1; ; attempt++) {
    let headers: Record<string, string | undefined> = {};
    const command = new InvokeModelCommand({
      modelId,
      body: payload,
      contentType: 'application/json',
      accept: 'application/json',
    });
    command.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        headers = (result.response as { headers?: Record<string, string | undefined> }).headers ?? {};
        return result;
      },
      { step: 'deserialize', name: 'outcropInvokeHeaders' },
    );
    try {
      const output = await client.send(command, options.signal ? { abortSignal: options.signal } : {});
      const text = new TextDecoder().decode(output.body);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new ConverseStreamError({
          code: 'protocol',
          message: `${modelId} answered InvokeModel with a body that is not JSON.`,
          requestId: output.$metadata.requestId,
        });
      }
      const header = headers['x-amzn-bedrock-input-token-count'];
      const counted = header === undefined ? Number.NaN : Number(header);
      return {
        body: json,
        requestId: output.$metadata.requestId,
        inputTokens: Number.isInteger(counted) && counted >= 0 ? counted : undefined,
        attempts: attempt,
      };
    } catch (thrown) {
      if (options.signal?.aborted) throw abortedError(options.signal);
      const error = classifyError(thrown, { attempts: attempt });
      error.attempts = attempt;
      if (!shouldRetry(error, attempt, policy)) throw error;
      try {
        await sleep(options.clock ?? systemClock, retryDelayMs(error, attempt, policy), options.signal);
      } catch {
        throw abortedError(options.signal!);
      }
    }
  }
}
