// The one minimal client used on every side of the latency comparison: keep-alive HTTP/1.1 from node:http,
// a pre-built request body, and a regex on the raw response text for the first token. Only the request and the
// pattern differ by target:
//   bedrock  POST {url}/model/{id}/converse-stream with a Bedrock API key (the emulator, no gateway in between)
//   openai   POST {url}{prefix}/chat/completions, OpenAI streaming (Outcrop's gateway, or a peer gateway)
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

const target =
  mode === 'bedrock'
    ? {
        path: `/model/${encodeURIComponent(model)}/converse-stream`,
        body: JSON.stringify({ messages: [{ role: 'user', content: [{ text: prompt }] }] }),
        // A text delta inside an event-stream frame; the JSON payloads are plain text between binary headers.
        firstToken: /"delta":\{"text":"[^"]/,
        usage: /"outputTokens":(\d+)/,
        end: 'messageStop',
      }
    : {
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
const headers = {
  'content-type': 'application/json',
  accept: mode === 'bedrock' ? 'application/vnd.amazon.eventstream' : 'text/event-stream',
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
        if (ttft === undefined && target.firstToken.test(buffer)) ttft = performance.now() - started;
      });
      res.on('end', () => {
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
