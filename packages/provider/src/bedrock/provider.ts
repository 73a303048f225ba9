// The amazon-bedrock provider: maps the contract onto converse-stream and back.
import { ProviderError } from '../errors.js';
import { guardStream } from '../guard-stream.js';
import {
  BEDROCK_CONVERSE_STREAM_API,
  type CallOptions,
  type Context,
  type EmbedOptions,
  type ModelCost,
  type ModelSpec,
  type ProviderV1,
  type TokenCount,
} from '../spec.js';
import type { StreamPart } from '../stream-parts.js';
import type { UpstreamAttemptObserver } from '../upstream-attempt.js';
import type { BedrockConverseRequest } from './bedrock-types.js';
import { type BedrockInvoker, bedrockEmbed } from './embed.js';
import { toProviderErrorFromBedrock } from './errors.js';
import type { CapabilityLookup } from './model-traits.js';
import { checkPreflight } from './preflight.js';
import { type MappingSettings, toConverseStreamRequest } from './request-mapping.js';
import { type BedrockEvent, BedrockStreamMapper } from './stream-mapping.js';
import { CHARS_PER_TOKEN, estimateInputTokens, toolChars } from './token-estimate.js';

/** An open ConverseStream response: events plus what is known about the request. */
export interface BedrockEventSource extends AsyncIterable<BedrockEvent> {
  readonly requestId: string | undefined;
  readonly modelId?: string;
  readonly warnings?: ReadonlyArray<{ code: string; message: string }>;
}

/** Sends one request; the default is @outcrop/converse-stream over the AWS SDK. */
export type BedrockTransport = (
  request: BedrockConverseRequest,
  options: {
    model: ModelSpec;
    signal?: AbortSignal;
    preflight?: boolean;
    onAttempt?: UpstreamAttemptObserver;
  },
) => Promise<BedrockEventSource> | BedrockEventSource;

/** Bedrock CountTokens for a mapped request; the default is @outcrop/converse-stream's countTokens. */
export type BedrockTokenCounter = (
  request: BedrockConverseRequest,
  options: { model: ModelSpec; signal?: AbortSignal },
) => Promise<number>;

export interface BedrockProviderSettings extends MappingSettings {
  transport?: BedrockTransport;
  counter?: BedrockTokenCounter;
  /** InvokeModel with a JSON body, for embed(); without it the provider has no embed(). */
  invoker?: BedrockInvoker;
  /**
   * Learns the model behind an application-profile or prompt-router ARN before the first call with it (cached),
   * so the capability lookup knows it; resolves to the base model id, undefined for other ids.
   */
  resolveIdentity?: (model: ModelSpec, signal?: AbortSignal) => Promise<string | undefined>;
  /** false: skip pre-flight capability checks for every call (per call: providerOptions preflight). */
  preflight?: boolean;
  /** Capability table lookup (discovery's lookupCapabilities by default). */
  lookupCapabilities?: CapabilityLookup;
  now?: () => number;
}

export function createBedrockProviderWith(
  settings: Required<Pick<BedrockProviderSettings, 'transport'>> & BedrockProviderSettings,
): ProviderV1 {
  const now = settings.now ?? Date.now;
  const { invoker } = settings;
  return {
    specificationVersion: 'v1',
    api: BEDROCK_CONVERSE_STREAM_API,
    ...(invoker
      ? {
          embed: (model: ModelSpec, inputs: readonly string[], options?: EmbedOptions) =>
            bedrockEmbed(invoker, model, inputs, options),
        }
      : {}),
    async countTokens(model: ModelSpec, context: Context, options: CallOptions = {}): Promise<TokenCount> {
      await settings.resolveIdentity?.(model, options.signal);
      const { request, traits } = toConverseStreamRequest(
        model,
        context,
        options,
        settings.lookupCapabilities,
      );
      const estimate = estimateInputTokens(request);
      if (!traits.countTokens || !settings.counter) return { inputTokens: estimate, source: 'estimate' };
      // CountTokens' Converse shape ignores tool definitions (Portkey PR #1379): they are estimated and added.
      const toolTokens = Math.ceil(toolChars(request) / CHARS_PER_TOKEN);
      const counted = await settings.counter(request, {
        model,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return {
        inputTokens: counted + toolTokens,
        source: 'provider',
        ...(toolTokens ? { estimatedTokens: toolTokens } : {}),
      };
    },
    stream(model: ModelSpec, context: Context, options: CallOptions = {}): AsyncIterable<StreamPart> {
      const { signal } = options;
      return guardStream(async function* () {
        yield { type: 'stream-start', model: { provider: model.provider, id: model.id, api: model.api } };
        if (signal?.aborted)
          throw new ProviderError('aborted', 'The request was aborted before it was sent.');
        await settings.resolveIdentity?.(model, signal);
        const mapped = toConverseStreamRequest(
          model,
          context,
          options,
          settings.lookupCapabilities,
          settings,
        );
        const { request, warnings, traits, toolNames } = mapped;
        const preflight = mapped.preflight && settings.preflight !== false;
        if (preflight) {
          checkPreflight({ request, context, options, traits, modelId: model.id });
        }
        for (const warning of warnings) yield { type: 'warning', warning };

        const startedAt = now();
        const mapper = new BedrockStreamMapper({
          provider: model.provider,
          modelId: model.id,
          cost: traits.cost,
          toolName: toolNames.fromBedrock,
          startedAt,
          now,
          ...(mapped.structured?.toolName ? { structuredToolName: mapped.structured.toolName } : {}),
          ...(request.serviceTier ? { requestedServiceTier: request.serviceTier.type } : {}),
          ...(settings.lookupCapabilities ? { costOf: costFrom(settings.lookupCapabilities) } : {}),
        });
        let events: BedrockEventSource | undefined;
        let sentContent = false;
        let send = request;
        // Attempts are numbered across both transport calls; the escalated call's first is labelled as such.
        let attempts = 0;
        const observerFor = (escalated: boolean): UpstreamAttemptObserver | undefined => {
          const { onAttempt } = options;
          if (!onAttempt) return undefined;
          return (upstream) =>
            onAttempt({
              ...upstream,
              attempt: ++attempts,
              ...(escalated && upstream.attempt === 1 ? { reason: 'service_tier_escalation' } : {}),
            });
        };
        try {
          for (let attempt = 0; ; attempt++) {
            try {
              const onAttempt = observerFor(attempt > 0);
              events = await settings.transport(send, {
                model,
                preflight,
                ...(signal ? { signal } : {}),
                ...(onAttempt ? { onAttempt } : {}),
              });
              for await (const event of events) {
                for (const part of mapper.map(event)) {
                  sentContent = true;
                  yield part;
                }
              }
              break;
            } catch (error) {
              // Opt-in: flex capacity is unavailable, so run the same request once on the default tier.
              if (attempt > 0 || sentContent || !mapped.flexFallback || !isFlexUnavailable(error))
                throw error;
              send = { ...request, serviceTier: { type: 'default' } };
              mapper.requestedServiceTier = 'default';
              yield {
                type: 'warning',
                warning: {
                  code: 'service-tier-escalated',
                  setting: 'serviceTier',
                  message: 'Flex capacity was unavailable; the call ran on the default tier.',
                },
              };
            }
          }
        } catch (error) {
          yield* mapper.closeAll();
          yield { type: 'error', error: toProviderErrorFromBedrock(error, signal), ...mapper.usageSoFar() };
          return;
        }
        if (signal?.aborted) {
          yield* mapper.closeAll();
          yield { type: 'error', error: new ProviderError('aborted', 'The request was aborted.') };
          return;
        }
        // Retries, repairs and inference-profile fallbacks converse-stream made on our behalf.
        for (const { code, message } of events?.warnings ?? [])
          yield { type: 'warning', warning: { code, message } };
        yield* mapper.finish(events?.requestId, events?.modelId);
      }, signal);
    },
  };
}

function costFrom(lookup: CapabilityLookup): (modelId: string) => Partial<ModelCost> | undefined {
  return (modelId) => lookup(modelId)?.cost;
}

/**
 * Bedrock's answer when a flex request finds no capacity (a throttling or unavailable error naming flex). The
 * wording is not verified (no public record; see the emulator README), so a plain throttle never escalates.
 */
export function isFlexUnavailable(error: unknown): boolean {
  const e = (error ?? {}) as { code?: unknown; message?: unknown; awsMessage?: unknown };
  const text = `${String(e.message ?? '')} ${String(e.awsMessage ?? '')}`;
  return (
    (e.code === 'throttled' || e.code === 'service_unavailable') &&
    /flex/i.test(text) &&
    /(capacity|unavailable)/i.test(text)
  );
}
