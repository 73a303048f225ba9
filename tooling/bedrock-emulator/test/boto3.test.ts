// The same emulator through boto3 (the official Python SDK, client-side validation off): errors parse into
// botocore's ClientError with Bedrock's code and message, and a stream decodes. Skipped, with the reason
// printed, where python3 or pip cannot make a virtual environment with boto3.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';

const venv = fileURLToPath(new URL('../node_modules/.cache/boto3-venv', import.meta.url));
const python = `${venv}/bin/python`;
let skipReason: string | undefined;
let emulator: Emulator;

function prepare(): string | undefined {
  const probe = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) return 'python3 is not installed';
  if (!existsSync(python)) {
    const made = spawnSync('python3', ['-m', 'venv', venv], { encoding: 'utf8', timeout: 120_000 });
    if (made.status !== 0) return `python3 -m venv failed: ${made.stderr.trim().split('\n').at(-1)}`;
  }
  const has = spawnSync(python, ['-c', 'import boto3'], { encoding: 'utf8' });
  if (has.status === 0) return undefined;
  const pip = spawnSync(python, ['-m', 'pip', 'install', '-q', 'boto3'], {
    encoding: 'utf8',
    timeout: 240_000,
  });
  return pip.status === 0 ? undefined : `pip install boto3 failed: ${pip.stderr.trim().split('\n').at(-1)}`;
}

beforeAll(async () => {
  skipReason = prepare();
  if (skipReason) console.log(`boto3 check skipped: ${skipReason}`);
  emulator = await startEmulator();
}, 400_000);
afterAll(() => emulator.stop());

it('boto3 gets Bedrock’s errors and a decodable stream', async (context) => {
  if (skipReason) return context.skip();
  const script = fileURLToPath(new URL('./boto3/check.py', import.meta.url));
  // Asynchronous: the emulator answers from this same process.
  const { stdout } = await promisify(execFile)(python, [script], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? '', ...emulator.env(), AWS_EC2_METADATA_DISABLED: 'true' },
  });
  const out = JSON.parse(stdout);
  expect(out.role).toEqual({
    code: 'ValidationException',
    status: 400,
    message:
      "1 validation error detected: Value 'bot' at 'messages.1.member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant, system]",
  });
  expect(out.system).toMatchObject({ code: 'ValidationException', status: 400 });
  expect(out.system.message).toMatch(/^This model doesn't support system messages/);
  expect(out.stream).toEqual({ text: 'hello boto3', stop: 'end_turn' });
});
