import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Emulator, startEmulator } from '@outcrop/bedrock-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLI_MAIN, cleanEnv, parseJson, runCli, tempHome } from './cli.js';
import { hasPython3, plainText, runInPty } from './pty.js';

const NOVA = 'amazon-bedrock/amazon.nova-lite-v1:0';
const CLAUDE = 'amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0';

let emulator: Emulator;
let env: Record<string, string>;
beforeAll(async () => {
  emulator = await startEmulator();
  env = cleanEnv(tempHome(), emulator.env());
});
afterAll(async () => {
  await emulator?.stop();
});
beforeEach(() => {
  emulator.scenarios.clear();
  emulator.journal.clear();
});

const converseCalls = () =>
  emulator.journal.entries().filter((entry) => entry.operation === 'ConverseStream');

describe('outcrop chat (one shot)', () => {
  it('streams the reply to stdout and usage with cost to stderr', async () => {
    const result = await runCli(['chat', '-m', NOVA, 'The quick brown fox jumps'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('The quick brown fox jumps\n');
    expect(result.stderr).toMatch(
      /^\d+ in · \d+ out · \$0\.\d+ · \d+\.\ds · amazon-bedrock\/amazon\.nova-lite-v1:0\n$/,
    );
    expect(converseCalls()).toHaveLength(1);
    expect(converseCalls()[0]?.modelId).toBe('amazon.nova-lite-v1:0');
  });

  it('reads the prompt from stdin when piped, and sends --system', async () => {
    const result = await runCli(['chat', '-m', NOVA, '--system', 'Be terse.'], {
      env,
      input: 'from a pipe\n',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('from a pipe\n');
    const body = converseCalls()[0]?.body as { system?: Array<{ text?: string }> };
    expect(body.system?.[0]?.text).toBe('Be terse.');
  });

  it('with a prompt argument it does not wait on a stdin its parent never closes', async () => {
    const result = await runCli(['chat', '-m', NOVA, 'no stdin needed'], { env, keepStdinOpen: true });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('no stdin needed\n');
  });

  it('a shell pipe plus a prompt argument become instruction + material', async () => {
    // Asynchronously: the emulator answers from this process while the shell pipeline runs.
    const command = `printf 'the material' | "${process.execPath}" "${CLI_MAIN}" chat -m ${NOVA} 'the instruction'`;
    const { stdout } = await promisify(execFile)('sh', ['-c', command], { env });
    expect(stdout).toBe('the instruction\n\nthe material\n');
    const body = converseCalls()[0]?.body as { messages: Array<{ content: Array<{ text?: string }> }> };
    expect(body.messages[0]?.content[0]?.text).toBe('the instruction\n\nthe material');
  });

  it('--json prints one object with text, usage, cost and the request id', async () => {
    const result = await runCli(['chat', '--json', '-m', CLAUDE, 'hello json'], { env });
    expect(result.code).toBe(0);
    const json = parseJson<Record<string, unknown>>(result);
    expect(json).toMatchObject({
      model: CLAUDE,
      text: 'hello json',
      finishReason: 'stop',
      rawStopReason: 'end_turn',
      usage: { inputTokens: expect.any(Number), outputTokens: expect.any(Number) },
      cost: { total: expect.any(Number) },
      requestId: expect.any(String),
      warnings: [],
      emulator: false,
    });
    expect(result.stderr).toBe('');
  });

  it('shows reasoning dimmed on stderr (the reply alone on stdout); --hide-reasoning hides it', async () => {
    const prompt = 'think about it [[scenario:{"reasoning":true}]]';
    const shown = await runCli(['chat', '-m', CLAUDE, '--reasoning', 'low', prompt], { env });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe('think about it\n');
    expect(shown.stderr).toMatch(/^thinking… .+\n\n/);
    const body = converseCalls()[0]?.body as { additionalModelRequestFields?: unknown };
    expect(JSON.stringify(body.additionalModelRequestFields)).toContain('thinking');
    const hidden = await runCli(['chat', '-m', CLAUDE, '--reasoning', 'low', '--hide-reasoning', prompt], {
      env,
    });
    expect(hidden.stdout).toBe('think about it\n');
    expect(hidden.stderr).not.toContain('thinking…');
  });

  it('attaches an --image', async () => {
    const home = tempHome();
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
      'base64',
    );
    writeFileSync(path.join(home, 'dot.png'), png);
    const result = await runCli(['chat', '-m', CLAUDE, '--image', 'dot.png', 'what is this?'], {
      env: { ...env, HOME: home },
      cwd: home,
    });
    expect(result.code).toBe(0);
    const body = converseCalls()[0]?.body as { messages: Array<{ content: Array<Record<string, unknown>> }> };
    expect(body.messages[0]?.content[0]).toHaveProperty('image.format', 'png');
  });

  it('a Bedrock refusal is exit 5 with one line and a hint', async () => {
    emulator.scenarios.push({
      httpError: {
        status: 403,
        type: 'AccessDeniedException',
        message: "You don't have access to the model with the specified model ID.",
      },
    });
    const result = await runCli(['chat', '-m', NOVA, 'hi'], { env });
    expect(result.code).toBe(5);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^error: .*access to the model/);
    expect(lines[1]).toMatch(/^hint: .*model access/i);
  });

  it('an error in the middle of a stream keeps the partial reply and exits 5', async () => {
    emulator.scenarios.push({
      reply: 'alpha beta gamma delta epsilon zeta eta theta',
      streamException: {
        type: 'modelStreamErrorException',
        afterEvents: 4,
        message: 'The model failed mid-stream.',
      },
    });
    const result = await runCli(['chat', '-m', NOVA, 'go'], { env });
    expect(result.code).toBe(5);
    expect(result.stdout.length).toBeGreaterThan(0);
    expect('alpha beta gamma delta epsilon zeta eta theta').toContain(result.stdout.trim());
    expect(result.stderr).toMatch(/^error: .*The model failed mid-stream/m);
  });

  it('an unknown model ref is exit 2 with the closest matches, and nothing is sent', async () => {
    const result = await runCli(['chat', '-m', 'amazon-bedrock/nova-lite', 'hi'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: Unknown model "amazon-bedrock\/nova-lite"\. Closest matches: amazon-bedrock\/amazon\.nova-lite-v1:0, /,
    );
    expect(result.stderr).toMatch(/\nhint: run `outcrop models list`/);
    expect(converseCalls()).toHaveLength(0);
  });

  it('an embedding model is exit 2 saying it cannot chat, and nothing is sent', async () => {
    const notForChat =
      /^error: amazon-bedrock\/\S+ is an embedding model: it turns text into vectors and cannot chat\nhint: pick a chat model from `outcrop models list --kind chat`/;
    for (const ref of ['amazon.titan-embed-text-v2:0', 'amazon-bedrock/cohere.embed-english-v3']) {
      const result = await runCli(['chat', '-m', ref, 'hi'], { env });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(notForChat);
      expect(result.stdout).toBe('');
    }
    // Configured under its own alias-free id, it is still an embedding model.
    const home = tempHome();
    mkdirSync(path.join(home, '.outcrop'), { recursive: true });
    writeFileSync(
      path.join(home, '.outcrop', 'config.json5'),
      JSON.stringify({
        models: { providers: { 'amazon-bedrock': { models: [{ id: 'amazon.titan-embed-text-v2:0' }] } } },
      }),
    );
    const configured = await runCli(['chat', '-m', 'amazon-bedrock/amazon.titan-embed-text-v2:0', 'hi'], {
      env: cleanEnv(home, emulator.env()),
    });
    expect(configured.code).toBe(2);
    expect(configured.stderr).toMatch(notForChat);
    const sent = emulator.journal
      .entries()
      .filter((entry) => entry.operation === 'ConverseStream' || entry.operation === 'InvokeModel');
    expect(sent).toHaveLength(0);
  });

  it('an empty piped prompt is a usage error', async () => {
    const result = await runCli(['chat', '-m', NOVA], { env, input: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: no prompt/);
    const blank = await runCli(['chat', '-m', NOVA, '   '], { env, input: '' });
    expect(blank.code).toBe(2);
    expect(blank.stderr).toMatch(/^error: no prompt: the prompt is blank and stdin was empty\n/);
    expect(converseCalls()).toHaveLength(0);
  });

  it('with no credentials it chats with the embedded emulator and says so', async () => {
    const result = await runCli(['chat', 'hello emulator'], { env: cleanEnv(tempHome()) });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('hello emulator\n');
    expect(result.stderr).toMatch(/^No AWS credentials found: using the embedded Bedrock emulator/);
    expect(result.stderr).toMatch(/No default model set \(agents\.defaults\.model\): using amazon-bedrock\//);
  });

  it("--json with no credentials marks the reply as the emulator's on stdout itself", async () => {
    const result = await runCli(['chat', '--json', 'hello emulator'], { env: cleanEnv(tempHome()) });
    expect(result.code).toBe(0);
    expect(parseJson<Record<string, unknown>>(result)).toMatchObject({
      text: 'hello emulator',
      emulator: true,
    });
  });

  it('Ctrl-C (SIGINT) cancels the upstream request: exit 130, the stream is reset', async () => {
    emulator.scenarios.push({
      reply: 'one two three four five six seven eight nine ten',
      stallAfterEvents: 4,
    });
    const result = await runCli(['chat', '-m', NOVA, 'stall please'], {
      env,
      onSpawn: (child) => {
        child.stdout?.once('data', () => child.kill('SIGINT'));
      },
    });
    expect(result.code).toBe(130);
    expect(result.stdout.length).toBeGreaterThan(0);
    expect(result.stderr).toContain('cancelled');
    const entry = await emulator.journal.waitFor(
      (e) => e.operation === 'ConverseStream' && e.cancelled,
      5_000,
    );
    expect(entry.cancelled).toBe(true);
  });
});

describe.skipIf(!hasPython3)(
  'outcrop chat (REPL on a terminal; needs python3 for the pseudo-terminal)',
  () => {
    it('keeps the conversation, Ctrl-C cancels only the reply in flight, /exit leaves with 0', async () => {
      emulator.scenarios.push({ reply: 'ZEBRA alpha beta gamma delta epsilon', stallAfterEvents: 4 });
      const result = await runInPty(['chat', '-m', NOVA], env, [
        { expect: '› ', send: 'first question\r' },
        { expect: 'ZEBRA', send: '\u0003' },
        { expect: 'cancelled', send: '' },
        { expect: '› ', send: 'second question\r' },
        { expect: 'amazon-bedrock/amazon\\.nova-lite-v1:0\\r?\\n', send: 'third\r' },
        { expect: 'amazon-bedrock/amazon\\.nova-lite-v1:0\\r?\\n', send: '/exit\r' },
      ]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const text = plainText(result.output);
      expect(text).toContain('outcrop chat · amazon-bedrock/amazon.nova-lite-v1:0');
      const calls = converseCalls();
      expect(calls).toHaveLength(3);
      expect(calls[0]?.cancelled).toBe(true);
      // The cancelled exchange is dropped; the third request carries the second exchange as history.
      const third = calls[2]?.body as {
        messages: Array<{ role: string; content: Array<{ text?: string }> }>;
      };
      expect(third.messages.map((message) => [message.role, message.content[0]?.text])).toEqual([
        ['user', 'second question'],
        ['assistant', 'second question'],
        ['user', 'third'],
      ]);
    });

    it('/model switches the model and /clear forgets the conversation', async () => {
      const result = await runInPty(['chat', '-m', NOVA], env, [
        { expect: '› ', send: 'one\r' },
        { expect: 'nova-lite-v1:0\\r?\\n', send: '/model amazon-bedrock/amazon.nova-micro-v1:0\r' },
        { expect: 'model: amazon-bedrock/amazon\\.nova-micro-v1:0', send: 'two\r' },
        { expect: 'nova-micro-v1:0\\r?\\n', send: '/clear\r' },
        { expect: 'conversation cleared', send: 'three\r' },
        { expect: 'nova-micro-v1:0\\r?\\n', send: '/exit\r' },
      ]);
      expect(result.code).toBe(0);
      const calls = converseCalls();
      expect(calls.map((call) => call.modelId)).toEqual([
        'amazon.nova-lite-v1:0',
        'amazon.nova-micro-v1:0',
        'amazon.nova-micro-v1:0',
      ]);
      const messages = (call: number) =>
        (calls[call]?.body as { messages?: unknown[] } | undefined)?.messages?.length;
      expect([messages(0), messages(1), messages(2)]).toEqual([1, 3, 1]);
    });

    it('Ctrl-C twice at an empty prompt leaves with 130; Ctrl-D leaves with 0', async () => {
      const interrupted = await runInPty(['chat', '-m', NOVA], env, [
        { expect: '› ', send: '\u0003' },
        { expect: 'Ctrl-C again', send: '\u0003' },
      ]);
      expect(interrupted.code).toBe(130);
      const eof = await runInPty(['chat', '-m', NOVA], env, [{ expect: '› ', send: '\u0004' }]);
      expect(eof.code).toBe(0);
    });
  },
);
