// Five ways to consume the same ConverseStream response, each returning the text it assembled (so a run
// that loses or duplicates text fails instead of looking fast). Peers are set up the way their docs say.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAmazonBedrock } from '@ai-sdk/amazon-bedrock';
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import type { Model } from '@mariozechner/pi-ai';
import { bedrockProviderModule } from '@mariozechner/pi-ai/bedrock-provider';
import { parseConfig } from '@outcrop/config-schema';
import { converseStream } from '@outcrop/converse-stream';
import type { BedrockConnection } from '@outcrop/credentials';
import { createOutcrop, type ModelSpec, type Outcrop } from '@outcrop/provider';
import { streamText } from 'ai';
import type { EmulatorProcess } from './emulator-process.js';

export const BENCH_MODEL_ID = 'anthropic.claude-3-5-haiku-20241022-v1:0';
const PROMPT = 'bench';

export type Consumer = () => Promise<string>;

export interface ConsumerSet {
  rawSdk: Consumer;
  converseStream: Consumer;
  provider: Consumer;
  piAi: Consumer;
  vercel: Consumer;
  close(): void;
}

export const outcropModel: ModelSpec = {
  provider: 'amazon-bedrock',
  api: 'bedrock-converse-stream',
  id: BENCH_MODEL_ID,
};

export function piAiModel(baseUrl: string): Model<'bedrock-converse-stream'> {
  return {
    id: BENCH_MODEL_ID,
    name: 'Claude 3.5 Haiku',
    api: 'bedrock-converse-stream',
    provider: 'amazon-bedrock',
    baseUrl,
    reasoning: false,
    input: ['text'],
    cost: { input: 0.8, output: 4, cacheRead: 0.08, cacheWrite: 1 },
    contextWindow: 200_000,
    maxTokens: 8192,
  };
}

/**
 * pi-ai reads the AWS SDK's environment (endpoint, keys, region): point it at the emulator. Our own
 * consumers get an explicit connection, so the process env only matters to pi-ai and the raw SDK defaults.
 */
export function pointProcessEnvAt(emulator: EmulatorProcess): void {
  for (const name of ['AWS_BEARER_TOKEN_BEDROCK', 'AWS_PROFILE', 'AWS_SESSION_TOKEN'])
    delete process.env[name];
  Object.assign(process.env, emulator.env);
}

/** An Outcrop over the emulator, as an app gets one: no discovery, one attempt per call. */
export function benchOutcrop(emulator: EmulatorProcess): Promise<Outcrop> {
  return createOutcrop({
    config: parseConfig('{ models: { bedrockDiscovery: { enabled: false } } }'),
    env: emulator.env,
    homeDir: mkdtempSync(path.join(tmpdir(), 'outcrop-bench-home-')),
    transport: { maxAttempts: 1 },
  });
}

export function createConsumers(
  emulator: EmulatorProcess,
  connection: BedrockConnection,
  outcrop: Outcrop,
): ConsumerSet {
  const input = {
    modelId: BENCH_MODEL_ID,
    messages: [{ role: 'user' as const, content: [{ text: PROMPT }] }],
  };
  const raw = new BedrockRuntimeClient({ ...connection.clientConfig('bedrock-runtime'), maxAttempts: 1 });
  const bedrock = createAmazonBedrock({
    baseURL: emulator.url,
    region: emulator.region,
    accessKeyId: emulator.credentials.accessKeyId,
    secretAccessKey: emulator.credentials.secretAccessKey,
  });
  const piModel = piAiModel(emulator.url);

  return {
    rawSdk: async () => {
      const output = await raw.send(new ConverseStreamCommand(input));
      let text = '';
      for await (const event of output.stream!) {
        const delta = event.contentBlockDelta?.delta?.text;
        if (delta !== undefined) text += delta;
      }
      return text;
    },
    converseStream: async () => {
      let text = '';
      for await (const event of converseStream(input, { connection, maxAttempts: 1 })) {
        if (event.type === 'textDelta') text += event.text;
      }
      return text;
    },
    provider: async () => {
      let text = '';
      for await (const part of outcrop.stream(outcropModel, {
        messages: [{ role: 'user', content: PROMPT }],
      })) {
        if (part.type === 'text-delta') text += part.delta;
        else if (part.type === 'error') throw part.error;
      }
      return text;
    },
    piAi: async () => {
      let text = '';
      const events = bedrockProviderModule.streamBedrock(piModel, {
        messages: [{ role: 'user', content: PROMPT, timestamp: Date.now() }],
      });
      for await (const event of events) {
        if (event.type === 'text_delta') text += event.delta;
        else if (event.type === 'error') throw new Error(`pi-ai: ${event.error.errorMessage}`);
      }
      return text;
    },
    vercel: async () => {
      let text = '';
      const result = streamText({ model: bedrock(BENCH_MODEL_ID), prompt: PROMPT, maxRetries: 0 });
      for await (const part of result.fullStream) {
        if (part.type === 'text-delta') text += part.text;
        else if (part.type === 'error') throw part.error;
      }
      return text;
    },
    close: () => {
      raw.destroy();
      void outcrop.close();
    },
  };
}
