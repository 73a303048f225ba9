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
  };
}
