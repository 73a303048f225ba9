import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually, stalledUpload } from '@outcrop/test-http';
import { afterEach, describe, expect, it } from 'vitest';
import { chatBody, JSON_HEADERS, raw } from './helpers.js';

// SIGTERM stops the process after `drainTimeoutMs` even while a body is still uploading and a stream is open.
const mainJs = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');
/** Far above the 500 ms drain: only a process that ignores its drain timeout gets near it. */
const SAFETY_NET_MS = 60_000;
let child: ChildProcess | undefined;
let dir: string | undefined;

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('SIGTERM with an upload in flight', () => {
  it('exits once the drain timeout has passed, ending the stream and the upload', {
    timeout: SAFETY_NET_MS + 30_000,
  }, async () => {
    dir = mkdtempSync(join(tmpdir(), 'outcrop-drain-upload-'));
    const config = join(dir, 'outcrop.json5');
    // A body timeout far beyond the safety net, so only the drain can end the upload.
    writeFileSync(
      config,
      JSON.stringify({ gateway: { limits: { drainTimeoutMs: 500, bodyTimeoutMs: 600_000 } } }),
    );
    const proc = spawn(process.execPath, [mainJs, '--config', config, '--port', '0'], {
      env: { PATH: process.env.PATH, HOME: dir, AWS_EC2_METADATA_DISABLED: 'true', LOG_LEVEL: 'info' },
    });
    child = proc;
    let out = '';
    proc.stdout?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    proc.stderr?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    await eventually(() => /listening on http:\/\/127\.0\.0\.1:\d+/.test(out), 2_400);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
    const list = JSON.parse((await raw(url, { path: '/v1/models' })).body) as { data: { id: string }[] };
    const model = list.data.find((m) => m.id.includes('claude'))?.id ?? list.data[0]!.id;

    let streamed = '';
    const streamDone = new Promise<void>((resolve) => {
      const req = httpRequest(
        `${url}/v1/chat/completions`,
        { method: 'POST', headers: JSON_HEADERS },
        (res) => {
          res.on('data', (c: Buffer) => {
            streamed += c.toString('utf8');
          });
          res.on('close', () => resolve());
        },
      );
      req.on('error', () => resolve());
      req.end(chatBody(model, 'stall [[scenario:{"stallAfterEvents":2}]]', { stream: true }));
    });
    await eventually(() => streamed.includes('data:'), 2_400);
    const upload = stalledUpload(url);
    await upload.accepted;

    proc.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      exited,
      new Promise<'hung'>((resolve) => {
        timer = setTimeout(() => resolve('hung'), SAFETY_NET_MS);
      }),
    ]);
    clearTimeout(timer);
    expect(code).toBe(0);
    await streamDone;
    expect(streamed).toContain('shutting_down');
    await upload.response;
  });
});
