// The quota calls every inference operation makes: reserve `input + max_tokens` when the request is accepted,
// settle to the real usage once the reply is known.
import type { CatalogModel } from './catalog-types.js';
import type { AwsError } from './http-io.js';
import type { QuotaLedger, Reservation } from './quotas.js';
import type { Usage } from './reply.js';
import type { ConverseBody } from './request-body.js';
import { converseInputTokens } from './token-count.js';

const NO_RESERVATION: Reservation = { settle() {} };

export function reserveQuota(
  ctx: { quotas: QuotaLedger },
  key: { principal: string; region: string; model: CatalogModel },
  body: ConverseBody,
): Reservation | { error: AwsError } {
  if (!ctx.quotas.active) return NO_RESERVATION;
  // Without maxTokens Bedrock reserves the model's maximum output (AWS quota documentation, token burndown).
  const maxTokens = body.inferenceConfig?.maxTokens ?? key.model.maxOutputTokens ?? 4096;
  return ctx.quotas.reserve(
    { principal: key.principal, region: key.region, modelId: key.model.modelId },
    converseInputTokens(body, true),
    maxTokens,
  );
}

export function settleQuota(reservation: Reservation, usage: Usage | undefined): void {
  if (!usage) return;
  const input = usage.inputTokens + (usage.cacheReadInputTokens ?? 0) + (usage.cacheWriteInputTokens ?? 0);
  reservation.settle(input, usage.outputTokens);
}
