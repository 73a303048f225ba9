// What each model accepts, from the catalog, refused with Bedrock's messages (sources in src/capabilities.ts
// and the README's coverage table), through the real AWS SDK.
import {
  ConverseCommand,
  type ConverseCommandInput,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog, type Emulator, startEmulator } from '../src/index.js';
import { failure, HAIKU, rewriteBody, runtimeClient, SONNET4_US, SONNET45_US, userText } from './helpers.js';

const ADAPTIVE_ONLY = 'anthropic.claude-adaptive-test-v1:0';
let emulator: Emulator;
let client: ReturnType<typeof runtimeClient>;
beforeAll(async () => {
  const catalog = defaultCatalog();
  const opus = catalog.models.find((model) => model.modelId === 'anthropic.claude-opus-4-5-20251101-v1:0')!;
  catalog.models.push({
    ...opus,
    modelId: ADAPTIVE_ONLY,
    inferenceTypesSupported: ['ON_DEMAND'],
    thinking: 'adaptive',
  });
  emulator = await startEmulator({ catalog });
  client = runtimeClient(emulator, { maxAttempts: 1 });
});
afterAll(async () => {
  client.destroy();
  await emulator.stop();
});

type Input = Omit<ConverseCommandInput, 'modelId'> & { modelId?: string };
async function refused(
  input: Input,
  mutate?: (body: Record<string, unknown>) => void,
): Promise<{ name: string; status: unknown; message: string }> {
  const sender = mutate ? runtimeClient(emulator, { maxAttempts: 1 }) : client;
  if (mutate) rewriteBody(sender, mutate);
  const error = await failure(
    sender.send(new ConverseCommand({ modelId: HAIKU, ...input } as ConverseCommandInput)),
  );
  if (mutate) sender.destroy();
  return {
    name: error.name,
    status: (error.$metadata as { httpStatusCode?: number }).httpStatusCode,
    message: error.message,
  };
}
const invalid = (message: string) => ({ name: 'ValidationException', status: 400, message });
const png = (size = 64) => {
  const bytes = Buffer.alloc(size);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  return new Uint8Array(bytes);
};
const tools = { tools: [{ toolSpec: { name: 'lookup', inputSchema: { json: { type: 'object' } } } }] };

describe('system prompts, tools', () => {
  it('a system prompt to a model without system prompts', async () => {
    expect(
      await refused({
        modelId: 'amazon.titan-text-express-v1',
        messages: userText('x'),
        system: [{ text: 'be brief' }],
      }),
    ).toEqual(
      invalid(
        "This model doesn't support system messages. Try again without a system message or use a model that supports system messages.",
      ),
    );
  });
  it('a tool choice the model does not offer', async () => {
    expect(
      await refused({
        modelId: 'meta.llama3-1-8b-instruct-v1:0',
        messages: userText('x'),
        toolConfig: { ...tools, toolChoice: { any: {} } },
      }),
    ).toEqual(
      invalid(
        "This model doesn't support the toolConfig.toolChoice.any field. Remove toolConfig.toolChoice.any and try again.",
      ),
    );
  });
  it('tools in a stream to a model that takes tools only without streaming', async () => {
    const error = await failure(
      client.send(
        new ConverseStreamCommand({
          modelId: 'meta.llama3-1-8b-instruct-v1:0',
          messages: userText('x'),
          toolConfig: tools,
        }),
      ),
    );
    expect([error.name, error.message]).toEqual([
      'ValidationException',
      "This model doesn't support tool use in streaming mode.",
    ]);
  });
  it('a tool choice naming an unknown tool', async () => {
    expect(
      await refused({
        messages: userText('x'),
        toolConfig: { ...tools, toolChoice: { tool: { name: 'missing' } } },
      }),
    ).toEqual(
      invalid(
        "The model returned the following errors: tool_choice.name: Tool 'missing' not found in provided tools",
      ),
    );
  });
});

describe('modalities', () => {
  it('an image to a text-only model', async () => {
    expect(
      await refused({
        modelId: 'amazon.nova-micro-v1:0',
        messages: [
          { role: 'user', content: [{ text: 'x' }, { image: { format: 'png', source: { bytes: png() } } }] },
        ],
      }),
    ).toEqual(invalid("This model doesn't support the image field for user messages."));
  });
  it('a document to a model without documents', async () => {
    expect(
      await refused({
        modelId: 'amazon.nova-micro-v1:0',
        messages: [
          {
            role: 'user',
            content: [
              { text: 'x' },
              { document: { name: 'notes', format: 'txt', source: { text: 'hello' } } },
            ],
          },
        ],
      }),
    ).toEqual(invalid("This model doesn't support the document field for user messages."));
  });
  it('a video to a model without video input', async () => {
    expect(
      await refused({
        messages: [
          {
            role: 'user',
            content: [
              { text: 'x' },
              { video: { format: 'mp4', source: { bytes: new Uint8Array([1, 2, 3]) } } },
            ],
          },
        ],
      }),
    ).toEqual(invalid("This model doesn't support the video field for user messages."));
  });
});

describe('media bytes', () => {
  const image = (bytes: Uint8Array, format: 'png' | 'jpeg' = 'png') => ({
    messages: [{ role: 'user' as const, content: [{ text: 'x' }, { image: { format, source: { bytes } } }] }],
  });
  it('image bytes of another format than declared', async () => {
    expect(await refused(image(png(), 'jpeg'))).toEqual(
      invalid(
        'The model returned the following errors: messages.0.content.1.image.source.bytes: The image was specified using the image/jpeg media type, but the image appears to be a image/png image',
      ),
    );
  });
  it('bytes that are no image', async () => {
    expect(await refused(image(new Uint8Array([1, 2, 3, 4])))).toEqual(
      invalid(
        'The model returned the following errors: messages.0.content.1.image.source.bytes: Could not process image',
      ),
    );
  });
  it('bytes that are not base64', async () => {
    const result = await refused(image(png()), (body) => {
      const blocks = (body.messages as { content: { image?: { source: { bytes: string } } }[] }[])[0]!
        .content;
      blocks[1]!.image!.source.bytes = 'not*base64';
    });
    expect(result).toEqual(
      invalid(
        'Malformed input request: messages.0.content.1.image.source.bytes is not valid base64, please reformat your input and try again.',
      ),
    );
  });
  it('an image over 3.75 MB', async () => {
    const size = 3.75 * 1024 * 1024 + 1;
    expect(await refused(image(png(size)))).toEqual(
      invalid(
        `The model returned the following errors: messages.0.content.1.image.source.bytes: image exceeds 3.75 MB maximum: ${size} bytes > ${size - 1} bytes`,
      ),
    );
  });
  it('more than 20 images', async () => {
    const content = [
      { text: 'x' },
      ...Array.from({ length: 21 }, () => ({ image: { format: 'png' as const, source: { bytes: png() } } })),
    ];
    expect(await refused({ messages: [{ role: 'user', content }] })).toEqual(
      invalid('Too many images: 21. A request can include at most 20 images.'),
    );
  });
  it('a pdf whose bytes are no pdf', async () => {
    expect(
      await refused({
        messages: [
          {
            role: 'user',
            content: [
              { text: 'x' },
              {
                document: {
                  name: 'report',
                  format: 'pdf',
                  source: { bytes: new TextEncoder().encode('plain') },
                },
              },
            ],
          },
        ],
      }),
    ).toEqual(
      invalid(
        'The model returned the following errors: messages.0.content.1.source.bytes: The document source bytes could not be parsed as the specified format. If using a text-based format, try source.text instead of source.bytes.',
      ),
    );
  });
  it('more than 5 documents', async () => {
    const content = [
      { text: 'x' },
      ...Array.from({ length: 6 }, (_, i) => ({
        document: { name: `doc ${i}`, format: 'txt' as const, source: { text: 'hello' } },
      })),
    ];
    expect(await refused({ messages: [{ role: 'user', content }] })).toEqual(
      invalid('Too many documents: 6. A request can include at most 5 documents.'),
    );
  });
});

describe('thinking and additional fields', () => {
  it('budget_tokens to a model that takes adaptive thinking only', async () => {
    expect(
      await refused({
        modelId: ADAPTIVE_ONLY,
        messages: userText('x'),
        inferenceConfig: { maxTokens: 4000 },
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 2000 } },
      }),
    ).toEqual(
      invalid(
        'The model returned the following errors: "thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.',
      ),
    );
  });
  it('an additionalModelRequestFields key the model does not know', async () => {
    expect(
      await refused({
        modelId: SONNET45_US,
        messages: userText('x'),
        additionalModelRequestFields: { cacheControl: {} },
      }),
    ).toEqual(
      invalid(
        'Malformed input request: #: extraneous key [cacheControl] is not permitted, please reformat your input and try again.',
      ),
    );
  });
});

describe('prompt caching', () => {
  const cached = (ttl?: '5m' | '1h') => ({
    cachePoint: { type: 'default' as const, ...(ttl ? { ttl } : {}) },
  });
  it('a cache point to a model without prompt caching', async () => {
    expect(await refused({ messages: [{ role: 'user', content: [{ text: 'x' }, cached()] }] })).toEqual({
      name: 'AccessDeniedException',
      status: 403,
      message: 'You invoked an unsupported model or your request did not allow prompt caching.',
    });
  });
  it('a TTL the model does not offer', async () => {
    expect(
      await refused({
        modelId: SONNET4_US,
        messages: [{ role: 'user', content: [{ text: 'x' }, cached('1h')] }],
      }),
    ).toEqual(
      invalid(
        "The model returned the following errors: messages.0.content.0.cache_control.ttl: ttl '1h' is not supported for this model",
      ),
    );
  });
  it('a 1h cache point after a 5m one', async () => {
    expect(
      await refused({
        modelId: SONNET45_US,
        system: [{ text: 's' }, cached('5m')],
        messages: [{ role: 'user', content: [{ text: 'x' }, cached('1h')] }],
      }),
    ).toEqual(
      invalid(
        "The model returned the following errors: messages.0.content.0.cache_control.ttl: a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block. Note that blocks are processed in the following order: `tools`, `system`, `messages`.",
      ),
    );
  });
});

describe('context window', () => {
  it('a prompt longer than the window (Claude)', async () => {
    expect(await refused({ messages: userText('a'.repeat(800_004)) })).toEqual(
      invalid('The model returned the following errors: prompt is too long: 200001 tokens > 200000 maximum'),
    );
  });
  it('input plus maxTokens over the window (Claude)', async () => {
    expect(
      await refused({
        modelId: SONNET45_US,
        messages: userText('a'.repeat(780_000)),
        inferenceConfig: { maxTokens: 10_000 },
      }),
    ).toEqual(
      invalid(
        'The model returned the following errors: input length and `max_tokens` exceed context limit: 195000 + 10000 > 200000, decrease input length or `max_tokens` and try again',
      ),
    );
  });
  it('a prompt longer than the window (other models)', async () => {
    expect(
      await refused({ modelId: 'meta.llama3-70b-instruct-v1:0', messages: userText('a'.repeat(40_000)) }),
    ).toEqual(invalid('Input is too long for requested model.'));
  });
});

describe('service tiers and features', () => {
  it('the reserved tier without a reservation', async () => {
    expect(await refused({ messages: userText('x'), serviceTier: { type: 'reserved' } })).toEqual(
      invalid('Reservation not found.'),
    );
  });
  it('a tier the model does not offer', async () => {
    expect(
      await refused({
        modelId: 'meta.llama3-1-8b-instruct-v1:0',
        messages: userText('x'),
        serviceTier: { type: 'flex' },
      }),
    ).toEqual(invalid('The provided service tier is not supported for this model.'));
  });
  it('structured output to a model without it', async () => {
    expect(
      await refused({
        messages: userText('x'),
        outputConfig: {
          textFormat: { type: 'json_schema', structure: { jsonSchema: { schema: '{"type":"object"}' } } },
        },
      }),
    ).toEqual(
      invalid(
        "This model doesn't support the outputConfig.textFormat field. Remove outputConfig.textFormat and try again.",
      ),
    );
  });
  it('an effort outside the documented values', async () => {
    expect(
      await refused({ modelId: SONNET45_US, messages: userText('x'), outputConfig: { effort: 'extreme' } }),
    ).toEqual(
      invalid(
        "The model returned the following errors: output_config.effort: Input should be 'low', 'medium', 'high', 'xhigh' or 'max'",
      ),
    );
  });
  it('prompt variables without a prompt from Prompt management', async () => {
    expect(await refused({ messages: userText('x'), promptVariables: { city: { text: 'Paris' } } })).toEqual(
      invalid(
        'promptVariables can only be used when the modelId is the ARN of a prompt from Prompt management.',
      ),
    );
  });
  it('citations to a model without them', async () => {
    expect(
      await refused({
        modelId: 'amazon.nova-lite-v1:0',
        messages: [
          {
            role: 'user',
            content: [
              { text: 'x' },
              {
                document: {
                  name: 'notes',
                  format: 'txt',
                  source: { text: 'hi' },
                  citations: { enabled: true },
                },
              },
            ],
          },
        ],
      }),
    ).toEqual(invalid("This model doesn't support citations. Remove document.citations and try again."));
  });
});

describe('reasoning in the history (Claude)', () => {
  const thinking = { thinking: { type: 'enabled', budget_tokens: 1024 } };
  // One turn with thinking, then its reasoning block sent back as the assistant's turn, possibly edited.
  async function replayed(edit: (reasoning: { text?: string; signature?: string }) => void) {
    const first = await client.send(
      new ConverseCommand({
        modelId: SONNET4_US,
        messages: userText('hello'),
        inferenceConfig: { maxTokens: 2048 },
        additionalModelRequestFields: thinking,
      }),
    );
    const content = first.output!.message!.content!;
    const reasoning = content[0]!.reasoningContent!.reasoningText!;
    expect(reasoning.signature).toBeTruthy();
    edit(reasoning);
    return {
      modelId: SONNET4_US,
      messages: [...userText('hello'), { role: 'assistant' as const, content }, ...userText('and again')],
      inferenceConfig: { maxTokens: 2048 },
      additionalModelRequestFields: thinking,
    } as ConverseCommandInput;
  }

  it('takes its own reasoning back unchanged', async () => {
    const out = await client.send(new ConverseCommand(await replayed(() => {})));
    expect(out.stopReason).toBe('end_turn');
  });

  it('refuses reasoning whose text was edited', async () => {
    const input = await replayed((reasoning) => {
      reasoning.text = `${reasoning.text} (edited)`;
    });
    expect(await refused(input)).toEqual(
      invalid(
        'The model returned the following errors: messages.1.content.0: Invalid signature in thinking block',
      ),
    );
  });

  it('refuses reasoning sent back without its signature', async () => {
    const input = await replayed((reasoning) => {
      delete reasoning.signature;
    });
    expect(await refused(input)).toEqual(
      invalid(
        'The model returned the following errors: messages.1.content.0.thinking.signature: Field required',
      ),
    );
  });
});
