// Load generator for the gateway: raw HTTP + SSE parsing, as light as a client can be.
// argv: url concurrency requests model prompt-file. Prints one JSON line of results.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

const [url, concurrency, requests, model, promptFile] = process.argv.slice(2);
const prompt = readFileSync(promptFile, 'utf8');
const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
const body = JSON.stringify({
  model,
  stream: true,
  stream_options: { include_usage: true },
  messages: [{ role: 'user', content: prompt }],
});

function one() {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let ttft;
    let buffer = '';
    let tokens = 0;
    const req = request(
      `${url}/v1/chat/completions`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (text) => {
          if (ttft === undefined && /"content":"[^"]/.test(text)) {
            ttft = performance.now() - started;
          }
          buffer += text;
        });
        res.on('end', () => {
          const usage = /"completion_tokens":(\d+)/.exec(buffer);
          if (usage) tokens = Number(usage[1]);
          if (res.statusCode !== 200 || !buffer.includes('[DONE]'))
            reject(new Error(`bad stream ${res.statusCode}`));
          else resolve({ ttft, tokens });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

for (let i = 0; i < 5; i++) await one();
const ttfts = [];
let tokens = 0;
let next = 0;
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
process.stdout.write(`${JSON.stringify({ ttfts, tokens, wallMs: performance.now() - wallStart })}\n`);
agent.destroy();
