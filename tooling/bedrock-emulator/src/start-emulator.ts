// startEmulator(): wires the catalog, auth, scenarios, journal and transport into one running emulator.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Authenticator } from './auth.js';
import { CatalogIndex } from './catalog.js';
import { defaultCatalog } from './catalog-data.js';
import { GuardrailRegistry } from './guardrails.js';
import { Journal } from './journal.js';
import { checkOptions, EmulatorOptionsError } from './options-schema.js';
import { QuotaLedger } from './quotas.js';
import { Recordings } from './recordings.js';
import { PromptCache } from './reply.js';
import { ScenarioSelector } from './scenarios.js';
import { createHandler } from './server.js';
import { listen } from './transport.js';

export { EmulatorOptionsError };

import type { Emulator, EmulatorCredential, EmulatorOptions } from './types.js';

function generatedCredential(): EmulatorCredential {
  return {
    accessKeyId: `AKIAEMULATOR${randomBytes(4).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64url'),
  };
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (net.isIPv4(host)) return host.startsWith('127.');
  return host === '::1';
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  checkOptions(options);
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host) && !options.allowNonLoopback) {
    throw new EmulatorOptionsError(
      `host '${host}' is not a loopback address; pass allowNonLoopback: true (CLI: --allow-remote) to bind it anyway`,
    );
  }
  const region = options.region ?? 'us-east-1';
  const credentials = options.credentials?.length ? options.credentials : [generatedCredential()];
  const bearerTokens = options.bearerTokens?.length
    ? options.bearerTokens
    : [`ABSKQmVkcm9ja0VtdWxhdG9y${randomBytes(24).toString('base64url')}`];
  const journal = new Journal();
  const recordings = new Recordings();
  const scenarios = new ScenarioSelector();
  const handler = createHandler({
    auth: new Authenticator(credentials, bearerTokens, region),
    journal,
    catalog: new CatalogIndex(options.catalog ?? defaultCatalog()),
    scenarios,
    cache: new PromptCache(),
    throttles: new Map(),
    recordings,
    record: options.record ?? false,
    eventDelayMs: options.eventDelayMs ?? 0,
    quotas: new QuotaLedger(options.quotas, options.clock ?? Date.now),
    guardrails: new GuardrailRegistry(options.guardrails),
  });
  const transport = await listen(host, options.port ?? 0, handler);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${transport.port}`;
  const first = credentials[0]!;
  return {
    url,
    region,
    credentials: {
      accessKeyId: first.accessKeyId,
      secretAccessKey: first.secretAccessKey,
      ...(first.sessionToken ? { sessionToken: first.sessionToken } : {}),
    },
    bearerToken: bearerTokens[0]!,
    env: () => ({
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: url,
      AWS_ENDPOINT_URL_BEDROCK: url,
      // Anthropic's Bedrock SDK takes its endpoint from here, not from AWS_ENDPOINT_URL_*.
      ANTHROPIC_BEDROCK_BASE_URL: url,
      AWS_ACCESS_KEY_ID: first.accessKeyId,
      AWS_SECRET_ACCESS_KEY: first.secretAccessKey,
      ...(first.sessionToken ? { AWS_SESSION_TOKEN: first.sessionToken } : {}),
      AWS_REGION: region,
      // boto3 and the AWS CLI read AWS_DEFAULT_REGION, not AWS_REGION.
      AWS_DEFAULT_REGION: region,
    }),
    journal,
    scenarios: { push: (scenario) => scenarios.push(scenario), clear: () => scenarios.clear() },
    recordings,
    stop: () => transport.close(),
  };
}
