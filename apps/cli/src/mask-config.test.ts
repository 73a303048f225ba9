import { describe, expect, it } from 'vitest';
import { maskConfig } from './mask-config.js';

const mask = (secret: string) => `<${secret.length}>`;

describe('maskConfig', () => {
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
});
