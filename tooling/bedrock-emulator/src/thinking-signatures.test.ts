import { describe, expect, it } from 'vitest';
import { signThinking, verifyThinking } from './thinking-signatures.js';

describe('thinking signatures', () => {
  it('verify the text they were issued for, and only that text', () => {
    const signature = signThinking('I will restate them.');
    expect(signature).toMatch(/^[A-Za-z0-9+/=]{40,}$/);
    expect(verifyThinking('I will restate them.', signature)).toBe('valid');
    expect(verifyThinking('I will restate them. ', signature)).toBe('invalid');
    expect(verifyThinking('', signature)).toBe('invalid');
  });

  it('call a truncated signature of ours invalid and a signature of anyone else foreign', () => {
    const signature = signThinking('x');
    expect(verifyThinking('x', signature.slice(0, -8))).toBe('invalid');
    expect(verifyThinking('x', 'ErUBCkYIBRgCIkB0c29tZSBhbnRocm9waWMgc2lnbmF0dXJl')).toBe('foreign');
    expect(verifyThinking('x', 'sig')).toBe('foreign');
  });
});
