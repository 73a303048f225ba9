import { describe, expect, it } from 'vitest';
import { resolveEndpoint } from './endpoint.js';

const ENV = {
  AWS_ENDPOINT_URL_BEDROCK_RUNTIME: 'http://127.0.0.1:1/runtime',
  AWS_ENDPOINT_URL_BEDROCK: 'http://127.0.0.1:1/control',
  AWS_ENDPOINT_URL: 'http://127.0.0.1:1/all',
};

describe('resolveEndpoint', () => {
  it('prefers a custom baseUrl, then the service variable, then AWS_ENDPOINT_URL', () => {
    expect(
      resolveEndpoint('bedrock-runtime', { baseUrl: 'https://proxy.example.com/bedrock/', env: ENV }),
    ).toEqual({
      url: 'https://proxy.example.com/bedrock',
      source: 'config',
    });
    expect(resolveEndpoint('bedrock-runtime', { env: ENV })).toEqual({
      url: 'http://127.0.0.1:1/runtime',
      source: 'AWS_ENDPOINT_URL_BEDROCK_RUNTIME',
    });
    expect(resolveEndpoint('bedrock', { env: ENV })).toEqual({
      url: 'http://127.0.0.1:1/control',
      source: 'AWS_ENDPOINT_URL_BEDROCK',
    });
    expect(resolveEndpoint('bedrock', { env: { AWS_ENDPOINT_URL: ENV.AWS_ENDPOINT_URL } })).toEqual({
      url: 'http://127.0.0.1:1/all',
      source: 'AWS_ENDPOINT_URL',
    });
    expect(resolveEndpoint('bedrock-runtime', { env: {} })).toEqual({ source: 'default' });
  });

  it('treats a standard AWS endpoint baseUrl (Clawdbot style) as a region hint, not an override', () => {
    for (const baseUrl of [
      'https://bedrock-runtime.eu-west-1.amazonaws.com',
      'https://bedrock-runtime-fips.us-east-1.amazonaws.com/',
      'https://bedrock-runtime.cn-north-1.amazonaws.com.cn',
    ]) {
      expect(resolveEndpoint('bedrock-runtime', { baseUrl, env: {} })).toEqual({ source: 'default' });
    }
  });

  it('keeps VPC endpoints for the runtime but not for the control plane', () => {
    const baseUrl = 'https://vpce-0abc-xyz.bedrock-runtime.us-east-1.vpce.amazonaws.com';
    expect(resolveEndpoint('bedrock-runtime', { baseUrl, env: {} })).toEqual({
      url: baseUrl,
      source: 'config',
    });
    expect(resolveEndpoint('bedrock', { baseUrl, env: ENV }).source).toBe('AWS_ENDPOINT_URL_BEDROCK');
  });

  it('whitespace variables are unset; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS switches the variables off', () => {
    expect(resolveEndpoint('bedrock-runtime', { env: { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: '  ' } })).toEqual({
      source: 'default',
    });
    expect(
      resolveEndpoint('bedrock-runtime', { env: { ...ENV, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' } }),
    ).toEqual({
      source: 'default',
    });
  });
});
