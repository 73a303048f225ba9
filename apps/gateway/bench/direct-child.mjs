// Calls the emulator directly with the AWS SDK: the baseline the gateway is measured against.
// argv: concurrency requests modelId prompt-file. Prints one JSON line of results.
import { readFileSync } from 'node:fs';
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';

const [concurrency, requests, modelId, promptFile] = process.argv.slice(2);
const prompt = readFileSync(promptFile, 'utf8');
const client = new BedrockRuntimeClient({
  region: process.env.AWS_REGION,
  endpoint: process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME,
});

async function one() {
  const started = performance.now();
  let ttft;
  let tokens = 0;
  const response = await client.send(
    new ConverseStreamCommand({ modelId, messages: [{ role: 'user', content: [{ text: prompt }] }] }),
  );
  for await (const event of response.stream) {
    if (ttft === undefined && event.contentBlockDelta?.delta?.text) ttft = performance.now() - started;
    if (event.metadata) tokens = event.metadata.usage.outputTokens;
  }
  return { ttft, tokens };
}

// Warm the connection and the JIT before measuring.
for (let i = 0; i < 5; i++) await one();
const ttfts = [];
let tokens = 0;
let next = 0;
const cpuBefore = process.cpuUsage();
const wallStart = performance.now();
await Promise.all(
  Array.from({ length: Number(concurrency) }, async () => {
    while (next < Number(requests)) {
      next++;
      const r = await one();
      ttfts.push(r.ttft);
      tokens += r.tokens;
    }
  }),
);
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(
  `${JSON.stringify({ ttfts, tokens, cpuMicros: cpu.user + cpu.system, wallMs: performance.now() - wallStart })}\n`,
);
client.destroy();
