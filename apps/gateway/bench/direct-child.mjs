// The AWS SDK calling the emulator directly, as an application would without a gateway: the CPU baseline per
// token the gateway is compared with, and its own time to first token (how much of what the gateway adds is
// the SDK's own per-request cost). argv: concurrency requests modelId prompt-file warmup.
// Warmed like the other clients (the same number of requests at the same concurrency) before measuring.
// Prints one JSON line of results.
import { readFileSync } from 'node:fs';
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';

const [concurrency, requests, modelId, promptFile, warmup = '20'] = process.argv.slice(2);
const prompt = readFileSync(promptFile, 'utf8');
const client = new BedrockRuntimeClient({
  region: process.env.AWS_REGION,
  endpoint: process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME,
});

const ttfts = [];
let measuring = false;

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
  if (measuring) ttfts.push(ttft);
  return tokens;
}

async function load(count) {
  let tokens = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(Number(concurrency), count) }, async () => {
      while (next < count) {
        next++;
        // Not `tokens += await one()`: that reads `tokens` before the await and loses concurrent updates.
        const got = await one();
        tokens += got;
      }
    }),
  );
  return tokens;
}

await load(Number(warmup));
measuring = true;
const cpuBefore = process.cpuUsage();
const wallStart = performance.now();
const tokens = await load(Number(requests));
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(
  `${JSON.stringify({ ttfts, tokens, cpuMicros: cpu.user + cpu.system, wallMs: performance.now() - wallStart })}\n`,
);
client.destroy();
