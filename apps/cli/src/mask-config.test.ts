// biome-ignore-all lint/suspicious/noTemplateCurlyInString: test names mention the ${VAR} syntax
import { describe, expect, it } from 'vitest';
import { maskConfig } from './mask-config.js';

const mask = (secret: string) => `<${secret.length}>`;

describe('maskConfig', () => {
  it('masks the password of a URL written literally, and leaves URLs without one alone', () => {
    const config = { gateway: { redis: { url: 'redis://app:pa55word@redis:6379/0' } }, a: 'https://host/x' };
    expect(maskConfig(config, mask)).toEqual({
      gateway: { redis: { url: 'redis://app:<8>@redis:6379/0' } },
      a: 'https://host/x',
    });
  });

  it('masks api keys, gateway tokens and auth headers, and nothing else', () => {
    const config = {
      models: {
        providers: {
          'amazon-bedrock': {
            apiKey: 'ABSKsecretsecret',
            region: 'us-east-1',
            headers: { Authorization: 'Bearer x' },
          },
        },
      },
      gateway: { auth: { tokens: ['tok-one', 'tok-two'] }, port: 4141 },
    };
    expect(maskConfig(config, mask)).toEqual({
      models: {
        providers: {
          'amazon-bedrock': { apiKey: '<16>', region: 'us-east-1', headers: { Authorization: '<8>' } },
        },
      },
      gateway: { auth: { tokens: ['<7>', '<7>'] }, port: 4141 },
    });
  });

  it('masks the admin token and a database URL password', () => {
    const config = {
      gateway: {
        adminToken: 'admin-secret',
        database: { url: 'postgres://outcrop:pw-123@db.internal:5432/outcrop' },
      },
    };
    expect(maskConfig(config, mask)).toEqual({
      gateway: { adminToken: '<12>', database: { url: 'postgres://outcrop:<6>@db.internal:5432/outcrop' } },
    });
  });

  it('masks headers whose names suggest a secret, and nothing else in headers', () => {
    const headers = {
      'Proxy-Authorization': 'Basic abc',
      Cookie: 'session=1',
      'X-Auth-Token': 'tok',
      'X-Amz-Security-Token': 'FwoG',
      'X-Custom-Api-Key': 'k1',
      'X-Session-Id': 's1',
      'Content-Type': 'application/json',
      'X-Team': 'search',
    };
    const masked = maskConfig({ models: { providers: { p: { headers, models: [] } } } }, mask) as {
      models: { providers: { p: { headers: Record<string, string> } } };
    };
    expect(masked.models.providers.p.headers).toEqual({
      'Proxy-Authorization': '<9>',
      Cookie: '<9>',
      'X-Auth-Token': '<3>',
      'X-Amz-Security-Token': '<4>',
      'X-Custom-Api-Key': '<2>',
      'X-Session-Id': '<2>',
      'Content-Type': 'application/json',
      'X-Team': 'search',
    });
  });

  it('masks every value that came from ${VAR} substitution, whatever its key', () => {
    const config = {
      models: { providers: { p: { headers: { 'X-Team': 'from-env' }, region: 'us-east-1', models: [] } } },
      gateway: { host: 'internal-host', allowedHosts: ['a', 'from-env-too'] },
    };
    const masked = maskConfig(config, mask, {
      substitutedPaths: [
        ['models', 'providers', 'p', 'headers', 'X-Team'],
        ['gateway', 'host'],
        ['gateway', 'allowedHosts', 1],
      ],
    });
    expect(masked).toEqual({
      models: { providers: { p: { headers: { 'X-Team': '<8>' }, region: 'us-east-1', models: [] } } },
      gateway: { host: '<13>', allowedHosts: ['a', '<12>'] },
    });
  });
});
