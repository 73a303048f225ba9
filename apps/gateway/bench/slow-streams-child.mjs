// Opens N slow streams at once and holds them until they end. argv: url n model prompt-file.
// Reports how many were open at the same moment (first byte seen, end not yet), so overlap is measured.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

const [url, n, model, promptFile] = process.argv.slice(2);
const prompt = readFileSync(promptFile, 'utf8');
const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
const body = JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: prompt }] });
const t0 = performance.now();
let started = 0;
let open = 0;
let maxOpen = 0;
let ok = 0;
let failed = 0;
let allStartedMs;
let firstEndMs;
await Promise.all(
  Array.from(
    { length: Number(n) },
    () =>
      new Promise((resolve) => {
        const req = request(
          `${url}/v1/chat/completions`,
          { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
          (res) => {
            let first = true;
            let done = false;
            res.setEncoding('utf8');
            res.on('data', (text) => {
              if (first) {
                first = false;
                started++;
                open++;
                maxOpen = Math.max(maxOpen, open);
                if (started === Number(n)) allStartedMs = performance.now() - t0;
              }
              if (text.includes('[DONE]')) done = true;
            });
            res.on('end', () => {
              if (!first) open--;
              firstEndMs ??= performance.now() - t0;
              if (done) ok++;
              else failed++;
              resolve();
            });
          },
        );
        req.on('error', () => {
          failed++;
          resolve();
        });
        req.end(body);
      }),
  ),
);
process.stdout.write(`${JSON.stringify({ started, maxOpen, ok, failed, allStartedMs, firstEndMs })}\n`);
