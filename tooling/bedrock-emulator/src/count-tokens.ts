// CountTokens (`POST /model/{modelId}/count-tokens`): `{ input: { converse: {...} } }` or
// `{ input: { invokeModel: { body: <base64 JSON> } } }` → `{ inputTokens }`. The Converse shape ignores tools,
// the InvokeModel shape counts them (Portkey PR #1379, noted in bedrock-2026.md). Only bare foundation-model
// ids of supporting models are accepted; profile ids and other models get "The provided model doesn't support
// counting tokens." (https://docs.aws.amazon.com/bedrock/latest/userguide/count-tokens.html lists the models;
// wording as reported by alchemy.run's CountTokens binding docs).
import { z } from 'zod';
import type { CatalogModel } from './catalog-types.js';
import { awsError, type RawRequest } from './http-io.js';
import { dialectOf, prepare } from './invoke-dialects.js';
import type { JournalEntry } from './journal-entry.js';
import type { ConverseBody } from './request-body.js';
import type { Route } from './routes.js';
import { type Responder, type RuntimeContext, selectScenario, serviceFault } from './runtime.js';
import { converseInputTokens } from './token-count.js';
import type { EmulatorCredential } from './types.js';

const UNSUPPORTED = "The provided model doesn't support counting tokens.";

const countTokensSchema = z.strictObject({
  input: z.union([
    z.strictObject({
      converse: z.strictObject({
        messages: z
          .array(z.looseObject({ role: z.string(), content: z.array(z.looseObject({})) }))
          .optional(),
        system: z.array(z.looseObject({})).optional(),
        toolConfig: z.looseObject({}).optional(),
        additionalModelRequestFields: z.unknown().optional(),
      }),
    }),
    z.strictObject({ invokeModel: z.strictObject({ body: z.string().min(1) }) }),
  ]),
});

export function supportsCountTokens(model: CatalogModel): boolean {
  return model.countTokens ?? /^anthropic\.claude-(3-5|3-7|(sonnet|opus|haiku)-\d)/.test(model.modelId);
}

export async function handleCountTokens(
  ctx: RuntimeContext,
  req: RawRequest,
  route: Route,
  entry: JournalEntry,
  credential: EmulatorCredential | undefined,
  reply: Responder,
): Promise<void> {
  const parsed = countTokensSchema.safeParse(entry.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return reply.error(
      awsError(
        'ValidationException',
        `1 validation error detected: Value at '${issue.path.join('.') || 'input'}' failed to satisfy constraint: ${issue.message}`,
      ),
    );
  }
  const input = parsed.data.input;
  const converse = 'converse' in input ? (input.converse as ConverseBody) : undefined;
  const selected = selectScenario(ctx, req, entry, converse ?? {});
  if ('error' in selected) return reply.error(selected.error);
  const fault = serviceFault(ctx, req, route.resource!, selected.scenario);
  if (fault) return reply.error(fault);
  const modelId = route.resource!;
  const model = ctx.catalog.foundationModel(modelId, entry.region!);
  if (!model) {
    const known = ctx.catalog.resolve(modelId, entry.region!);
    return reply.error(
      awsError('ValidationException', known.ok ? UNSUPPORTED : 'The provided model identifier is invalid.'),
    );
  }
  if ((credential?.deniedModels ?? []).includes(model.modelId)) {
    return reply.error(
      awsError('AccessDeniedException', "You don't have access to the model with the specified model ID."),
    );
  }
  if (!supportsCountTokens(model)) return reply.error(awsError('ValidationException', UNSUPPORTED));
  if (converse) return reply.json(200, { inputTokens: converseInputTokens(converse, false) });

  const invoke = (input as { invokeModel: { body: string } }).invokeModel;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(invoke.body, 'base64').toString('utf8'));
  } catch {
    return reply.error(
      awsError('ValidationException', 'Malformed input request, please reformat your input and try again.'),
    );
  }
  const dialect = dialectOf(model);
  const prepared = dialect ? prepare(dialect, model, json) : undefined;
  if (!prepared) return reply.error(awsError('ValidationException', UNSUPPORTED));
  if ('error' in prepared) return reply.error(prepared.error);
  const tokens =
    prepared.kind === 'chat' ? converseInputTokens(prepared.converse, true) : prepared.inputTokens;
  reply.json(200, { inputTokens: tokens });
}
