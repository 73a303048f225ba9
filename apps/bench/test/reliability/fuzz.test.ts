// Fuzz: random and mutated event-stream frames through converse-stream's real decode path (replayed by the
// emulator as raw response bytes), mutated configs through parseConfig, mutated request bodies through the
// gateway. Only typed errors are allowed: no crash, no hang, no untyped exception. Seeded: set
// OUTCROP_FUZZ_SEED to the printed seed to reproduce a run.
import { mkdtempSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Emulator } from '@outcrop/bedrock-emulator';
import { ConfigError, parseConfig } from '@outcrop/config-schema';
import { ConverseStreamError, closeConverseClients, converseStream } from '@outcrop/converse-stream';
import { type BedrockConnection, resolveBedrockConnection } from '@outcrop/credentials';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrng, mutateText, seedFromEnv } from '../../src/prng.js';
import { MODEL_ID, MODEL_REF, startSecretEmulator } from './support/emulator.js';
import { recording } from './support/frames.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';
import { createCapture, errorText, expectNoSecrets } from './support/secrets.js';
import { postJson } from './support/sse.js';

const SEED = seedFromEnv();
const FRAME_TARGET = 100_000;
const FRAMES_PER_RECORDING = 50;
const CONFIGS = 10_000;
const BODIES = 10_000;
const capture = createCapture();

let emulator: Emulator;
let connection: BedrockConnection;
beforeAll(async () => {
  console.log(`fuzz seed ${SEED} (reproduce with OUTCROP_FUZZ_SEED=${SEED})`);
  emulator = await startSecretEmulator();
  connection = await resolveBedrockConnection({
    env: emulator.env(),
    homeDir: mkdtempSync(path.join(tmpdir(), 'outcrop-fuzz-home-')),
  });
});
afterAll(async () => {
  closeConverseClients();
  await emulator?.stop();
  expectNoSecrets(capture);
});

describe(`fuzz (seed ${SEED})`, () => {
  it(`decodes >= ${FRAME_TARGET.toLocaleString('en-US')} random and mutated frames with only typed errors`, async () => {
    const prng = createPrng(SEED);
    let frames = 0;
    let recordings = 0;
    const outcomes = new Map<string, number>();
    const input = { modelId: MODEL_ID, messages: [{ role: 'user' as const, content: [{ text: 'fuzz' }] }] };
    while (frames < FRAME_TARGET) {
      const { bytes, frames: count } = recording(prng, 1 + prng.int(2 * FRAMES_PER_RECORDING));
      emulator.recordings.add(bytes, 'fuzz');
      emulator.scenarios.push({ replay: 'fuzz' });
      let outcome = 'completed';
      try {
        const events = converseStream(input, {
          connection,
          maxAttempts: 1,
          firstEventTimeoutMs: 5_000,
          idleTimeoutMs: 5_000,
        });
        for await (const _ of events) {
          // every event is decoded and mapped; the content does not matter here
        }
      } catch (error) {
        if (!ConverseStreamError.isInstance(error)) {
          throw new Error(
            `recording ${recordings} (seed ${SEED}) raised an untyped error: ${errorText(error)}\nbytes: ${bytes.toString('base64')}`,
          );
        }
        capture.add('converse-stream error', errorText(error));
        outcome = error.code;
      }
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      frames += count;
      recordings++;
    }
    console.log(
      `fuzz frames: ${frames} frames in ${recordings} responses; outcomes ${JSON.stringify(Object.fromEntries(outcomes))}`,
    );
    expect(frames).toBeGreaterThanOrEqual(FRAME_TARGET);
    // Both clean ends and typed failures were exercised (a fuzz that never fails proves nothing).
    expect(outcomes.get('completed') ?? 0).toBeGreaterThan(0);
    expect([...outcomes.keys()].filter((k) => k !== 'completed').length).toBeGreaterThan(1);
  }, 240_000);

  it(`parses ${CONFIGS.toLocaleString('en-US')} mutated configs with only located ConfigErrors`, () => {
    const prng = createPrng(SEED ^ 0x5bd1e995);
    const corpus = [
      `// Outcrop config\n{\n  models: {\n    providers: {\n      'amazon-bedrock': { region: 'us-east-1', models: [{ id: 'anthropic.claude-3-5-haiku-20241022-v1:0', contextWindow: 200000 }] },\n    },\n    bedrockDiscovery: { enabled: true, refreshInterval: 600, providerFilter: ['anthropic'] },\n  },\n  agents: { defaults: { model: { primary: '${MODEL_REF}', fallbacks: [] } } },\n  gateway: { port: 4141, auth: { tokens: ['\${OUTCROP_GATEWAY_TOKEN}'] }, limits: { maxBodyBytes: 1048576 } },\n}\n`,
      '{"gateway":{"host":"127.0.0.1","port":0,"limits":{"idleTimeoutMs":1000,"firstEventTimeoutMs":500}}}',
      "{ agents: { defaults: { model: 'amazon-bedrock/amazon.nova-lite-v1:0', models: { 'amazon-bedrock/amazon.nova-lite-v1:0': { alias: 'lite' } } } } }",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's own env substitution syntax
      '{ models: { providers: { custom: { baseUrl: "http://127.0.0.1:9", api: "openai", apiKey: "${MISSING_KEY}", models: [] } } } }',
    ];
    const env = { OUTCROP_GATEWAY_TOKEN: 'tok-for-fuzz' };
    const outcomes = { ok: 0, configError: 0 };
    for (let i = 0; i < CONFIGS; i++) {
      const text = mutateText(prng.pick(corpus), prng);
      try {
        parseConfig(text, { fileName: 'fuzz.json5', env });
        outcomes.ok++;
      } catch (error) {
        if (!ConfigError.isInstance(error)) {
          throw new Error(
            `config ${i} (seed ${SEED}) raised ${errorText(error)}\ninput: ${JSON.stringify(text)}`,
          );
        }
        expect(error.code).toBe('config_invalid');
        expect(error.issues.length).toBeGreaterThan(0);
        capture.add('config error', error.message);
        outcomes.configError++;
      }
    }
    console.log(`fuzz configs: ${JSON.stringify(outcomes)}`);
    expect(outcomes.ok).toBeGreaterThan(0);
    expect(outcomes.configError).toBeGreaterThan(0);
  }, 120_000);

  describe('gateway request bodies', () => {
    let gw: TestGateway;
    beforeAll(async () => {
      gw = await startTestGateway(emulator, capture);
    });
    afterAll(async () => {
      await gw?.stop();
    });

    it(`answers ${BODIES.toLocaleString('en-US')} mutated bodies with a typed status and an OpenAI error body`, async () => {
      const prng = createPrng(SEED ^ 0x27d4eb2f);
      const corpus = [
        JSON.stringify({ model: MODEL_REF, messages: [{ role: 'user', content: 'hi' }], max_tokens: 16 }),
        JSON.stringify({
          model: MODEL_REF,
          stream: true,
          stream_options: { include_usage: true },
          messages: [
            { role: 'system', content: 'be brief' },
            { role: 'user', content: [{ type: 'text', text: 'hello' }] },
          ],
          temperature: 0.2,
        }),
        JSON.stringify({
          model: MODEL_REF,
          messages: [
            { role: 'user', content: 'weather?' },
            {
              role: 'assistant',
              tool_calls: [{ id: 'c1', type: 'function', function: { name: 'w', arguments: '{}' } }],
            },
            { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
          ],
          tools: [{ type: 'function', function: { name: 'w', parameters: { type: 'object' } } }],
          tool_choice: 'auto',
        }),
      ];
      const agent = new Agent({ keepAlive: true, maxSockets: 8 });
      const statuses = new Map<number, number>();
      let next = 0;
      const worker = async () => {
        while (next < BODIES) {
          const i = next++;
          const body = mutateText(prng.pick(corpus), prng);
          const res = await postJson(gw.url, '/v1/chat/completions', body, gw.headers, {
            agent,
            timeoutMs: 20_000,
          });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          capture.add(`gateway response ${res.status}`, res.body);
          if (res.status !== 200) {
            let parsed: { error?: { message?: unknown; type?: unknown } };
            try {
              parsed = JSON.parse(res.body) as typeof parsed;
            } catch {
              throw new Error(
                `body ${i} (seed ${SEED}): status ${res.status} without a JSON error body: ${res.body.slice(0, 200)}`,
              );
            }
            if (
              typeof parsed.error?.message !== 'string' ||
              typeof parsed.error.type !== 'string' ||
              res.status === 500
            ) {
              throw new Error(
                `body ${i} (seed ${SEED}): status ${res.status}, body ${res.body.slice(0, 300)}\ninput: ${body}`,
              );
            }
          }
        }
      };
      try {
        await Promise.all(Array.from({ length: 8 }, worker));
      } finally {
        agent.destroy();
      }
      console.log(`fuzz bodies: statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
      expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
      expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    }, 240_000);

    // The other dialects: Anthropic's error body ({ type: 'error', error: { type, message } }) and OpenAI's both
    // carry error.type and error.message, so one check serves both.
    const DIALECT_BODIES = 1_500;
    const dialects: [string, string[]][] = [
      [
        '/v1/messages',
        [
          JSON.stringify({ model: MODEL_REF, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }),
          JSON.stringify({
            model: MODEL_REF,
            max_tokens: 64,
            stream: true,
            system: [{ type: 'text', text: 'be brief', cache_control: { type: 'ephemeral' } }],
            thinking: { type: 'enabled', budget_tokens: 1024 },
            tools: [{ name: 'w', input_schema: { type: 'object' } }],
            tool_choice: { type: 'auto' },
            messages: [
              { role: 'user', content: [{ type: 'text', text: 'weather?' }] },
              {
                role: 'assistant',
                content: [
                  { type: 'thinking', thinking: 'hm', signature: 'c2ln' },
                  { type: 'tool_use', id: 't1', name: 'w', input: {} },
                ],
              },
              { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'sunny' }] },
            ],
          }),
        ],
      ],
      [
        '/v1/responses',
        [
          JSON.stringify({ model: MODEL_REF, input: 'hi', max_output_tokens: 16 }),
          JSON.stringify({
            model: MODEL_REF,
            stream: true,
            instructions: 'be brief',
            reasoning: { effort: 'low' },
            tools: [{ type: 'function', name: 'w', parameters: { type: 'object' } }],
            input: [
              { role: 'user', content: [{ type: 'input_text', text: 'weather?' }] },
              { type: 'function_call', call_id: 'c1', name: 'w', arguments: '{}' },
              { type: 'function_call_output', call_id: 'c1', output: 'sunny' },
            ],
            text: { format: { type: 'json_schema', name: 'x', schema: { type: 'object' } } },
          }),
        ],
      ],
      [
        '/v1/embeddings',
        [
          JSON.stringify({ model: 'amazon.titan-embed-text-v2:0', input: 'granite', dimensions: 256 }),
          JSON.stringify({
            model: 'amazon-bedrock/cohere.embed-english-v3',
            input: ['granite', 'basalt', 'gneiss'],
            encoding_format: 'base64',
            input_type: 'search_query',
          }),
          JSON.stringify({
            model: 'amazon.titan-embed-text-v2:0',
            input: ['a', 'b'],
            encoding_format: 'float',
            normalize: false,
            user: 'u1',
          }),
        ],
      ],
    ];
    for (const [route, corpus] of dialects) {
      it(`answers ${DIALECT_BODIES.toLocaleString('en-US')} mutated ${route} bodies with a typed status and error body`, async () => {
        const prng = createPrng(SEED ^ route.length);
        const agent = new Agent({ keepAlive: true, maxSockets: 4 });
        const statuses = new Map<number, number>();
        let next = 0;
        const worker = async () => {
          while (next < DIALECT_BODIES) {
            const i = next++;
            const body = mutateText(prng.pick(corpus), prng);
            const res = await postJson(gw.url, route, body, gw.headers, { agent, timeoutMs: 20_000 });
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            capture.add(`gateway response ${res.status}`, res.body);
            if (res.status === 200) continue;
            let parsed: { error?: { message?: unknown; type?: unknown } } | undefined;
            try {
              parsed = JSON.parse(res.body) as typeof parsed;
            } catch {
              parsed = undefined;
            }
            if (
              typeof parsed?.error?.message !== 'string' ||
              typeof parsed.error.type !== 'string' ||
              res.status === 500
            ) {
              throw new Error(
                `${route} body ${i} (seed ${SEED}): status ${res.status}, body ${res.body.slice(0, 300)}\ninput: ${body}`,
              );
            }
          }
        };
        try {
          await Promise.all(Array.from({ length: 4 }, worker));
        } finally {
          agent.destroy();
        }
        console.log(`fuzz ${route} bodies: statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
        expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
        expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
      }, 240_000);
    }
  });
});
