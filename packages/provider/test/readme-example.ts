import { loadConfig } from '@outcrop/config-schema';
import { createModelRegistry, streamWithFallbacks } from '@outcrop/provider';

const { config } = await loadConfig();
const registry = createModelRegistry({ config });
const models = await registry.agentModels(); // agents.defaults.model: primary, then fallbacks

for await (const part of streamWithFallbacks(
  models,
  { messages: [{ role: 'user', content: 'Hello!' }] },
  {
    maxTokens: 512,
    reasoning: 'low',
    cacheRetention: 'short',
  },
)) {
  if (part.type === 'text-delta') process.stdout.write(part.delta);
  if (part.type === 'warning') console.warn(`\n[${part.warning.code}] ${part.warning.message}`);
  if (part.type === 'finish')
    console.log(`\n${part.finishReason} (${part.rawStopReason}), $${part.cost?.total ?? 0}`);
  if (part.type === 'error')
    console.error(`\n${part.error.code} (HTTP ${part.error.httpStatus}): ${part.error.message}`);
}
