// The built-in catalog, to extend or pass to `startEmulator({ catalog })`.
import { BUILT_IN_MODELS } from './catalog-models.js';
import type { EmulatorCatalog } from './types.js';

export const ACCOUNT_ID = '123456789012';

/** A fresh copy of the built-in catalog, to extend or pass to `startEmulator({ catalog })`. */
export function defaultCatalog(): EmulatorCatalog {
  return {
    accountId: ACCOUNT_ID,
    models: structuredClone(BUILT_IN_MODELS),
    applicationProfiles: [
      {
        id: 'team0chat0a1b',
        name: 'team-chat',
        description: 'Cost tracking for the chat team',
        region: 'us-east-1',
        copyFrom: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
        tags: { team: 'chat' },
      },
      {
        id: 'eu0lite0c3d4',
        name: 'eu-lite',
        region: 'eu-west-1',
        copyFrom: 'amazon.nova-lite-v1:0',
      },
    ],
    // AWS's default Claude router: Claude 3 Haiku and Claude 3.5 Sonnet through US profiles (aws-cdk
    // aws-bedrock-alpha DefaultPromptRouterIdentifier.ANTHROPIC_CLAUDE_V1, `anthropic.claude:1`).
    promptRouters: ['us-east-1', 'us-west-2'].map((region) => ({
      id: 'anthropic.claude:1',
      name: 'Anthropic Prompt Router',
      description: 'Routes requests among models in the Claude family',
      region,
      type: 'default' as const,
      models: ['us.anthropic.claude-3-haiku-20240307-v1:0', 'us.anthropic.claude-3-5-sonnet-20240620-v1:0'],
      fallbackModel: 'us.anthropic.claude-3-5-sonnet-20240620-v1:0',
      responseQualityDifference: 0,
    })),
  };
}
