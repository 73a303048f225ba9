import { describe, expect, it } from 'vitest';
import { maskSecret, redactSecrets, safeUpstreamMessage } from './mask-secret.js';

describe('maskSecret', () => {
  it('keeps four characters at each end of long values', () => {
    expect(maskSecret('AKIAIOSFODNN7EXAMPLE')).toBe('AKIA…MPLE');
    expect(maskSecret('  AKIAIOSFODNN7EXAMPLE\n')).toBe('AKIA…MPLE');
  });
  it('fully masks short values, hiding their length', () => {
    expect(maskSecret('short')).toBe('****');
    expect(maskSecret('fifteen-chars!!')).toBe('****');
    expect(maskSecret('')).toBe('****');
  });
  it('shows the ends from exactly 16 characters on', () => {
    expect(maskSecret('0123456789abcdef')).toBe('0123…cdef');
  });
});

describe('redactSecrets', () => {
  it('masks key ids, API keys and long secrets inside text', () => {
    const text =
      'failed for AKIAIOSFODNN7EXAMPLE with wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY and ABSKQmVkcm9ja0FQSUtleQ==';
    const out = redactSecrets(text);
    expect(out).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(out).not.toContain('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    expect(out).not.toContain('ABSKQmVkcm9ja0FQSUtleQ==');
    expect(out).toContain('AKIA…MPLE');
    expect(out.startsWith('failed for ')).toBe(true);
  });
});

describe('safeUpstreamMessage', () => {
  it('cuts a signature error before the canonical request and the string to sign, which can carry the token', () => {
    const message =
      'The request signature we calculated does not match the signature you provided.\n\nThe Canonical String for this ' +
      'request should have been\nPOST\nx-amz-security-token:FwoGZXIvYXdzEJr//////////wEaDFAKE';
    expect(safeUpstreamMessage(message)).toBe(
      'The request signature we calculated does not match the signature you provided.',
    );
    expect(safeUpstreamMessage('Denied. the string-to-sign was\nAWS4-HMAC-SHA256')).toBe('Denied.');
  });
  it('masks credentials left in the rest and trims it', () => {
    expect(safeUpstreamMessage('  key AKIAIOSFODNN7EXAMPLE is not allowed  ')).toBe(
      'key AKIA…MPLE is not allowed',
    );
  });
});
