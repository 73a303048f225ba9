import { describe, expect, it } from 'vitest';
import { discoveryEnabled } from './discovery-enabled.js';

const base = { refreshInterval: 3600, defaultContextWindow: 32_000, defaultMaxTokens: 4096 };
const none = { kind: 'none' } as const;
const chain = { kind: 'default-chain' } as const;

describe('discoveryEnabled', () => {
  it('is off when disabled, forced when enabled, and follows the credentials otherwise', () => {
    expect(discoveryEnabled({ ...base, enabled: false }, chain)).toBe(false);
    expect(discoveryEnabled({ ...base, enabled: true }, none)).toBe(true);
    expect(discoveryEnabled(base, chain)).toBe(true);
    expect(discoveryEnabled(base, { kind: 'bearer-token' })).toBe(true);
    expect(discoveryEnabled(base, none)).toBe(false);
  });
});
