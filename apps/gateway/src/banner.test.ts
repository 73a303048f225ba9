import { describe, expect, it } from 'vitest';
import { bearerForCurl, curlExample, renderBanner } from './banner.js';

const base = {
  url: 'http://127.0.0.1:4141',
  credentialLabel: 'env: AWS_PROFILE (dev)',
  region: 'us-east-1',
  models: ['amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0'],
  authRequired: false,
};

describe('banner', () => {
  it('says plainly when the upstream is the emulator', () => {
    const text = renderBanner({ ...base, usingEmulator: true });
    expect(text).toContain('EMULATOR');
    expect(text).toContain('no AWS credentials found');
    expect(text).not.toContain('AWS_PROFILE (dev)');
  });

  it('names the region and credential source for real Bedrock', () => {
    const text = renderBanner({ ...base, usingEmulator: false });
    expect(text).toContain('Amazon Bedrock in us-east-1');
    expect(text).toContain('env: AWS_PROFILE (dev)');
    expect(text).not.toContain('EMULATOR');
  });

  it('prints a curl whose body is valid JSON for the first model, with auth only when required', () => {
    const curl = curlExample(base.url, base.models[0]!, false);
    const body = /-d '(.*)'$/s.exec(curl)?.[1];
    expect(JSON.parse(body!)).toMatchObject({ model: base.models[0], stream: true });
    expect(curl).not.toContain('Authorization');
    expect(curlExample(base.url, 'm', true)).toContain('Authorization: Bearer $OUTCROP_GATEWAY_TOKEN');
  });

  it('sends the variable that supplied the token, or a placeholder for a literal one, never the token', () => {
    expect(bearerForCurl('t-123', { GW_TOKEN: 't-123', OTHER: 'x' })).toBe('$GW_TOKEN');
    expect(bearerForCurl('t-123', { OUTCROP_GATEWAY_TOKEN: 't-123', GW_TOKEN: 't-123' })).toBe(
      '$OUTCROP_GATEWAY_TOKEN',
    );
    expect(bearerForCurl('literal-abc', { GW_TOKEN: 'other' })).toBe('<token from gateway.auth.tokens>');
  });
});
