// Load generator for the gateway: raw HTTP + SSE parsing, as light as a client can be.
// argv: url concurrency requests model prompt-file [dialect: chat | messages | responses]. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

const [url, concurrency, requests, model, promptFile, dialect = 'chat'] = process.argv.slice(2);
const prompt = readFileSync(promptFile, 'utf8');
const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
// Per dialect: the route, the body, how the first token looks, the end marker and where output tokens are.
const DIALECTS = {
  chat: {
    path: '/v1/chat/completions',
    body: {
      model,
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: prompt }],
    },
    first: /"content":"[^"]/,
    end: '[DONE]',
    usage: /"completion_tokens":(\d+)/g,
  },
  messages: {
    path: '/v1/messages',
    body: { model, max_tokens: 1024, stream: true, messages: [{ role: 'user', content: prompt }] },
    first: /"text_delta","text":"[^"]/,
    end: 'message_stop',
    usage: /"output_tokens":(\d+)/g,
  },
  responses: {
    path: '/v1/responses',
    body: { model, stream: true, input: prompt },
    first: /"response\.output_text\.delta"/,
    end: 'response.completed',
    usage: /"output_tokens":(\d+)/g,
  },
};
const shape = DIALECTS[dialect];
const body = JSON.stringify(shape.body);

function one() {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let ttft;
    let buffer = '';
    let tokens = 0;
    const req = request(
      `${url}${shape.path}`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (text) => {
          if (ttft === undefined && shape.first.test(text)) {
            ttft = performance.now() - started;
          }
          buffer += text;
        });
        res.on('end', () => {
          const usage = [...buffer.matchAll(shape.usage)].at(-1);
          if (usage) tokens = Number(usage[1]);
          if (res.statusCode !== 200 || !buffer.includes(shape.end))
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
