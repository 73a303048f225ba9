import { createOutcrop } from '@outcrop/provider';

// The Outcrop config ($OUTCROP_CONFIG, ./outcrop.json5 or ~/.outcrop/config.json5) and the AWS credentials.
const outcrop = await createOutcrop();
console.log(`Bedrock via ${outcrop.credentialSource.label} in ${outcrop.region.region}`);

// The agent's model and its fallbacks when the config names them; else Claude Sonnet 4.5 by its bare id,
// which resolves to the inference profile discovery found for this region.
const models = outcrop.config.agents.defaults.model
  ? await outcrop.agentModels()
  : ['anthropic.claude-sonnet-4-5-20250929-v1:0'];

for await (const part of outcrop.streamWithFallbacks(
  models,
  { messages: [{ role: 'user', content: 'Hello!' }] },
  { maxTokens: 512, reasoning: 'low', cacheRetention: 'short' },
)) {
  if (part.type === 'text-delta') process.stdout.write(part.delta);
  if (part.type === 'warning') console.warn(`\n[${part.warning.code}] ${part.warning.message}`);
  if (part.type === 'finish')
    console.log(`\n${part.finishReason} (${part.rawStopReason}), $${part.cost?.total ?? 0}`);
  if (part.type === 'error')
    console.error(`\n${part.error.code} (HTTP ${part.error.httpStatus}): ${part.error.message}`);
}
await outcrop.close();
