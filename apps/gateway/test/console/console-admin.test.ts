// The console's admin views in a real browser: create a key (its secret shown once), see its spend reach the
// usage chart, table and budget bar after a call, then revoke it.
/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatBody, JSON_HEADERS, raw, startTestGateway, type TestGateway } from '../helpers.js';
import { chromiumMissing, launchChromium, screenshot } from './browser.js';

const ADMIN = 'console-admin-token-29c4e1';
let t: TestGateway;
let browser: Browser;
let page: Page;
let secret = '';

describe.skipIf(chromiumMissing)('console admin views (headless Chromium)', () => {
  beforeAll(async () => {
    t = await startTestGateway({ gateway: { adminToken: ADMIN } });
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
    await page.goto(`${t.gateway.url}/console`);
    await page.getByLabel('Gateway key or admin token').fill(ADMIN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('shows Usage and Keys to the admin only', async () => {
    expect(await page.getByRole('link', { name: 'Keys' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Usage' }).isVisible()).toBe(true);
  });

  it('creates a key and shows its secret once', async () => {
    await page.getByRole('link', { name: 'Keys' }).click();
    await page.getByRole('heading', { name: 'Keys' }).waitFor();
    await page.getByLabel('Name').fill('alice');
    await page.getByLabel('Budgets').fill('5usd/day');
    await page.getByLabel('Tags').fill('team=search');
    await page.getByRole('button', { name: 'Create key' }).click();
    const output = page.getByLabel('Secret key for alice');
    await output.waitFor();
    secret = (await output.textContent()) ?? '';
    expect(secret).toMatch(/^ocp_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const row = page.locator('#keys-table tbody tr', { hasText: 'alice' });
    await row.waitFor(); // the table reloads after the secret is shown
    expect(await row.locator('td').allTextContents()).toEqual([
      'active',
      'team=search',
      'any',
      '5usd/day',
      'RotateRevoke',
    ]);
    await screenshot(page, 'keys');
    // Shown once: a fresh load of the page lists the key without its secret.
    await page.reload();
    await page.getByRole('heading', { name: 'Keys' }).waitFor();
    expect(await page.content()).not.toContain(secret);
  });

  it("draws the key's spend in the usage chart, table and budget bar after a call", async () => {
    await page.getByRole('link', { name: 'Usage' }).click();
    await page.getByRole('heading', { name: 'Usage' }).waitFor();
    await page.getByText('No requests in this period.').waitFor(); // drawn once the report answers

    const models = JSON.parse(
      (await raw(t.gateway.url, { path: '/v1/models', headers: { authorization: `Bearer ${secret}` } })).body,
    ) as { data: { id: string }[] };
    const model = models.data.find((m) => m.id.includes('claude-sonnet-4'))!.id;
    const res = await raw(t.gateway.url, {
      method: 'POST',
      path: '/v1/chat/completions',
      headers: { ...JSON_HEADERS, authorization: `Bearer ${secret}` },
      body: chatBody(model, 'Spend a little, please.'),
    });
    expect(res.status).toBe(200);

    await page.reload();
    await page.getByRole('heading', { name: 'Usage' }).waitFor();
    await page.locator('figure.chart canvas').first().waitFor();
    const row = page.locator('#usage-table tbody tr', { hasText: 'alice' });
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toBe('1'); // requests
    expect(cells[1]).toBe('0'); // errors
    expect(Number(cells.at(-1)?.replace('$', ''))).toBeGreaterThan(0); // spend
    const bar = page.getByRole('progressbar', { name: 'alice: 5usd/day' });
    expect(Number(await bar.getAttribute('value'))).toBeGreaterThan(0);
    expect(await bar.getAttribute('max')).toBe('5');
    await screenshot(page, 'usage');
  });

  it('revokes the key, which the gateway then refuses', async () => {
    await page.getByRole('link', { name: 'Keys' }).click();
    await page.getByRole('button', { name: 'Revoke alice' }).click();
    await page.locator('#keys-table tbody tr', { hasText: 'revoked' }).waitFor();
    const res = await raw(t.gateway.url, {
      path: '/v1/models',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body).error.code).toBe('key_revoked');
  });
});
