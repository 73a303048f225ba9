import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { embedText } from '@outcrop/bedrock-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './helpers.js';

// Anthropic's and OpenAI's Python SDKs as callers, in a virtual environment this set-up creates (kept under
// node_modules/.cache between runs). Skipped, saying why, only where python3 is absent.
const run = promisify(execFile);
const here = import.meta.dirname;
const venv = join(here, '..', 'node_modules', '.cache', 'outcrop-python-clients');
const python = join(venv, 'bin', 'python');
const TOKEN = 'sk-gw-python-test-token-0123456789';

function hasPython(): boolean {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const available = hasPython();
if (!available) console.log('python-clients: skipped, python3 is not on PATH');

let t: TestGateway;

beforeAll(async () => {
  if (!available) return;
  if (!existsSync(python)) {
    mkdirSync(venv, { recursive: true });
    await run('python3', ['-m', 'venv', venv]);
  }
  await run(
    python,
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', 'anthropic', 'openai'],
    {
      timeout: 300_000,
    },
  );
  t = await startTestGateway({ gateway: { auth: { tokens: [TOKEN] } } });
}, 360_000);

afterAll(async () => {
  await t?.stop();
});

const env = () => ({ ...process.env, GATEWAY_URL: t.gateway.url, GATEWAY_TOKEN: TOKEN });

describe.skipIf(!available)('python SDKs against the gateway', () => {
  it('streams a message with the anthropic package', async () => {
    const { stdout } = await run(
      python,
      [join(here, 'python', 'anthropic_stream.py'), 'granite is an igneous rock'],
      {
        env: env(),
        timeout: 60_000,
      },
    );
    const [text, stop] = stdout.trim().split('\n');
    expect(text).toContain('granite is an igneous rock');
    expect(stop).toBe('end_turn');
  });

  it('streams a chat completion with the openai package', async () => {
    const { stdout } = await run(python, [join(here, 'python', 'openai_stream.py'), 'basalt is volcanic'], {
      env: env(),
      timeout: 60_000,
    });
    const [text, finish] = stdout.trim().split('\n');
    expect(text).toContain('basalt is volcanic');
    expect(finish).toBe('stop');
  });

  it('embeds texts with the openai package, base64 decoded, input_type as an extra body field', async () => {
    const texts = ['granite', 'basalt is volcanic'];
    const { stdout } = await run(python, [join(here, 'python', 'openai_embeddings.py'), ...texts], {
      env: env(),
      timeout: 60_000,
    });
    const [count, length, tokens, head] = stdout.trim().split('\n');
    expect(count).toBe('2');
    expect(length).toBe('1024');
    expect(Number(tokens)).toBeGreaterThan(0);
    const expected = embedText('cohere.embed-english-v3', 'granite', 1024).slice(0, 3);
    const got = head!.split(' ').map(Number);
    for (const [i, x] of expected.entries()) expect(got[i]).toBeCloseTo(x, 5);
    const invoke = t.emulator.journal.entries().find((e) => e.operation === 'InvokeModel');
    expect(invoke?.body).toMatchObject({ texts, input_type: 'search_query' });
  });
});
