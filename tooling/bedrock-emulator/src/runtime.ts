// Runtime operations: Converse and ConverseStream. Order of checks follows Bedrock: scenario faults that
// stand in for the service (throttling, HTTP errors), model resolution in the signing region, access,
// capability, request validation, then the reply.
import type { CatalogIndex } from './catalog.js';
import type { CatalogModel } from './catalog-types.js';
import { type GuardrailRegistry, resolveGuardrail } from './guardrails.js';
import { type AwsError, awsError, type RawRequest } from './http-io.js';
import type { JournalEntry } from './journal-entry.js';
import { checkModelConstraints } from './model-constraints.js';
import { reserveQuota, settleQuota } from './quota-hooks.js';
import type { QuotaLedger } from './quotas.js';
import type { Recordings } from './recordings.js';
import { buildReply, type PromptCache } from './reply.js';
import { aggregateEvents, converseResponse, replyEvents, scriptEvents } from './reply-stream.js';
import { digest } from './reply-text.js';
import type { ConverseBody } from './request-body.js';
import type { Route } from './routes.js';
import type { Scenario } from './scenario-schema.js';
import { findMarker, ScenarioError, type ScenarioSelector } from './scenarios.js';
import { type StreamTarget, sleepUnlessClosed, writeEventStream, writeReplay } from './stream-writer.js';
import type { EmulatorCredential } from './types.js';
import { validateConverse } from './validation.js';

export interface RuntimeContext {
  catalog: CatalogIndex;
  scenarios: ScenarioSelector;
  cache: PromptCache;
  /** Attempts seen per request content, for `throttleAttempts`. */
  throttles: Map<string, number>;
  recordings: Recordings;
  record: boolean;
  eventDelayMs: number;
  quotas: QuotaLedger;
  guardrails: GuardrailRegistry;
}

export interface Responder {
  /** Tells journal waiters that the entry changed. */
  changed(): void;
  json(status: number, body: unknown): void;
  error(error: AwsError): void;
  target: StreamTarget;
  destroy(): void;
}

const EXCEPTION_HTTP: Record<string, [number, string]> = {
  internalServerException: [500, 'InternalServerException'],
  modelStreamErrorException: [424, 'ModelStreamErrorException'],
  validationException: [400, 'ValidationException'],
  throttlingException: [429, 'ThrottlingException'],
  serviceUnavailableException: [503, 'ServiceUnavailableException'],
};

export async function handleRuntime(
  ctx: RuntimeContext,
  req: RawRequest,
  route: Route,
  entry: JournalEntry,
  credential: EmulatorCredential | undefined,
  reply: Responder,
  principal = 'anonymous',
): Promise<void> {
  const body = entry.body as ConverseBody | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return reply.error(
      awsError('ValidationException', 'Malformed input request, please reformat your input and try again.'),
    );
  }
  const started = startScenario(ctx, req, route, entry, reply, body);
  if ('error' in started) return reply.error(started.error);
  const scenario = started.scenario;
  const streaming = route.operation === 'ConverseStream';
  const malformed = checkModelConstraints('bedrock-runtime', route.operation, body);
  if (malformed) return reply.error(malformed);
  const prompt = routingPrompt(body);
  const resolved = resolveModel(ctx, route.resource!, entry.region!, credential, streaming, ['TEXT'], prompt);
  if ('error' in resolved) return reply.error(resolved.error);
  const model = resolved.model;
  const invalid = validateConverse(body, model, streaming);
  if (invalid) return reply.error(invalid);
  const guarded = resolveGuardrail(ctx.guardrails, body);
  if ('error' in guarded) return reply.error(guarded.error);
  const quota = reserveQuota(ctx, { principal, region: entry.region!, model }, body);
  if ('error' in quota) return reply.error(quota.error);

  if (scenario?.replay !== undefined) {
    const recording = ctx.recordings.get(scenario.replay);
    if (!recording) {
      return reply.error(
        awsError('ValidationException', `Emulator scenario: no recording '${scenario.replay}'.`),
      );
    }
    if (!streaming) {
      return reply.error(awsError('ValidationException', 'Emulator scenario: replay needs ConverseStream.'));
    }
    return writeReplay(reply.target, recording.bytes, scenario);
  }
  const latency = () => Math.max(1, Date.now() - entry.at);
  const script = scenario?.script;
  const message = script
    ? undefined
    : buildReply(body, model, scenario, ctx.cache, {
        ...(guarded.request ? { guardrail: guarded.request } : {}),
        streaming,
      });
  // ConverseTrace / ConverseStreamTrace `promptRouter.invokedModelId` (API_runtime_PromptRouterTrace).
  if (message && resolved.invokedModelId) {
    message.trace = { ...message.trace, promptRouter: { invokedModelId: resolved.invokedModelId } };
  }
  settleQuota(quota, message?.usage);
  if (!streaming) {
    return converseReply(reply, scenario, () =>
      message ? converseResponse(message, latency()) : aggregateEvents(scriptEvents(script!), latency()),
    );
  }
  const events = message
    ? replyEvents(message, latency(), JSON.stringify(body.messages))
    : scriptEvents(script!);
  const chunks: Buffer[] = [];
  const target: StreamTarget = ctx.record
    ? { ...reply.target, record: (bytes) => chunks.push(bytes) }
    : reply.target;
  await writeEventStream(target, events, scenario, scenario?.eventDelayMs ?? ctx.eventDelayMs);
  if (ctx.record) ctx.recordings.add(Buffer.concat(chunks), entry.id, route.resource);
}

export function selectScenario(
  ctx: RuntimeContext,
  req: RawRequest,
  entry: JournalEntry,
  body: ConverseBody,
): { scenario: Scenario | undefined } | { error: AwsError } {
  try {
    const header = req.headers['x-emulator-scenario'];
    return {
      scenario: ctx.scenarios.select({
        ...(entry.invocationId ? { invocationId: entry.invocationId } : {}),
        ...(header ? { header } : {}),
        body,
      }),
    };
  } catch (error) {
    if (error instanceof ScenarioError) {
      return { error: awsError('ValidationException', `Emulator scenario: ${error.message}`) };
    }
    throw error;
  }
}

/**
 * The scenario a runtime request runs, named in its journal entry; or the error to answer instead: a scenario
 * that does not parse, or the service fault it asks for (throttling, an HTTP error).
 */
export function startScenario(
  ctx: RuntimeContext,
  req: RawRequest,
  route: Route,
  entry: JournalEntry,
  reply: Responder,
  body: ConverseBody,
): { scenario: Scenario | undefined } | { error: AwsError } {
  const selected = selectScenario(ctx, req, entry, body);
  if ('error' in selected) return selected;
  const { scenario } = selected;
  if (scenario) {
    entry.scenario = scenario.name ?? 'custom';
    reply.changed();
  }
  const fault = serviceFault(ctx, req, route.resource!, scenario);
  return fault ? { error: fault } : { scenario };
}

/**
 * The last user turn's text, for a prompt router's choice. The body is not validated yet: anything that is not
 * a text block is skipped here and refused by the validation that follows.
 */
function routingPrompt(body: ConverseBody): string {
  const messages: unknown[] = Array.isArray(body.messages) ? body.messages : [];
  const last = messages.findLast((message) => (message as { role?: unknown } | null)?.role === 'user') as
    | { content?: unknown }
    | undefined;
  const blocks: unknown[] = Array.isArray(last?.content) ? last.content : [];
  return blocks
    .map((block) => (block as { text?: unknown } | null)?.text)
    .filter((text): text is string => typeof text === 'string')
    .map((text) => findMarker(text)?.rest ?? text)
    .join('\n');
}

/** Failures that stand in for the service itself: throttling and HTTP errors, before any model check. */
export function serviceFault(
  ctx: RuntimeContext,
  req: RawRequest,
  modelId: string,
  scenario: Scenario | undefined,
) {
  if (!scenario?.throttleAttempts && !scenario?.httpError) return undefined;
  const attemptKey = digest(modelId + '\u0000' + req.body.toString('latin1'));
  if (scenario.throttleAttempts && countAttempt(ctx, attemptKey, scenario.throttleAttempts)) {
    return awsError('ThrottlingException', 'Too many requests, please wait before trying again.');
  }
  const httpError = scenario.httpError;
  if (httpError && (!httpError.attempts || countAttempt(ctx, attemptKey, httpError.attempts))) {
    const { status, type, message, retryAfter } = httpError;
    return {
      status,
      type,
      message: message ?? `${type} (emulated)`,
      ...(retryAfter ? { headers: { 'retry-after': retryAfter } } : {}),
    };
  }
  return undefined;
}

/**
 * The model a request addresses in its region, or Bedrock's refusal (identifier, access, capability). A prompt
 * router picks its model for `prompt` and names it in `invokedModelId`.
 */
export function resolveModel(
  ctx: RuntimeContext,
  modelId: string,
  region: string,
  credential: EmulatorCredential | undefined,
  streaming: boolean,
  outputs: readonly string[] = ['TEXT'],
  prompt = '',
): { model: CatalogModel; invokedModelId?: string } | { error: AwsError } {
  const refuse = (type: string, message: string) => ({ error: awsError(type, message) });
  const resolved = ctx.catalog.resolve(modelId, region, prompt);
  if (!resolved.ok && resolved.reason === 'invalid') {
    return refuse('ValidationException', 'The provided model identifier is invalid.');
  }
  if (!resolved.ok) {
    return refuse(
      'ValidationException',
      `Invocation of model ID ${modelId} with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
    );
  }
  const denied = credential?.deniedModels ?? [];
  if (denied.includes(modelId) || denied.includes(resolved.model.modelId)) {
    return refuse('AccessDeniedException', "You don't have access to the model with the specified model ID.");
  }
  if (!resolved.model.outputModalities.some((modality) => outputs.includes(modality))) {
    return refuse(
      'ValidationException',
      "This action doesn't support the model that you provided. Try again with a supported text or chat model.",
    );
  }
  if (streaming && !resolved.model.responseStreamingSupported) {
    return refuse('ValidationException', 'The model is unsupported for streaming.');
  }
  return resolved.via === 'prompt-router'
    ? { model: resolved.model, invokedModelId: resolved.invokedModelId }
    : { model: resolved.model };
}

/** Counts one attempt of a request content; true while it is within the first `limit` attempts. */
function countAttempt(ctx: RuntimeContext, key: string, limit: number): boolean {
  const seen = (ctx.throttles.get(key) ?? 0) + 1;
  if (seen <= limit) {
    ctx.throttles.set(key, seen);
    return true;
  }
  ctx.throttles.delete(key);
  return false;
}

/** Converse has no stream to fail inside: stream faults become the HTTP error Bedrock would send. */
export async function converseReply(
  reply: Responder,
  scenario: Scenario | undefined,
  body: () => unknown,
  send: (body: unknown) => void = (value) => reply.json(200, value),
): Promise<void> {
  if (scenario?.firstByteDelayMs) await sleepUnlessClosed(scenario.firstByteDelayMs, reply.target);
  if (reply.target.closed()) return;
  if (scenario?.streamException) {
    const [status, type] = EXCEPTION_HTTP[scenario.streamException.type]!;
    return reply.error({ status, type, message: scenario.streamException.message ?? `${type} (emulated)` });
  }
  const scripted = scenario?.script
    ?.map((event) => Object.entries(event)[0]!)
    .find(([type]) => type.endsWith('Exception'));
  if (scripted) {
    const [status, type] = EXCEPTION_HTTP[scripted[0]] ?? [
      500,
      scripted[0].replace(/^./, (c) => c.toUpperCase()),
    ];
    const message = (scripted[1] as { message?: string } | undefined)?.message ?? `${type} (emulated)`;
    return reply.error({ status, type, message });
  }
  if (scenario?.errorFrame) {
    return reply.error({ status: 500, type: scenario.errorFrame.code, message: scenario.errorFrame.message });
  }
  if (scenario?.stallAfterEvents !== undefined) return reply.target.whenClosed;
  if (scenario?.truncateAfterEvents !== undefined) return reply.destroy();
  send(body());
}
