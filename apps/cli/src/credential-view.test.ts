import { describe, expect, it } from 'vitest';
import { credentialDetail, describeCredentials } from './credential-view.js';

const now = Date.parse('2026-11-22T12:00:00Z');

describe('describeCredentials', () => {
  it('places each source in the documented order', () => {
    expect(
      describeCredentials({
        kind: 'bearer-token',
        label: 'env: AWS_BEARER_TOKEN_BEDROCK',
        maskedToken: 'ABSK…0000',
      }).step,
    ).toBe(1);
    expect(
      describeCredentials({
        kind: 'profile',
        label: 'env: AWS_PROFILE (dev)',
        profile: 'dev',
        maskedKeyId: 'AKIA…1234',
      }),
    ).toMatchObject({ step: 3, ok: true, profile: 'dev', maskedKeyId: 'AKIA…1234' });
    expect(describeCredentials({ kind: 'none', label: 'none', tried: ['a'], hint: 'h' })).toMatchObject({
      step: null,
      ok: false,
      tried: ['a'],
      hint: 'h',
    });
  });

  it('marks a default-chain credential past its expiry as expired, and says so', () => {
    const view = describeCredentials(
      {
        kind: 'default-chain',
        label: 'aws-sdk default chain (sso)',
        link: 'sso',
        maskedKeyId: 'ASIA…ABCD',
        expiresAt: new Date(now - 1000),
      },
      now,
    );
    expect(view).toMatchObject({ ok: false, expired: true, step: 4 });
    expect(credentialDetail(view)).toBe('key ASIA…ABCD, expired 2026-11-22T11:59:59.000Z');
    const fresh = describeCredentials(
      {
        kind: 'default-chain',
        label: 'aws-sdk default chain (sso)',
        link: 'sso',
        expiresAt: new Date(now + 60_000),
      },
      now,
    );
    expect(fresh).toMatchObject({ ok: true, expired: false });
    expect(credentialDetail(fresh)).toBe('expires 2026-11-22T12:01:00.000Z');
  });
});
