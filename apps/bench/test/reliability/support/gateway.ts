// A gateway on 127.0.0.1:0 in this process, in front of the secret emulator, with small timeouts, a bearer
// token from the environment, and every log line captured for the secret scan.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Emulator } from '@outcrop/bedrock-emulator';
import { type Gateway, startGateway } from '@outcrop/gateway';
import { pino } from 'pino';
import type { Capture } from './secrets.js';
import { SECRETS } from './secrets.js';

export const GATEWAY_TIMEOUTS = { firstEventTimeoutMs: 1_500, idleTimeoutMs: 1_500 };

export interface TestGateway {
  gateway: Gateway;
  url: string;
  dir: string;
  headers: Record<string, string>;
  stop(): Promise<void>;
}

export async function startTestGateway(
  emulator: Emulator,
  capture: Capture,
  limits: Record<string, number> = {},
): Promise<TestGateway> {
  const dir = mkdtempSync(path.join(tmpdir(), 'outcrop-reliability-gw-'));
  const configPath = path.join(dir, 'outcrop.json5');
  writeFileSync(
    configPath,
    JSON.stringify({
      gateway: {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's own env substitution syntax
        auth: { tokens: ['${OUTCROP_GATEWAY_TOKEN}'] },
        limits: { maxConcurrentPerToken: 2_000, drainTimeoutMs: 0, ...GATEWAY_TIMEOUTS, ...limits },
      },
    }),
  );
  const logger = pino(
    { level: 'debug' },
    {
      write: (line: string) => {
        capture.add('gateway log', line);
      },
    },
  );
  const gateway = await startGateway({
    configPath,
    host: '127.0.0.1',
    port: 0,
    env: {
      ...emulator.env(),
      HOME: dir,
      AWS_EC2_METADATA_DISABLED: 'true',
      OUTCROP_GATEWAY_TOKEN: SECRETS.gatewayToken,
    },
    homeDir: dir,
    emulator: 'never',
    watchConfig: false,
    logger,
  });
  capture.add('gateway banner', gateway.banner);
  return {
    gateway,
    url: gateway.url,
    dir,
    headers: { authorization: `Bearer ${SECRETS.gatewayToken}`, 'content-type': 'application/json' },
    async stop() {
      await gateway.close({ drainTimeoutMs: 0 });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
