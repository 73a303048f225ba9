import { describe, expect, it } from 'vitest';
import { discoveryEnabled } from './discovery-enabled.js';

describe('discoveryEnabled', () => {
  const none = { kind: 'none' } as const;
  const chain = { kind: 'default-chain' } as const;
  it('is off when disabled, forced when enabled, and follows the credentials otherwise', () => {
    expect(discoveryEnabled({ enabled: false }, chain)).toBe(false);
    expect(discoveryEnabled({ enabled: true }, none)).toBe(true);
    expect(discoveryEnabled({}, chain)).toBe(true);
    expect(discoveryEnabled({}, none)).toBe(false);
  });
});
