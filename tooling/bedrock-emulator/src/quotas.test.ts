import { describe, expect, it } from 'vitest';
import { outputBurndownRate, QuotaLedger, TOO_MANY_REQUESTS, TOO_MANY_TOKENS } from './quotas.js';

const key = { principal: 'AKID', region: 'us-east-1', modelId: 'anthropic.claude-3-haiku-20240307-v1:0' };

function ledger(limits: ConstructorParameters<typeof QuotaLedger>[0]) {
  let now = 1_000_000;
  const quotas = new QuotaLedger(limits, () => now);
  return { quotas, advance: (ms: number) => (now += ms) };
}

describe('QuotaLedger', () => {
  it('reserves input + max_tokens, refuses what does not fit, and frees it after a minute', () => {
    const { quotas, advance } = ledger({ tokensPerMinute: 1000 });
    const first = quotas.reserve(key, 100, 500);
    expect('error' in first).toBe(false);
    expect(quotas.used(key)).toBe(600);
    const second = quotas.reserve(key, 100, 400);
    expect(second).toMatchObject({
      error: { status: 429, type: 'ThrottlingException', message: TOO_MANY_TOKENS },
    });
    advance(59_999);
    expect('error' in quotas.reserve(key, 100, 400)).toBe(true);
    advance(1);
    expect('error' in quotas.reserve(key, 100, 400)).toBe(false);
  });

  it('settles to input + output × burndown rate', () => {
    const { quotas } = ledger({ tokensPerMinute: 100_000 });
    const haiku = quotas.reserve(key, 100, 4000);
    if ('error' in haiku) throw new Error('unexpected');
    haiku.settle(100, 50);
    expect(quotas.used(key)).toBe(150);
    const sonnet = { ...key, modelId: 'anthropic.claude-sonnet-4-20250514-v1:0' };
    const reservation = quotas.reserve(sonnet, 100, 4000);
    if ('error' in reservation) throw new Error('unexpected');
    reservation.settle(100, 50);
    expect(quotas.used(sonnet)).toBe(350);
  });

  it('counts requests per minute separately per credential, region and model', () => {
    const { quotas } = ledger({ requestsPerMinute: 2 });
    quotas.reserve(key, 1, 1);
    quotas.reserve(key, 1, 1);
    expect(quotas.reserve(key, 1, 1)).toMatchObject({ error: { message: TOO_MANY_REQUESTS } });
    expect('error' in quotas.reserve({ ...key, principal: 'OTHER' }, 1, 1)).toBe(false);
    expect('error' in quotas.reserve({ ...key, region: 'eu-west-1' }, 1, 1)).toBe(false);
    expect('error' in quotas.reserve({ ...key, modelId: 'amazon.nova-lite-v1:0' }, 1, 1)).toBe(false);
  });

  it('uses per-model limits over the defaults, and no limits means no accounting', () => {
    const { quotas } = ledger({ tokensPerMinute: 10, models: { [key.modelId]: { tokensPerMinute: 1000 } } });
    expect('error' in quotas.reserve(key, 100, 100)).toBe(false);
    expect('error' in quotas.reserve({ ...key, modelId: 'amazon.nova-lite-v1:0' }, 100, 100)).toBe(true);
    const open = ledger(undefined).quotas;
    expect('error' in open.reserve(key, 1e9, 1e9)).toBe(false);
    expect(open.used(key)).toBe(0);
  });

  it('burns output five times for Claude 3.7 and later only', () => {
    expect(outputBurndownRate('anthropic.claude-3-7-sonnet-20250219-v1:0')).toBe(5);
    expect(outputBurndownRate('anthropic.claude-opus-4-1-20250805-v1:0')).toBe(5);
    expect(outputBurndownRate('anthropic.claude-haiku-4-5-20251001-v1:0')).toBe(5);
    expect(outputBurndownRate('anthropic.claude-3-5-sonnet-20241022-v2:0')).toBe(1);
    expect(outputBurndownRate('amazon.nova-pro-v1:0')).toBe(1);
  });
});
