// The one minimal client used on every side of the latency comparison: keep-alive HTTP/1.1 from node:http,
// a pre-built request body, and a regex on the raw response text for the first token. Only the request and the
// pattern differ by target:
//   bedrock  POST {url}/model/{id}/converse-stream with a Bedrock API key (the emulator, no gateway in between)
//   openai   POST {url}{prefix}/chat/completions, OpenAI streaming (Outcrop's gateway, or a peer gateway)
//   messages, responses  POST {url}{prefix}/messages (Anthropic) or {prefix}/responses (OpenAI), streamed
//   embeddings  POST {url}{prefix}/embeddings, one text; not streamed, so "ttft" is the time to the whole response
// argv: mode url concurrency requests warmup model prompt-file [path-prefix]. Env BENCH_CLIENT_TOKEN: the bearer.
// Prints one JSON line: ttfts (ms), tokens, cpuMicros and wallMs of the measured part, and warmupTokens.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

const [mode, url, concurrencyArg, requestsArg, warmupArg, model, promptFile, prefix = '/v1'] =
  process.argv.slice(2);
const concurrency = Number(concurrencyArg);
const requests = Number(requestsArg);
const warmup = Number(warmupArg);
const prompt = readFileSync(promptFile, 'utf8');
const token = process.env.BENCH_CLIENT_TOKEN ?? '';
const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

const chat = {
  path: `${prefix}/chat/completions`,
  body: JSON.stringify({
    model,
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: prompt }],
  }),
  firstToken: /"content":"[^"]/,
  usage: /"completion_tokens":(\d+)/,
  end: '[DONE]',
};
const TARGETS = {
  bedrock: {
    path: `/model/${encodeURIComponent(model)}/converse-stream`,
    body: JSON.stringify({ messages: [{ role: 'user', content: [{ text: prompt }] }] }),
    // A text delta inside an event-stream frame; the JSON payloads are plain text between binary headers.
    firstToken: /"delta":\{"text":"[^"]/,
    usage: /"outputTokens":(\d+)/,
    end: 'messageStop',
  },
  openai: chat,
  messages: {
    path: `${prefix}/messages`,
    body: JSON.stringify({
      model,
      max_tokens: 1024,
      stream: true,
      messages: [{ role: 'user', content: prompt }],
    }),
    firstToken: /"text_delta","text":"[^"]/,
    // message_start may carry an output_tokens of its own; the final count is the last one (message_delta).
    usage: /"output_tokens":(\d+)(?![\s\S]*"output_tokens":)/,
    end: 'message_stop',
  },
  responses: {
    path: `${prefix}/responses`,
    body: JSON.stringify({ model, stream: true, input: prompt }),
    firstToken: /"response\.output_text\.delta"/,
    usage: /"output_tokens":(\d+)(?![\s\S]*"output_tokens":)/,
    end: 'response.completed',
  },
  embeddings: {
    path: `${prefix}/embeddings`,
    body: JSON.stringify({ model, input: prompt }),
    usage: /"prompt_tokens":(\d+)/,
    end: '"usage"',
  },
};
const target = TARGETS[mode];
if (!target) throw new Error(`unknown mode ${mode}: expected one of ${Object.keys(TARGETS).join(', ')}`);
const headers = {
  'content-type': 'application/json',
  accept:
    mode === 'bedrock'
      ? 'application/vnd.amazon.eventstream'
      : mode === 'embeddings'
        ? 'application/json'
        : 'text/event-stream',
  ...(token ? { authorization: `Bearer ${token}` } : {}),
};

function one() {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let ttft;
    let buffer = '';
    const req = request(`${url}${target.path}`, { method: 'POST', agent, headers }, (res) => {
      res.setEncoding('latin1');
      res.on('data', (text) => {
        buffer += text;
        // Searched in the whole text so far: a token split across two chunks still counts when it completes.
        if (ttft === undefined && target.firstToken?.test(buffer)) ttft = performance.now() - started;
      });
      res.on('end', () => {
        if (!target.firstToken) ttft = performance.now() - started;
        if (res.statusCode !== 200 || !buffer.includes(target.end) || ttft === undefined) {
          reject(new Error(`bad stream from ${mode}: status ${res.statusCode}, ${buffer.slice(0, 200)}`));
          return;
        }
        resolve({ ttft, tokens: Number(target.usage.exec(buffer)?.[1] ?? 0) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(target.body);
  });
}

async function load(count) {
  const ttfts = [];
  let tokens = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        next++;
        const r = await one();
        ttfts.push(r.ttft);
        tokens += r.tokens;
      }
    }),
  );
  return { ttfts, tokens };
}

// The same warm-up on every side: sockets opened and the JIT warm before anything is measured.
const warm = await load(warmup);
const cpuBefore = process.cpuUsage();
const wallStart = performance.now();
const { ttfts, tokens } = await load(requests);
const wallMs = performance.now() - wallStart;
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(
  `${JSON.stringify({ ttfts, tokens, warmupTokens: warm.tokens, cpuMicros: cpu.user + cpu.system, wallMs })}\n`,
);
agent.destroy();
