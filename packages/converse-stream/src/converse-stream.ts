import { randomUUID } from 'node:crypto';
import type { ConverseStreamCommandInput } from '@aws-sdk/client-bedrock-runtime';
import {
  type AttemptEnd,
  type AttemptReason,
  type AttemptStart,
  attemptServer,
  observeAttempt,
} from './attempt-observer.js';
import { runtimeClientFor } from './client-pool.js';
import { sleep } from './clock.js';
import { isOnDemandUnsupportedMessage } from './context-overflow.js';
import { ConverseStreamError } from './errors.js';
import type { BedrockStreamEvent, StreamWarning } from './events.js';
import { type ConverseStreamOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { fallbackProfileId } from './profile-fallback.js';
import { regionForModel } from './region-for-model.js';
import { repairConverseRequest } from './repairs.js';
import { type RetryPolicy, retryDelayMs, shouldRetry } from './retry-policy.js';
import { AttemptFailure, abortedError, type StreamState, streamAttempt } from './stream-attempt.js';
import { validateConverseRequest } from './validation.js';

export interface BedrockEventStream extends AsyncIterable<BedrockStreamEvent> {
  /** Repairs, profile fallbacks and retries made on the caller's behalf (filled while streaming). */
  readonly warnings: StreamWarning[];
  /** The request id of the attempt that answered (set once it answered). */
  readonly requestId: string | undefined;
  /** The model id actually called (an inference profile after a fallback). */
  readonly modelId: string;
}

class ConverseEventStream implements BedrockEventStream {
  readonly warnings: StreamWarning[] = [];
  private readonly state: StreamState = {
    messageStartEmitted: false,
    contentEmitted: false,
    requestId: undefined,
  };
  private calledModelId: string;
  private started = false;

  constructor(
    private readonly input: ConverseStreamCommandInput,
    private readonly options: ConverseStreamOptions,
  ) {
    this.calledModelId = typeof input?.modelId === 'string' ? input.modelId : '';
  }

  get requestId(): string | undefined {
    return this.state.requestId;
  }

  get modelId(): string {
    return this.calledModelId;
  }

  [Symbol.asyncIterator](): AsyncIterator<BedrockStreamEvent> {
    if (this.started) {
      throw new ConverseStreamError({
        code: 'validation',
        rule: 'single_use',
        message: 'A BedrockEventStream can be iterated only once',
      });
    }
    this.started = true;
    return this.run();
  }

  private prepare(options: ResolvedOptions): ConverseStreamCommandInput {
    let request = this.input;
    if (options.repair) {
      const repaired = repairConverseRequest(request);
      request = repaired.input;
      this.warnings.push(...repaired.warnings);
    }
    validateConverseRequest(
      request,
      options.maxTokensLimit === undefined ? {} : { maxTokensLimit: options.maxTokensLimit },
    );
    return request;
  }

  private async *run(): AsyncGenerator<BedrockStreamEvent, void> {
    const options = resolveOptions(this.options);
    const request = this.prepare(options);
    const { connection, signal, profileFor } = this.options;
    const policy: RetryPolicy = {
      maxAttempts: options.maxAttempts,
      baseMs: options.retryBaseMs,
      throttlingBaseMs: options.throttlingBaseMs,
      random: options.random,
    };
    const invocationId = randomUUID();
    let modelId = request.modelId!;
    let region = regionForModel(connection, modelId);
    let triedProfile = false;
    let spent = 0;
    if (signal?.aborted) throw abortedError(signal);

    let reason: AttemptReason = 'initial';
    let previous: AttemptStart['previous'];
    let delayMs: number | undefined;

    for (let attempt = 1; ; attempt++) {
      spent++;
      const end = observeAttempt(this.options.onAttempt, {
        attempt: spent,
        reason,
        modelId,
        region,
        server: attemptServer(connection, region),
        ...(previous ? { previous } : {}),
        ...(delayMs !== undefined ? { delayMs } : {}),
      });
      try {
        const client = runtimeClientFor(connection, region);
        const attemptRequest = modelId === request.modelId ? request : { ...request, modelId };
        yield* streamAttempt(
          { client, request: attemptRequest, options, signal, invocationId, attempt },
          this.state,
        );
        end({ outcome: 'ok', ...this.answer() });
        return;
      } catch (thrown) {
        if (!(thrown instanceof AttemptFailure)) {
          end({ outcome: 'error' });
          throw thrown;
        }
        const { error } = thrown;
        error.attempts = spent;
        // Once content reached the caller, a retry would duplicate it: never.
        const final = this.state.contentEmitted || error.code === 'aborted' || error.code === 'timeout';
        const profile =
          final ||
          triedProfile ||
          error.code !== 'validation' ||
          !isOnDemandUnsupportedMessage(error.awsMessage)
            ? undefined
            : fallbackProfileId(modelId, region, profileFor);
        const retry = !final && !profile && shouldRetry(error, attempt, policy);
        end({
          outcome: error.code === 'aborted' ? 'cancelled' : 'error',
          error,
          willRetry: profile !== undefined || retry,
          ...(error.requestId ? { requestId: error.requestId } : {}),
        });
        if (final) throw error;
        previous = { code: error.code, ...(error.awsName ? { awsName: error.awsName } : {}) };
        if (profile) {
          triedProfile = true;
          this.warnings.push({
            code: 'inference_profile_fallback',
            message: `${modelId} has no on-demand throughput in ${region}; retried through inference profile ${profile}`,
          });
          modelId = profile;
          this.calledModelId = profile;
          region = regionForModel(connection, profile);
          reason = 'inference_profile_fallback';
          delayMs = undefined;
          attempt--;
          continue;
        }
        if (!retry) throw error;
        const delay = retryDelayMs(error, attempt, policy, thrown.retryAfterMs);
        this.warnings.push({
          code: 'retried',
          message: `Attempt ${attempt} failed before any content (${error.code}${error.awsName ? `, ${error.awsName}` : ''}); retrying in ${delay} ms`,
        });
        reason = 'retry';
        delayMs = delay;
        try {
          await sleep(options.clock, delay, signal);
        } catch {
          throw abortedError(signal!, this.state.requestId);
        }
      } finally {
        // The consumer stopped reading mid-attempt (a `break`, the client gone); idempotent otherwise.
        end({ outcome: 'cancelled', ...this.answer() });
      }
    }
  }

  /** What the answering attempt reported, for its observer. */
  private answer(): Pick<AttemptEnd, 'requestId' | 'stopReason' | 'usage'> {
    const { requestId, stopReason, usage } = this.state;
    return {
      ...(requestId ? { requestId } : {}),
      ...(stopReason ? { stopReason } : {}),
      ...(usage ? { usage } : {}),
    };
  }
}

/**
 * Streams a Bedrock ConverseStream response as typed events. The request is repaired (if asked)
 * and validated before anything is sent; throttling and transient failures are retried only
 * before the first content event; every failure is a `ConverseStreamError`.
 */
export function converseStream(
  input: ConverseStreamCommandInput,
  options: ConverseStreamOptions,
): BedrockEventStream {
  return new ConverseEventStream(input, options);
}
