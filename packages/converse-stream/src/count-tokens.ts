// Bedrock CountTokens for a Converse-shaped request, over the same pooled client as ConverseStream.
// AWS: `POST /model/{modelId}/count-tokens` with `{ input: { converse: { messages, system, toolConfig,
// additionalModelRequestFields } } }` -> `{ inputTokens }`, free of charge, only for the models the CountTokens
// user guide lists (count-tokens.html), and only under a foundation-model id (not a profile).
import { type ConverseStreamCommandInput, CountTokensCommand } from '@aws-sdk/client-bedrock-runtime';
import type { BedrockConnection } from '@outcrop/credentials';
import { classifyError } from './classify.js';
import { runtimeClientFor } from './client-pool.js';
import { regionForModel } from './region-for-model.js';

export interface CountTokensOptions {
  connection: BedrockConnection;
  signal?: AbortSignal;
  /** The id CountTokens is called with (default: `input.modelId`). Profiles are not accepted: pass the base id. */
  modelId?: string;
}

/** The input tokens Bedrock counts for the request; typed ConverseStreamError on failure. */
export async function countTokens(
  input: Pick<
    ConverseStreamCommandInput,
    'modelId' | 'messages' | 'system' | 'toolConfig' | 'additionalModelRequestFields'
  >,
  options: CountTokensOptions,
): Promise<number> {
  const modelId = options.modelId ?? input.modelId!;
  // The region comes from the id the caller knows (a profile prefix or ARN), not from the base id.
  const client = runtimeClientFor(
    options.connection,
    regionForModel(options.connection, input.modelId ?? modelId),
  );
  const converse = {
    ...(input.messages ? { messages: input.messages } : {}),
    ...(input.system ? { system: input.system } : {}),
    ...(input.toolConfig ? { toolConfig: input.toolConfig } : {}),
    ...(input.additionalModelRequestFields
      ? { additionalModelRequestFields: input.additionalModelRequestFields }
      : {}),
  };
  try {
    const output = await client.send(
      new CountTokensCommand({ modelId, input: { converse } }),
      options.signal ? { abortSignal: options.signal } : {},
    );
    return output.inputTokens ?? 0;
  } catch (error) {
    throw classifyError(error);
  }
}
