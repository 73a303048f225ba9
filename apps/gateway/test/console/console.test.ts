/// <reference lib="dom" />
// The console in a real browser: headless Debian Chromium against a gateway on the emulator.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from '../../src/index.js';
import { silentLogger, startTestGateway, type TestGateway } from '../helpers.js';
import { chromiumMissing, launchChromium, screenshot } from './browser.js';

const TOKEN = 'console-test-token-7f3a91';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let t: TestGateway;
let browser: Browser;
let context: BrowserContext;
let page: Page;

async function signIn(target: Page, token = TOKEN): Promise<void> {
  await target.goto(`${t.gateway.url}/console`);
  await target.getByLabel('Gateway key or admin token').fill(token);
  await target.getByRole('button', { name: 'Sign in' }).click();
}

/** Serious or critical axe violations on the current page, as "rule: target" lines. */
async function seriousViolations(target: Page): Promise<string[]> {
  await target.evaluate(axeSource);
  const results = await target.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run()).violations as Array<{
      id: string;
      impact: string;
      nodes: Array<{ target: string[] }>;
    }>;
  });
  return results
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.skipIf(chromiumMissing)('console (headless Chromium)', () => {
  beforeAll(async () => {
    t = await startTestGateway({ gateway: { auth: { tokens: [TOKEN] } } });
    browser = await launchChromium();
    context = await browser.newContext();
    page = await context.newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('refuses a wrong key, signs in with a right one, and keeps the key out of the URL', async () => {
    await signIn(page, 'not-the-token');
    // The alert is on the page before the gateway answers: wait for its text, not for the element.
    await page.getByRole('alert').filter({ hasText: 'did not accept' }).waitFor();
    await signIn(page);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(page.url()).not.toContain(TOKEN);
    expect(await page.evaluate(() => sessionStorage.getItem('outcrop.console.token'))).toBe(TOKEN);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await screenshot(page, 'overview');
  });

  it('shows where requests go, and the failed sign-in among the last errors', async () => {
    // The page fills in as its requests answer: wait for the last facts and the error row to arrive.
    await page.locator('dl.facts').filter({ hasText: 'Discovery' }).filter({ hasText: 'ready' }).waitFor();
    await page.locator('table').filter({ hasText: 'invalid_api_key' }).waitFor();
    const facts = await page.locator('dl.facts').innerText();
    expect(facts).toContain('Region\nus-east-1');
    expect(facts).toMatch(/Health\nready/);
    expect(facts).toMatch(/Discovery\non, \d+ models, refreshed \d+[smh] ago \(20\d\d-/);
    const errors = await page.locator('table').innerText();
    expect(errors).toContain('401');
    expect(errors).toContain('invalid_api_key');
  });

  it('lists the models and narrows them by search', async () => {
    await page.getByRole('link', { name: 'Models' }).click();
    await page.getByRole('heading', { name: 'Models' }).waitFor();
    await page.locator('tbody tr').nth(5).waitFor(); // the list arrives after the heading
    const all = await page.locator('tbody tr').count();
    expect(all).toBeGreaterThan(5);
    await page.getByLabel('Search').fill('nova');
    const ids = await page.locator('tbody th code').allInnerTexts();
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThan(all);
    for (const id of ids) expect(id).toContain('nova');
    await expect(page.locator('#model-count').textContent()).resolves.toBe(`${ids.length} of ${all} models`);
    await screenshot(page, 'models');
  });

  it('streams a playground reply, then usage', async () => {
    await page.getByRole('link', { name: 'Playground' }).click();
    await page.getByRole('heading', { name: 'Playground' }).waitFor();
    const model = page.getByLabel('Model');
    await model.locator('option', { hasText: 'claude-sonnet' }).first().waitFor({ state: 'attached' });
    const claude = (await model.locator('option').allInnerTexts()).find((id) => id.includes('claude-sonnet'));
    expect(claude).toBeDefined();
    await model.selectOption(claude!);
    await page.getByLabel('Message').fill('Hello from the console');
    await page.getByRole('button', { name: 'Send' }).click();
    const status = page.locator('p.status');
    await status.filter({ hasText: /^Done/ }).waitFor();
    expect(await page.getByLabel('Reply').innerText()).not.toBe('');
    expect(await status.innerText()).toMatch(/^Done \(stop\): \d+ in, \d+ out/);
    await screenshot(page, 'playground');
  });

  it('stops a stream, and the emulator sees the upstream call cancelled', async () => {
    t.emulator.journal.clear();
    await page.getByLabel('Message').fill('wait for me [[scenario:{"stallAfterEvents":3}]]');
    await page.getByRole('button', { name: 'Send' }).click();
    await t.emulator.journal.waitFor((e) => e.operation === 'ConverseStream', 20_000);
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.locator('p.status').filter({ hasText: 'Stopped' }).waitFor();
    const entry = await t.emulator.journal.waitFor(
      (e) => e.operation === 'ConverseStream' && e.cancelled,
      20_000,
    );
    expect(entry.cancelled).toBe(true);
  });

  it('serves the console under a strict Content-Security-Policy that blocks inline scripts', async () => {
    const response = await page.goto(`${t.gateway.url}/console`);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    await expect(page.addScriptTag({ content: 'window.injected = true' })).rejects.toThrow();
    expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
  });

  it('has no serious accessibility violations on any page, and works from the keyboard', async () => {
    // axe is injected as a script, which the console's own CSP forbids: scan in a context that bypasses it.
    const scanContext = await browser.newContext({ bypassCSP: true });
    const scan = await scanContext.newPage();
    await signIn(scan);
    await scan.getByRole('heading', { name: 'Overview' }).waitFor();
    const found: string[] = [];
    for (const [hash, heading] of [
      ['overview', 'Overview'],
      ['models', 'Models'],
      ['playground', 'Playground'],
    ] as const) {
      await scan.goto(`${t.gateway.url}/console#/${hash}`);
      await scan.getByRole('heading', { name: heading }).waitFor();
      found.push(...(await seriousViolations(scan)).map((line) => `${hash}: ${line}`));
    }
    expect(found.join('\n')).toBe('');

    await scan.goto(`${t.gateway.url}/console#/overview`);
    await scan.getByRole('heading', { name: 'Overview' }).waitFor();
    await scan.keyboard.press('Tab');
    expect(await scan.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await scanContext.close();
  });

  it('is readable in a narrow window: nothing scrolls sideways', async () => {
    const narrow = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const phone = await narrow.newPage();
    await signIn(phone);
    await phone.getByRole('heading', { name: 'Overview' }).waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone, 'overview-narrow');
    await narrow.close();
  });

  it('on the embedded emulator, says EMULATOR unmistakably, at the URL the banner prints', async () => {
    const home = (await import('node:fs')).mkdtempSync(
      (await import('node:path')).join((await import('node:os')).tmpdir(), 'outcrop-console-emu-'),
    );
    const embedded: Gateway = await startGateway({
      host: '127.0.0.1',
      port: 0,
      emulator: 'always',
      env: { HOME: home, AWS_EC2_METADATA_DISABLED: 'true' },
      homeDir: home,
      logger: silentLogger(),
      watchConfig: false,
    });
    try {
      const url = /console: +(\S+)/.exec(embedded.banner)?.[1];
      expect(url).toBe(`${embedded.url}/console`);
      const tab = await (await browser.newContext()).newPage();
      await tab.goto(url!);
      await tab.getByRole('button', { name: 'Sign in' }).click();
      await tab.getByRole('heading', { name: 'Overview' }).waitFor();
      await tab.locator('dl.facts').filter({ hasText: 'Embedded emulator' }).waitFor();
      expect(await tab.locator('#upstream').innerText()).toMatch(/^EMULATOR — replies are simulated/);
      expect(await tab.locator('dl.facts').innerText()).toContain('Embedded emulator (simulated replies)');
      await screenshot(tab, 'overview-emulator');
    } finally {
      await embedded.close({ drainTimeoutMs: 0 });
    }
  });
});
