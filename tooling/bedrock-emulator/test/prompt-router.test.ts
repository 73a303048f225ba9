// Prompt routers through the real SDKs: GetPromptRouter / ListPromptRouters on the control plane, and a router
// ARN on the runtime, whose answer names the model it chose in `trace.promptRouter.invokedModelId`.
import {
  GetPromptRouterCommand,
  ListPromptRoutersCommand,
  paginateListPromptRouters,
} from '@aws-sdk/client-bedrock';
import { ConverseCommand, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTER_SHORT_PROMPT } from '../src/catalog.js';
import { defaultCatalog, type Emulator, startEmulator } from '../src/index.js';
import { collect, controlClient, failure, runtimeClient, userText } from './helpers.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());

const account = defaultCatalog().accountId;
const ROUTER = `arn:aws:bedrock:us-east-1:${account}:default-prompt-router/anthropic.claude:1`;
const HAIKU_US = `arn:aws:bedrock:us-east-1:${account}:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0`;
const SONNET_US = `arn:aws:bedrock:us-east-1:${account}:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0`;
const control = (region = 'us-east-1') => controlClient(emulator, { region, maxAttempts: 1 });
const runtime = () => runtimeClient(emulator, { region: 'us-east-1', maxAttempts: 1 });

describe('GetPromptRouter / ListPromptRouters', () => {
  it('describes the default Claude router with its models and fallback', async () => {
    const client = control();
    const router = await client.send(new GetPromptRouterCommand({ promptRouterArn: ROUTER }));
    expect(router).toMatchObject({
      promptRouterArn: ROUTER,
      promptRouterName: 'Anthropic Prompt Router',
      models: [{ modelArn: HAIKU_US }, { modelArn: SONNET_US }],
      fallbackModel: { modelArn: SONNET_US },
      routingCriteria: { responseQualityDifference: 0 },
      status: 'AVAILABLE',
      type: 'default',
    });
    expect(router.createdAt).toBeInstanceOf(Date);
    client.destroy();
  });

  it('answers a router of another region or account as not found, and a malformed ARN by the API model', async () => {
    const client = control('us-west-2');
    const elsewhere = await failure(client.send(new GetPromptRouterCommand({ promptRouterArn: ROUTER })));
    expect(elsewhere.name).toBe('ResourceNotFoundException');
    const malformed = await failure(
      client.send(
        new GetPromptRouterCommand({ promptRouterArn: 'arn:aws:bedrock:us-west-2:1:prompt-router/x' }),
      ),
    );
    expect(malformed.name).toBe('ValidationException');
    expect(malformed.message).toMatch(
      /^1 validation error detected: Value 'arn:aws:bedrock:us-west-2:1:prompt-router\/x' at 'promptRouterArn' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
    client.destroy();
  });

  it('lists the routers of the region, filtered by type and paged', async () => {
    const client = control('us-west-2');
    const { promptRouterSummaries = [] } = await client.send(new ListPromptRoutersCommand({}));
    expect(promptRouterSummaries.map((router) => router.promptRouterArn)).toEqual([
      `arn:aws:bedrock:us-west-2:${account}:default-prompt-router/anthropic.claude:1`,
    ]);
    const custom = await client.send(new ListPromptRoutersCommand({ type: 'custom' }));
    expect(custom.promptRouterSummaries).toEqual([]);
    const pages: number[] = [];
    for await (const page of paginateListPromptRouters({ client, pageSize: 1 }, {}))
      pages.push(page.promptRouterSummaries?.length ?? 0);
    expect(pages).toEqual([1]);
    const bad = await failure(client.send(new ListPromptRoutersCommand({ maxResults: 0 })));
    expect(bad.message).toMatch(
      /at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1/,
    );
    client.destroy();
  });
});

describe('a router ARN on the runtime', () => {
  it('routes a short prompt to the cheaper model and says so in the Converse trace', async () => {
    const client = runtime();
    const reply = await client.send(new ConverseCommand({ modelId: ROUTER, messages: userText('hi') }));
    expect(reply.trace?.promptRouter?.invokedModelId).toBe(HAIKU_US);
    expect(reply.output?.message?.content?.[0]?.text).toBeTruthy();
    client.destroy();
  });

  it('routes a long prompt to the fallback model and says so in the stream metadata', async () => {
    const client = runtime();
    const long = 'Explain the geology of this outcrop in detail. '.repeat(8);
    expect(long.length).toBeGreaterThan(ROUTER_SHORT_PROMPT);
    const output = await client.send(
      new ConverseStreamCommand({ modelId: ROUTER, messages: userText(long) }),
    );
    const events = await collect(output.stream);
    const metadata = events.find((event) => event.metadata)?.metadata;
    expect(metadata?.trace?.promptRouter?.invokedModelId).toBe(SONNET_US);
    expect(metadata?.usage?.outputTokens).toBeGreaterThan(0);
    client.destroy();
  });

  it('refuses a router that does not exist as an invalid model identifier', async () => {
    const client = runtime();
    const error = await failure(
      client.send(
        new ConverseCommand({
          modelId: ROUTER.replace('anthropic.claude:1', 'meta.llama:9'),
          messages: userText('hi'),
        }),
      ),
    );
    expect(error.message).toBe('The provided model identifier is invalid.');
    client.destroy();
  });
});
