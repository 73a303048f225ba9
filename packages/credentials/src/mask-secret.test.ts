import { describe, expect, it } from 'vitest';
import { maskSecret, redactSecrets } from './mask-secret.js';

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
