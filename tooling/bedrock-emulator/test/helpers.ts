// Real AWS SDK clients pointed at an emulator. Explicit credentials and region, so the SDK never looks at a
// developer's environment.
import { BedrockClient, type BedrockClientConfig } from '@aws-sdk/client-bedrock';
import {
  BedrockRuntimeClient,
  type BedrockRuntimeClientConfig,
  type ConverseStreamOutput,
} from '@aws-sdk/client-bedrock-runtime';
import type { Emulator } from '../src/index.js';

export function runtimeClient(emulator: Emulator, config: Partial<BedrockRuntimeClientConfig> = {}) {
  return new BedrockRuntimeClient({
    endpoint: emulator.url,
    region: emulator.region,
    credentials: emulator.credentials,
    ...config,
  });
}

export function controlClient(emulator: Emulator, config: Partial<BedrockClientConfig> = {}) {
  return new BedrockClient({
    endpoint: emulator.url,
    region: emulator.region,
    credentials: emulator.credentials,
    ...config,
  });
}

/** Every event of a stream, as the SDK yields them. */
export async function collect(stream: AsyncIterable<ConverseStreamOutput> | undefined) {
  const events: ConverseStreamOutput[] = [];
  for await (const event of stream ?? []) events.push(event);
  return events;
}

export function eventNames(events: ConverseStreamOutput[]): string[] {
  return events.map((event) => Object.keys(event).find((key) => key !== '$unknown') ?? '$unknown');
}

export function streamedText(events: ConverseStreamOutput[]): string {
  return events.map((event) => event.contentBlockDelta?.delta?.text ?? '').join('');
}

export const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
export const SONNET4_US = 'us.anthropic.claude-sonnet-4-20250514-v1:0';

export const userText = (text: string) => [{ role: 'user' as const, content: [{ text }] }];

/** Awaits a promise that must reject and returns the error. */
export async function failure(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Rewrites the JSON body after the SDK serialized it (before signing): sends what the SDK types forbid. */
export function rewriteBody(
  client: BedrockRuntimeClient,
  mutate: (body: Record<string, unknown>) => void,
): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { body?: unknown; headers: Record<string, string> };
      const raw = request.body;
      const text =
        typeof raw === 'string'
          ? raw
          : raw instanceof Uint8Array
            ? Buffer.from(raw).toString('utf8')
            : undefined;
      if (text !== undefined) {
        const body = JSON.parse(text) as Record<string, unknown>;
        mutate(body);
        const json = JSON.stringify(body);
        request.body = json;
        request.headers['content-length'] = String(Buffer.byteLength(json));
      }
      return next(args);
    },
    { step: 'build', priority: 'low' },
  );
}

export const SONNET45_US = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
