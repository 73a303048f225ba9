import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@outcrop/bedrock-emulator';
import { pino } from 'pino';
import { type Gateway, type StartGatewayOptions, startGateway } from '../src/index.js';

/** A gateway on an ephemeral 127.0.0.1 port, talking to its own emulator (whose journal the test reads). */
export interface TestGateway {
  gateway: Gateway;
  emulator: Emulator;
  dir: string;
  configPath: string;
  stop(): Promise<void>;
}

export const silentLogger = () => pino({ level: 'silent' });

export async function startTestGateway(
  config: Record<string, unknown> = {},
  options: Partial<StartGatewayOptions> & { emulator?: never } = {},
): Promise<TestGateway> {
  const emulator = await startEmulator();
  const dir = mkdtempSync(join(tmpdir(), 'outcrop-gateway-'));
  const configPath = join(dir, 'outcrop.json5');
  writeConfig(configPath, config);
  let gateway: Gateway;
  try {
    gateway = await startGateway({
      configPath,
      host: '127.0.0.1',
      port: 0,
      env: { ...emulator.env(), HOME: dir, AWS_EC2_METADATA_DISABLED: 'true' },
      homeDir: dir,
      emulator: 'never',
      logger: silentLogger(),
      watchConfig: false,
      ...options,
    });
  } catch (err) {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    gateway,
    emulator,
    dir,
    configPath,
    async stop() {
      await gateway.close({ drainTimeoutMs: 0 });
      await emulator.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function writeConfig(path: string, config: Record<string, unknown>): void {
  writeFileSync(path, JSON.stringify(config, null, 2));
}

// The gateway's tests call the shared raw request `raw` (tooling/test-http, shared with the reliability suite).
export { type RawResponse, rawRequest as raw } from '@outcrop/test-http';

export function chatBody(model: string, content: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ model, messages: [{ role: 'user', content }], ...extra });
}

/** SSE `data:` payloads of a body, parsed (`[DONE]` kept as a string). */
export function sseEvents(body: string): unknown[] {
  return body
    .split('\n\n')
    .map((block) => block.trim())
    .filter((block) => block.startsWith('data: '))
    .map((block) => block.slice(6))
    .map((data) => (data === '[DONE]' ? data : JSON.parse(data)));
}

export const JSON_HEADERS = { 'content-type': 'application/json' };
