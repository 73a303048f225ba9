// InvokeModel and InvokeModelWithResponseStream, in the order of checks Converse uses (scenario faults, model,
// access, body, quota, reply). The streamed reply is the model's own events, each JSON-encoded, base64'd and
// sent as a `chunk` event `{"bytes":"…"}`; the last one carries `amazon-bedrock-invocationMetrics`.
// Shapes: botocore bedrock-runtime service-2.json (ResponseStream, PayloadPart) and
// https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModelWithResponseStream.html
import { awsError, type RawRequest } from './http-io.js';
import { type Dialect, dialectOf, markerBody, prepare } from './invoke-dialects.js';
import type { JournalEntry } from './journal-entry.js';
import { reserveQuota, settleQuota } from './quota-hooks.js';
import { buildReply } from './reply.js';
import type { StreamEvent } from './reply-stream.js';
import type { Route } from './routes.js';
import {
  converseReply,
  type Responder,
  type RuntimeContext,
  resolveModel,
  startScenario,
} from './runtime.js';
import type { Scenario } from './scenario-schema.js';
import { type StreamTarget, writeEventStream, writeReplay } from './stream-writer.js';
import type { EmulatorCredential } from './types.js';

const MALFORMED = 'Malformed input request, please reformat your input and try again.';

export const chunkEvent = (payload: unknown): StreamEvent => [
  'chunk',
  { bytes: Buffer.from(JSON.stringify(payload)).toString('base64') },
];

function invocationMetrics(input: number, output: number, latencyMs: number) {
  return {
    inputTokenCount: input,
    outputTokenCount: output,
    invocationLatency: latencyMs,
    firstByteLatency: Math.max(1, Math.floor(latencyMs / 2)),
  };
}

export async function handleInvoke(
  ctx: RuntimeContext,
  req: RawRequest,
  route: Route,
  entry: JournalEntry,
  credential: EmulatorCredential | undefined,
  reply: Responder,
  principal: string,
): Promise<void> {
  const json = entry.body;
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    return reply.error(awsError('ValidationException', MALFORMED));
  }
  const started = startScenario(ctx, req, route, entry, reply, markerBody(json as Record<string, unknown>));
  if ('error' in started) return reply.error(started.error);
  const scenario = started.scenario;
  const streaming = route.operation === 'InvokeModelWithResponseStream';
  const resolved = resolveModel(ctx, route.resource!, entry.region!, credential, streaming, [
    'TEXT',
    'EMBEDDING',
  ]);
  if ('error' in resolved) return reply.error(resolved.error);
  const model = resolved.model;
  const dialect: Dialect | undefined = dialectOf(model);
  if (!dialect) {
    return reply.error(
      awsError(
        'ValidationException',
        `Emulator: InvokeModel bodies of ${model.modelId} are not emulated; use Converse or an Anthropic, Nova, Llama, Titan Embeddings or Cohere Embed model.`,
      ),
    );
  }
  const prepared = prepare(dialect, model, json);
  if ('error' in prepared) return reply.error(prepared.error);
  const latency = () => Math.max(1, Date.now() - entry.at);
  const key = { principal, region: entry.region!, model };

  if (prepared.kind === 'embedding') {
    const quota = ctx.quotas.reserve(
      { principal, region: key.region, modelId: model.modelId },
      prepared.inputTokens,
      0,
    );
    if ('error' in quota) return reply.error(quota.error);
    quota.settle(prepared.inputTokens, 0);
    return converseReply(
      reply,
      scenario,
      () => prepared.response(req.requestId),
      (body) => sendInvokeJson(reply, req.requestId, body, prepared.inputTokens, 0, latency()),
    );
  }

  const quota = reserveQuota(ctx, key, prepared.converse);
  if ('error' in quota) return reply.error(quota.error);
  if (scenario?.replay !== undefined) return replay(ctx, reply, scenario, streaming);
  const message = scenario?.script ? undefined : buildReply(prepared.converse, model, scenario, ctx.cache);
  settleQuota(quota, message?.usage);
  const input = message ? message.usage.inputTokens : 0;
  const output = message ? message.usage.outputTokens : 0;
  if (!streaming) {
    return converseReply(
      reply,
      scenario,
      () => (message ? prepared.response(message, latency()) : scriptedBody(scenario!)),
      (body) => sendInvokeJson(reply, req.requestId, body, input, output, latency()),
    );
  }
  let events: StreamEvent[];
  if (message) {
    const chunks = prepared.chunks(message);
    const last = chunks.length - 1;
    chunks[last] = {
      ...chunks[last],
      'amazon-bedrock-invocationMetrics': invocationMetrics(input, output, latency()),
    };
    events = chunks.map(chunkEvent);
  } else {
    events = scriptedChunks(scenario!);
  }
  const recorded: Buffer[] = [];
  const target: StreamTarget = ctx.record
    ? { ...reply.target, record: (bytes) => recorded.push(bytes) }
    : reply.target;
  await writeEventStream(target, events, scenario, scenario?.eventDelayMs ?? ctx.eventDelayMs);
  if (ctx.record) ctx.recordings.add(Buffer.concat(recorded), entry.id, route.resource);
}

async function replay(ctx: RuntimeContext, reply: Responder, scenario: Scenario, streaming: boolean) {
  const recording = ctx.recordings.get(scenario.replay!);
  if (!recording) {
    return reply.error(
      awsError('ValidationException', `Emulator scenario: no recording '${scenario.replay}'.`),
    );
  }
  if (!streaming) {
    return reply.error(
      awsError('ValidationException', 'Emulator scenario: replay needs a streaming operation.'),
    );
  }
  return writeReplay(reply.target, recording.bytes, scenario);
}

/**
 * A script for InvokeModelWithResponseStream lists the model's own events: `{ chunk: <model event> }` is
 * base64-wrapped, `{ <name>Exception: {...} }` goes out as that exception frame.
 */
function scriptedChunks(scenario: Scenario): StreamEvent[] {
  return (scenario.script ?? []).map((event) => {
    const [type, payload] = Object.entries(event)[0]!;
    return type === 'chunk' ? chunkEvent(payload) : [type, payload];
  });
}

/** InvokeModel with a script answers the first scripted chunk as its body. */
function scriptedBody(scenario: Scenario): unknown {
  const first = (scenario.script ?? []).find((event) => 'chunk' in event);
  return first ? (first as { chunk: unknown }).chunk : {};
}

/** InvokeModel's reply: the model's JSON plus Bedrock's token-count and latency headers. */
function sendInvokeJson(
  reply: Responder,
  requestId: string,
  body: unknown,
  input: number,
  output: number,
  latencyMs: number,
): void {
  const bytes = Buffer.from(JSON.stringify(body));
  const res = reply.target.res;
  reply.target.onStart();
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': String(bytes.length),
    'x-amzn-requestid': requestId,
    'x-amzn-bedrock-input-token-count': String(input),
    'x-amzn-bedrock-output-token-count': String(output),
    'x-amzn-bedrock-invocation-latency': String(latencyMs),
  });
  res.end(bytes);
}
