// With telemetry off the gateway loads no OpenTelemetry code at all; the same run with an endpoint in the
// standard OTEL_* variables loads it and exports (the control that proves the recorder sees loads).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OtlpReceiver, startOtlpReceiver } from './otlp-receiver.js';

const here = dirname(fileURLToPath(import.meta.url));
const distIndex = pathToFileURL(join(here, '..', 'dist', 'index.js')).href;
const run = promisify(execFile);

async function oneRequest(extraEnv: Record<string, string>) {
  const home = mkdtempSync(join(tmpdir(), 'outcrop-otel-off-'));
  const loadLog = join(home, 'loads.txt');
  try {
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        join(here, 'fixtures', 'record-otel-loads.mjs'),
        join(here, 'fixtures', 'one-traced-request.mjs'),
        distIndex,
        home,
      ],
      {
        // A clean environment: no AWS credentials (the embedded emulator serves) and no OTEL_* from the host.
        env: {
          PATH: process.env.PATH ?? '',
          HOME: home,
          AWS_EC2_METADATA_DISABLED: 'true',
          OUTCROP_LOAD_LOG: loadLog,
          ...extraEnv,
        },
        cwd: home,
        timeout: 60_000,
      },
    );
    const result = JSON.parse(stdout) as {
      status: number;
      finished: boolean;
      tracing: boolean;
      cjs: string[];
    };
    const esm = existsSync(loadLog) ? readFileSync(loadLog, 'utf8').split('\n').filter(Boolean) : [];
    return { ...result, esm };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

describe('telemetry off costs nothing', () => {
  let receiver: OtlpReceiver;
  beforeAll(async () => {
    receiver = await startOtlpReceiver();
  });
  afterAll(() => receiver?.stop());

  it('serves a request without loading any @opentelemetry module', async () => {
    const off = await oneRequest({});
    expect(off).toMatchObject({ status: 200, finished: true, tracing: false });
    expect(off.esm).toEqual([]);
    expect(off.cjs).toEqual([]);
  });

  it('OTEL_EXPORTER_OTLP_ENDPOINT turns it on: the SDK loads and the request span arrives', async () => {
    const on = await oneRequest({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'outcrop-env',
    });
    expect(on).toMatchObject({ status: 200, finished: true, tracing: true });
    // The ES loads are what the gateway imports; seeing them proves the recorder works.
    expect(on.esm.some((url) => url.includes('@opentelemetry/sdk-trace-base'))).toBe(true);
    const request = receiver.spans.find((s) => s.kind === 2);
    expect(request?.attributes['gen_ai.operation.name']).toBe('chat');
    expect(request?.resource['service.name']).toBe('outcrop-env');
  });
});
