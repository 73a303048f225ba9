// Captures the stream corpus: one ConverseStream per documented behaviour, sent with the official AWS SDK to an
// emulator in record mode, stored byte for byte as corpus/<behaviour>.bin with a JSON sidecar decoded from the
// frames. Run after a build: `pnpm --filter @outcrop/bedrock-emulator build && node scripts/record-corpus.mjs`.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { eventStreamCodec, startEmulator } from '../dist/index.js';

const HAIKU = 'anthropic.claude-3-5-haiku-20241022-v1:0';
const SONNET37 = 'us.anthropic.claude-3-7-sonnet-20250219-v1:0';
const STREAM_DOC = 'https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html';
const STOP_DOC = 'https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_MessageStopEvent.html';
const user = (text) => [{ role: 'user', content: [{ text }] }];
const weather = {
  tools: [
    {
      toolSpec: {
        name: 'get_weather',
        description: 'Current weather for a city',
        inputSchema: {
          json: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      },
    },
  ],
};
const thinking = {
  modelId: SONNET37,
  inferenceConfig: { maxTokens: 4096 },
  additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
};
const GUARDRAIL_DOC = 'https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-use-converse-api.html';
const guard = (mode) => ({
  guardrailConfig: {
    guardrailIdentifier: 'gr1',
    guardrailVersion: '1',
    trace: 'enabled',
    streamProcessingMode: mode,
  },
});
const longInput = {
  rows: Array.from({ length: 60 }, (_, i) => ({ id: i, city: `City number ${i}` })),
};

/** [behaviour, description, source, request, scenario] */
const BEHAVIOURS = [
  [
    'stop-end-turn',
    'A plain text answer that ends normally.',
    STOP_DOC,
    { messages: user('Say hello to the corpus') },
  ],
  [
    'stop-tool-use',
    'A text preamble, then a tool call; stopReason tool_use.',
    STOP_DOC,
    { messages: user('What is the weather in Paris?'), toolConfig: weather },
    { toolCall: {} },
  ],
  [
    'stop-max-tokens',
    'The answer is cut at maxTokens; stopReason max_tokens.',
    STOP_DOC,
    {
      messages: user('a long answer that will not fit in three tokens at all'),
      inferenceConfig: { maxTokens: 3 },
    },
  ],
  [
    'stop-stop-sequence',
    'The answer stops at a stop sequence; stopReason stop_sequence.',
    STOP_DOC,
    { messages: user('first part STOP second part'), inferenceConfig: { stopSequences: ['STOP'] } },
  ],
  ...[
    'guardrail_intervened',
    'content_filtered',
    'malformed_model_output',
    'malformed_tool_use',
    'model_context_window_exceeded',
  ].map((reason) => [
    `stop-${reason.replaceAll('_', '-')}`,
    `The model stops with stopReason ${reason}.`,
    STOP_DOC,
    { messages: user(`a reply that ends with ${reason}`) },
    { stopReason: reason },
  ]),
  ...[
    ['internalServerException', 'exception-internal-server'],
    ['modelStreamErrorException', 'exception-model-stream-error'],
    ['validationException', 'exception-validation'],
    ['throttlingException', 'throttling-mid-stream'],
    ['serviceUnavailableException', 'exception-service-unavailable'],
  ].map(([type, behaviour]) => [
    behaviour,
    `Three events, then a modeled ${type} frame inside the HTTP 200 stream.`,
    STREAM_DOC,
    { messages: user('a reply that fails in the middle of the stream') },
    { streamException: { type, afterEvents: 3 } },
  ]),
  [
    'error-frame-unmodeled',
    'Three events, then an unmodeled :message-type=error frame.',
    'bedrock-wire.md §1.3 (event-stream message types)',
    { messages: user('a reply that ends with an error frame') },
    { errorFrame: { code: 'InternalFailure', message: 'An internal error occurred.', afterEvents: 3 } },
  ],
  [
    'reasoning-signed',
    'Reasoning text deltas and a signature, then the answer.',
    'https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-extended-thinking.html',
    { ...thinking, messages: user('Think, then answer briefly') },
  ],
  [
    'reasoning-redacted',
    'Signed reasoning, then a redactedContent (base64) reasoning block, then the answer.',
    'https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-extended-thinking.html',
    { ...thinking, messages: user('Think about something sensitive') },
    { reasoning: 'redacted' },
  ],
  [
    'tool-use-long-arguments',
    'A tool call whose ~2 KB JSON input arrives in many partial toolUse.input deltas.',
    STREAM_DOC,
    { messages: user('Store these rows'), toolConfig: weather },
    { toolCall: { name: 'get_weather', input: longInput } },
  ],
  [
    'citations',
    'Text quoting a document sent with citations enabled, then a citation delta (title, source content, location).',
    'https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-call.html (citations)',
    {
      messages: [
        {
          role: 'user',
          content: [
            { text: 'What does the memo say?' },
            {
              document: {
                name: 'memo',
                format: 'txt',
                source: { text: 'The launch moves to May. Budget is unchanged.' },
                citations: { enabled: true },
              },
            },
          ],
        },
      ],
    },
  ],
  [
    'guardrail-intervened-input',
    'A guardrail blocks the prompt: only the blocked-input message, stopReason guardrail_intervened, trace.guardrail.inputAssessment in metadata.',
    GUARDRAIL_DOC,
    { messages: user('tell me the forbidden thing'), ...guard('sync') },
  ],
  [
    'guardrail-intervened-output-async',
    'streamProcessingMode async: text before the blocked word was already sent when the guardrail intervenes on the output.',
    GUARDRAIL_DOC,
    { messages: user('hi'), ...guard('async') },
    { reply: 'One two three forbidden four.' },
  ],
  [
    'stop-max-tokens-in-tool-use',
    'A tool call cut at maxTokens: the partial input is not valid JSON; stopReason max_tokens.',
    STOP_DOC,
    { messages: user('What is the weather in Paris?'), toolConfig: weather },
    { toolCall: {}, stopReason: 'max_tokens' },
  ],
];

function decodeFrames(bytes) {
  const frames = [];
  let stopReason;
  let exception;
  let error;
  for (let at = 0; at + 12 <= bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const message = eventStreamCodec.decode(bytes.subarray(at, at + length));
    at += length;
    const header = (name) => message.headers[name]?.value;
    const body = message.body.length > 0 ? JSON.parse(Buffer.from(message.body).toString('utf8')) : {};
    if (header(':message-type') === 'event') {
      frames.push(header(':event-type'));
      if (header(':event-type') === 'messageStop') stopReason = body.stopReason;
    } else if (header(':message-type') === 'exception') {
      frames.push(header(':exception-type'));
      exception = { type: header(':exception-type'), message: body.message };
    } else {
      frames.push(`error:${header(':error-code')}`);
      error = { code: header(':error-code'), message: header(':error-message') };
    }
  }
  return {
    frames,
    ...(stopReason ? { stopReason } : {}),
    ...(exception ? { exception } : {}),
    ...(error ? { error } : {}),
  };
}

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'corpus');
mkdirSync(dir, { recursive: true });
for (const name of readdirSync(dir)) rmSync(join(dir, name));
const emulator = await startEmulator({
  record: true,
  guardrails: [{ id: 'gr1', version: '1', blockedWords: ['forbidden'] }],
});
const client = new BedrockRuntimeClient({
  endpoint: emulator.url,
  region: emulator.region,
  credentials: emulator.credentials,
  maxAttempts: 1,
});
for (const [behaviour, description, source, request, scenario] of BEHAVIOURS) {
  if (scenario) emulator.scenarios.push(scenario);
  const modelId = request.modelId ?? HAIKU;
  try {
    const out = await client.send(new ConverseStreamCommand({ modelId, ...request }));
    for await (const _ of out.stream ?? []);
  } catch {
    // The failing behaviours fail here on purpose; the recording keeps the bytes.
  }
  const entry = await emulator.journal.waitFor((e) => e.done && e.operation === 'ConverseStream', 10_000);
  let recording = emulator.recordings.get(entry.id);
  for (let i = 0; !recording && i < 100; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    recording = emulator.recordings.get(entry.id);
  }
  if (!recording) throw new Error(`no recording for ${behaviour}`);
  emulator.journal.clear();
  const { modelId: _, ...body } = request;
  const meta = {
    behaviour,
    description,
    source,
    modelId,
    request: body,
    ...(scenario ? { scenario } : {}),
    ...decodeFrames(recording.bytes),
  };
  writeFileSync(join(dir, `${behaviour}.bin`), recording.bytes);
  writeFileSync(join(dir, `${behaviour}.json`), `${JSON.stringify(meta, null, 2)}\n`);
  console.log(`${behaviour}: ${recording.bytes.length} bytes, ${meta.frames.length} frames`);
}
client.destroy();
await emulator.stop();
