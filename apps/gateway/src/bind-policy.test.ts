import { describe, expect, it } from 'vitest';
import { assertSafeBind, isLoopbackHost } from './bind-policy.js';

describe('bind policy', () => {
  it('knows loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.1', '192.168.1.2', 'example.com', '128.0.0.1']) {
      expect(isLoopbackHost(host)).toBe(false);
    }
  });

  it('refuses a non-loopback host without tokens and allows it with one', () => {
    expect(() => assertSafeBind('0.0.0.0', [])).toThrow(/Refusing to listen on 0\.0\.0\.0/);
    expect(() => assertSafeBind('0.0.0.0', ['t'])).not.toThrow();
    expect(() => assertSafeBind('127.0.0.1', [])).not.toThrow();
  });

  it('refuses blank and placeholder-looking tokens on a non-loopback host, naming the index, not the value', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an unsubstituted lower-case reference, on purpose
    for (const token of ['${gw_token}', '$GW_TOKEN', '{{token}}', '<token>', '', '   ']) {
      const attempt = () => assertSafeBind('0.0.0.0', ['real-token-1', token]);
      expect(attempt, JSON.stringify(token)).toThrow(/gateway\.auth\.tokens\[1\] (is blank|looks like)/);
    }
    expect(() => assertSafeBind('0.0.0.0', ['real-token-1', 'real-token-2'])).not.toThrow();
  });
});
