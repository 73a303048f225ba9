import type { CredentialSource } from '@outcrop/credentials';
import { describe, expect, it } from 'vitest';
import { chooseUpstream } from './upstream-choice.js';

const none: CredentialSource = {
  kind: 'none',
  label: 'none',
  tried: ['env', 'profile'],
  hint: 'Set AWS_PROFILE.',
};
const keys: CredentialSource = {
  kind: 'env-keys',
  label: 'env: AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY',
  maskedKeyId: 'AKIA…MPLE',
  temporary: false,
};

describe('chooseUpstream', () => {
  it('serves the emulator in auto mode only without credentials on a loopback-only app', () => {
    expect(chooseUpstream({ mode: 'auto', source: none, loopbackOnly: true })).toBe('emulator');
    expect(chooseUpstream({ mode: 'auto', source: keys, loopbackOnly: true })).toBe('bedrock');
    expect(chooseUpstream({ mode: 'auto', source: keys, loopbackOnly: false })).toBe('bedrock');
  });

  it('refuses to start without credentials on a non-loopback bind, saying why', () => {
    expect(() => chooseUpstream({ mode: 'auto', source: none, loopbackOnly: false })).toThrow(
      /reachable from other machines/,
    );
  });

  it('honours always and never', () => {
    expect(chooseUpstream({ mode: 'always', source: keys, loopbackOnly: false })).toBe('emulator');
    expect(() => chooseUpstream({ mode: 'never', source: none, loopbackOnly: true })).toThrow(
      expect.objectContaining({ code: 'no_credentials', hint: 'Set AWS_PROFILE.' }),
    );
  });
});
