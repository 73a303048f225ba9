// The built-in amazon-bedrock provider: converse-stream over the AWS SDK, a connection per
// (region, baseUrl) resolved once by @outcrop/credentials, capabilities from discovery's table.
import {
  type AttemptEnd,
  type AttemptObserver,
  type ConverseStreamOptions,
  converseStream,
  countTokens,
  invokeModel,
} from '@outcrop/converse-stream';
import { type BedrockConnection, type Env, resolveBedrockConnection } from '@outcrop/credentials';
import {
  baseModelIdOf,
  lookupCapabilities,
  needsIdentityLookup,
  profileIdsFor,
  resolveModelIdentity,
} from '@outcrop/discovery';
import type { ModelSpec, ProviderV1 } from '../spec.js';
import type { UpstreamAttemptEnd, UpstreamAttemptObserver } from '../upstream-attempt.js';
import type { BedrockConverseRequest } from './bedrock-types.js';
import type { BedrockInvoker } from './embed.js';
import type { CapabilityLookup } from './model-traits.js';
import {
  type BedrockProviderSettings,
  type BedrockTokenCounter,
  type BedrockTransport,
  createBedrockProviderWith,
} from './provider.js';

// No `repair`: the message mapping already makes the request valid (blank text, turns, tool ids), so the
// transport's repairs would do the same work twice.
type TransportTuning = Pick<
  ConverseStreamOptions,
  'firstEventTimeoutMs' | 'idleTimeoutMs' | 'maxAttempts' | 'retryBaseMs'
>;

export interface BedrockProviderConfig extends Omit<BedrockProviderSettings, 'transport'> {
  /** A fixed connection, or one per model; default: resolved from the environment per region and baseUrl. */
  connection?: BedrockConnection | ((model: ModelSpec) => Promise<BedrockConnection>);
  /** Environment for credential, region and endpoint resolution (default process.env). */
  env?: Env;
  homeDir?: string;
  /** Timeouts and retries of the transport (converse-stream's defaults otherwise). */
  transport?: TransportTuning;
}

type ConverseInput = Parameters<typeof converseStream>[0];

export function createBedrockProvider(options: BedrockProviderConfig = {}): ProviderV1 {
  const connectionFor = connectionResolver(options);
  const lookup: CapabilityLookup = options.lookupCapabilities ?? lookupCapabilities;
  const transport: BedrockTransport = async (
    request: BedrockConverseRequest,
    { model, signal, preflight, onAttempt },
  ) => {
    const connection = await connectionFor(model);
    // With pre-flight checks off, the caller knows better than the table: no output limit check either.
    const maxTokensLimit = preflight === false ? undefined : (model.maxTokens ?? lookup(model.id)?.maxTokens);
    // Structurally the SDK's ConverseStreamCommandInput; our narrower types keep the mapping honest.
    return converseStream(request as ConverseInput, {
      ...options.transport,
      repair: false,
      connection,
      ...(signal ? { signal } : {}),
      ...(maxTokensLimit ? { maxTokensLimit } : {}),
      ...(onAttempt ? { onAttempt: attemptObserver(onAttempt) } : {}),
      profileFor: (baseModelId, region) =>
        lookup(baseModelId) ? profileIdsFor(baseModelId, region)[0] : undefined,
    });
  };
  // GetInferenceProfile / GetPromptRouter once per ARN (discovery caches them); other ids need no call.
  const identityOf = async (model: ModelSpec, signal?: AbortSignal): Promise<string | undefined> => {
    if (!needsIdentityLookup(model.id)) return undefined;
    const connection = await connectionFor(model);
    const identity = await resolveModelIdentity(model.id, { connection, ...(signal ? { signal } : {}) });
    return identity?.baseModelId;
  };
  const counter: BedrockTokenCounter = async (request, { model, signal }) => {
    const connection = await connectionFor(model);
    const { modelId, messages, system, toolConfig, additionalModelRequestFields } = request;
    const input = { modelId, messages, ...(system ? { system } : {}), ...(toolConfig ? { toolConfig } : {}) };
    // CountTokens takes only a foundation-model id: the base id of a profile (count-tokens.html).
    return countTokens(
      {
        ...input,
        ...(additionalModelRequestFields ? { additionalModelRequestFields } : {}),
      } as Parameters<typeof countTokens>[0],
      {
        connection,
        modelId: (await identityOf(model, signal)) ?? baseModelIdOf(model.id),
        ...(signal ? { signal } : {}),
      },
    );
  };
  const invoker: BedrockInvoker = async (body, { model, signal }) => {
    const connection = await connectionFor(model);
    const { maxAttempts, retryBaseMs } = options.transport ?? {};
    return invokeModel(model.id, body, {
      connection,
      ...(signal ? { signal } : {}),
      ...(maxAttempts !== undefined ? { maxAttempts } : {}),
      ...(retryBaseMs !== undefined ? { retryBaseMs } : {}),
    });
  };
  return createBedrockProviderWith({
    transport,
    counter,
    invoker,
    resolveIdentity: identityOf,
    lookupCapabilities: lookup,
    ...(options.now ? { now: options.now } : {}),
    ...(options.defaultMaxTokens ? { defaultMaxTokens: options.defaultMaxTokens } : {}),
    ...(options.preflight === false ? { preflight: false } : {}),
  });
}

function connectionResolver(
  options: BedrockProviderConfig,
): (model: ModelSpec) => Promise<BedrockConnection> {
  const fixed = options.connection;
  if (typeof fixed === 'function') return fixed;
  if (fixed) return async () => fixed;
  const cache = new Map<string, Promise<BedrockConnection>>();
  return (model) => {
    const key = `${model.region ?? ''}|${model.baseUrl ?? ''}`;
    let pending = cache.get(key);
    if (!pending) {
      pending = resolveBedrockConnection({
        ...(options.env ? { env: options.env } : {}),
        ...(options.homeDir ? { homeDir: options.homeDir } : {}),
        ...(model.region ? { region: model.region } : {}),
        ...(model.baseUrl ? { baseUrl: model.baseUrl } : {}),
      });
      // A failed resolution (no credentials yet) is retried on the next request, not cached.
      pending.catch(() => cache.delete(key));
      cache.set(key, pending);
    }
    return pending;
  };
}

/** converse-stream's attempt reports in the provider contract's words (usage as the contract counts it). */
function attemptObserver(observer: UpstreamAttemptObserver): AttemptObserver {
  return (start) => {
    const done = observer(start);
    return done && ((end) => done(toUpstreamAttemptEnd(end)));
  };
}

export function toUpstreamAttemptEnd(end: AttemptEnd): UpstreamAttemptEnd {
  const { error, usage } = end;
  return {
    outcome: end.outcome,
    ...(end.requestId ? { requestId: end.requestId } : {}),
    ...(error
      ? {
          error: {
            code: error.code,
            message: error.message,
            ...(error.awsName ? { awsName: error.awsName } : {}),
            ...(error.httpStatus ? { httpStatus: error.httpStatus } : {}),
          },
        }
      : {}),
    ...(end.willRetry !== undefined ? { willRetry: end.willRetry } : {}),
    ...(end.stopReason ? { stopReason: end.stopReason } : {}),
    ...(usage
      ? {
          usage: {
            inputTokens: usage.inputTokens,
            outputTokens: usage.outputTokens,
            cacheReadTokens: usage.cacheReadInputTokens ?? 0,
            cacheWriteTokens: usage.cacheWriteInputTokens ?? 0,
          },
        }
      : {}),
  };
}
