import { agentModels, ConfigError, loadConfig, resolveModelRef } from '../src/index.js';

export async function chosenModel(): Promise<string> {
  try {
    // The explicit path, else $OUTCROP_CONFIG, else ./outcrop.json5, else ~/.outcrop/config.json5.
    const { config } = await loadConfig();
    const { primary = 'amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0' } = agentModels(config);
    const { provider, model } = resolveModelRef(primary, { config }); // aliases, bare ids, ARNs
    return `${provider} -> ${model}`;
  } catch (error) {
    if (ConfigError.isInstance(error)) console.error(error.format()); // one located line per problem
    throw error;
  }
}
