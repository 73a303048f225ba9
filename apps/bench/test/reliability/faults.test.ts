// The fault matrix through every surface: the provider (stream parts), the gateway (raw SSE over HTTP) and
// the CLI (`outcrop chat`, exit code and output). Each case checks the typed outcome, that the text seen is
// the reply or a prefix of it (nothing lost or repeated), and that nothing runs past its timeouts: every
// call has a hard deadline well above attempts x timeout, and missing it fails the case as a hang.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Emulator } from '@outcrop/bedrock-emulator';
import { closeConverseClients } from '@outcrop/converse-stream';
import { resolveBedrockConnection } from '@outcrop/credentials';
import type { ProviderV1, StreamPart } from '@outcrop/provider';
import { createBedrockProvider } from '@outcrop/provider/bedrock';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNode } from '../../src/spawn-node.js';
import { cliEnv, cliMain } from '../../src/workspace.js';
import { MODEL_ID, MODEL_REF, startSecretEmulator } from './support/emulator.js';
import {
  caseLabel,
  checkText,
  FAULT_CASES,
  type FaultCase,
  gatewayCode,
  gatewayStatus,
  promptFor,
  REPLY,
} from './support/fault-cases.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';
import { createCapture, errorText, expectNoSecrets, SECRETS } from './support/secrets.js';
import { chatBody, parseSse, postJson } from './support/sse.js';

/** Far above 3 attempts x the 1-1.5 s timeouts plus backoff: reaching it means a hang. */
const DEADLINE_MS = 20_000;
const capture = createCapture();
const cases = FAULT_CASES.map((fault, index) => [caseLabel(fault), index, fault] as const);

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startSecretEmulator();
});
afterAll(async () => {
  closeConverseClients();
  await emulator?.stop();
  expectNoSecrets(capture);
});

function withDeadline<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} hung past ${DEADLINE_MS} ms`)), DEADLINE_MS);
  });
  return Promise.race([work, hang]).finally(() => clearTimeout(timer));
}

describe('provider', () => {
  let provider: ProviderV1;
  beforeAll(async () => {
    const connection = await resolveBedrockConnection({
      env: emulator.env(),
      homeDir: mkdtempSync(path.join(tmpdir(), 'outcrop-faults-home-')),
    });
    provider = createBedrockProvider({
      connection,
      transport: { maxAttempts: 3, retryBaseMs: 10, firstEventTimeoutMs: 1_000, idleTimeoutMs: 1_000 },
    });
  });

  it.each(cases)('%s', async (_label, index, fault: FaultCase) => {
    const model = { provider: 'amazon-bedrock', api: 'bedrock-converse-stream', id: MODEL_ID };
    const parts = await withDeadline(
      (async () => {
        const seen: StreamPart[] = [];
        const context = {
          messages: [{ role: 'user' as const, content: promptFor('provider', index, fault) }],
        };
        for await (const part of provider.stream(model, context)) seen.push(part);
        return seen;
      })(),
      'the provider stream',
    );
    const last = parts.at(-1);
    const text = parts.map((p) => (p.type === 'text-delta' ? p.delta : '')).join('');
    if (last?.type === 'error') capture.add('provider error', errorText(last.error));
    expect(parts.filter((p) => p.type === 'finish' || p.type === 'error')).toHaveLength(1);
    if (fault.code) expect(last).toMatchObject({ type: 'error', error: { code: fault.code } });
    else expect(last).toMatchObject({ type: 'finish', finishReason: 'stop' });
    expect(checkText(fault, text)).toBeUndefined();
  });
});

describe.concurrent('gateway', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(emulator, capture);
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it.each(cases)('%s', async (_label, index, fault: FaultCase) => {
    const res = await withDeadline(
      postJson(
        gw.url,
        '/v1/chat/completions',
        chatBody(MODEL_REF, promptFor('gateway', index, fault)),
        gw.headers,
        {
          timeoutMs: DEADLINE_MS,
        },
      ),
      'the gateway request',
    );
    capture.add(`gateway response ${res.status}`, res.body);
    if (fault.code && fault.phase === 'before first token') {
      // No content yet: the real status and an OpenAI error body.
      expect(res.status).toBe(gatewayStatus(fault));
      expect(JSON.parse(res.body)).toMatchObject({
        error: { code: gatewayCode(fault), message: expect.any(String) },
      });
      return;
    }
    expect(res.status).toBe(200);
    const sse = parseSse(res.body);
    if (fault.code) {
      expect(sse.error).toMatchObject({ code: gatewayCode(fault) });
      expect(sse.done).toBe(false); // never a fake clean end
      expect(sse.finishReason).toBeUndefined();
    } else {
      expect(sse.error).toBeUndefined();
      expect(sse).toMatchObject({ finishReason: 'stop', done: true });
    }
    expect(checkText(fault, sse.text)).toBeUndefined();
  });
});

describe('gateway through the openai client', () => {
  let gw: TestGateway;
  let client: OpenAI;
  beforeAll(async () => {
    gw = await startTestGateway(emulator, capture);
    client = new OpenAI({
      baseURL: `${gw.url}/v1`,
      apiKey: SECRETS.gatewayToken,
      maxRetries: 0,
      timeout: DEADLINE_MS,
    });
  });
  afterAll(async () => {
    await gw?.stop();
  });

  const pick = (name: string, phase: string) => {
    const index = FAULT_CASES.findIndex((c) => c.name === name && c.phase === phase);
    return [caseLabel(FAULT_CASES[index]!), index, FAULT_CASES[index]!] as const;
  };

  it.each([
    pick('slow first byte (300 ms)', 'before first token'),
    pick('HTTP 429 ThrottlingException', 'before first token'),
    pick('stream exception modelStreamErrorException', 'mid-stream'),
    pick('stall', 'mid-stream'),
  ])('%s: the SDK sees the outcome', async (_label, index, fault: FaultCase) => {
    let text = '';
    let failure: unknown;
    try {
      const stream = await client.chat.completions.create({
        model: MODEL_REF,
        stream: true,
        messages: [{ role: 'user', content: promptFor('openai', index, fault) }],
      });
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    } catch (error) {
      failure = error;
      capture.add('openai client error', errorText(error));
    }
    if (!fault.code) {
      expect(failure).toBeUndefined();
      expect(text).toBe(REPLY);
      return;
    }
    // The OpenAI SDK raises an APIError for an error status and for an `error` event inside the stream.
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    if (fault.phase === 'before first token') {
      expect((failure as InstanceType<typeof OpenAI.APIError>).status).toBe(gatewayStatus(fault));
    }
    expect(checkText(fault, text)).toBeUndefined();
  });
});

describe.concurrent('cli: outcrop chat', () => {
  let env: Record<string, string>;
  beforeAll(() => {
    const home = mkdtempSync(path.join(tmpdir(), 'outcrop-faults-cli-'));
    env = cliEnv(home, emulator.env());
    expect(env.AWS_SECRET_ACCESS_KEY).toBe(SECRETS.awsSecretAccessKey);
  });

  it.each(cases)('%s', async (_label, index, fault: FaultCase) => {
    const args = [cliMain(), 'chat', '-m', MODEL_REF, promptFor('cli', index, fault)];
    // The CLI has no timeout flags (converse-stream's defaults: 120 s to the first event, 300 s idle), so a
    // stall ends the way a user ends it: Ctrl-C, once the text before the stall has arrived.
    const run = await runNode(args, {
      env,
      killAfterMs: DEADLINE_MS,
      onSpawn: (child) => {
        if (!fault.stall) return;
        const interrupt = () => child.kill('SIGINT');
        if (fault.phase === 'mid-stream') {
          child.stdout.once('data', () => setTimeout(interrupt, 200));
          return;
        }
        // Before the first token there is no output to wait for: wait for the request to reach the emulator
        // (the CLI is then streaming, its Ctrl-C handling in place).
        const marker = `[cli case ${index}]`;
        emulator.journal
          .waitFor(
            (e) => e.operation === 'ConverseStream' && JSON.stringify(e.body).includes(marker),
            DEADLINE_MS,
          )
          .then(() => setTimeout(interrupt, 200), interrupt);
      },
    });
    capture.add('cli stdout', run.stdout);
    capture.add('cli stderr', run.stderr);
    expect(run.signal, 'the CLI was killed by a signal (SIGKILL: it hung past the deadline)').toBeNull();
    if (fault.stall) {
      expect(run.code).toBe(130);
    } else if (fault.code && !fault.slowOnly) {
      expect(run.code, run.stderr).toBe(5);
      expect(run.stderr).toMatch(/^error: /m);
    } else {
      // No fault, or a slow first byte well within the CLI's own first-event timeout.
      expect(run.code, run.stderr).toBe(0);
    }
    const effective = fault.slowOnly ? { ...fault, code: undefined } : fault;
    expect(checkText(effective, run.stdout)).toBeUndefined();
  });
});
