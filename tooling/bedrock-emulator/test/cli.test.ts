// The built CLI: prints env lines any AWS SDK can use as-is, and stops on SIGTERM / SIGINT.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { afterEach, expect, it } from 'vitest';
import { controlClient, runtimeClient, userText } from './helpers.js';

const bin = fileURLToPath(new URL('../bin/outcrop-bedrock-emulator.js', import.meta.url));
let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

async function startCli(args: string[]): Promise<{ env: Record<string, string>; output: () => string }> {
  child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  while (!output.includes('Ctrl-C')) {
    if (child.exitCode !== null) throw new Error(`CLI exited early: ${output}`);
    await once(child.stdout!, 'data');
  }
  const env = Object.fromEntries([...output.matchAll(/export (\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
  return { env, output: () => output };
}

it('prints an env that points both SDK clients at it, then stops on SIGTERM', async () => {
  const { env } = await startCli(['--region', 'eu-west-1']);
  expect(Object.keys(env).sort()).toEqual([
    'ANTHROPIC_BEDROCK_BASE_URL',
    'AWS_ACCESS_KEY_ID',
    'AWS_BEARER_TOKEN_BEDROCK',
    'AWS_DEFAULT_REGION',
    'AWS_ENDPOINT_URL_BEDROCK',
    'AWS_ENDPOINT_URL_BEDROCK_RUNTIME',
    'AWS_REGION',
    'AWS_SECRET_ACCESS_KEY',
  ]);
  expect(env.AWS_DEFAULT_REGION).toBe('eu-west-1');
  const target = {
    url: env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME!,
    region: env.AWS_REGION!,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
  } as Parameters<typeof runtimeClient>[0];
  const runtime = runtimeClient(target, { maxAttempts: 1 });
  const out = await runtime.send(
    new ConverseCommand({ modelId: 'amazon.nova-lite-v1:0', messages: userText('cli') }),
  );
  expect(out.output?.message?.content?.[0]?.text).toBe('cli');
  const control = controlClient(target, { maxAttempts: 1 });
  const list = await control.send(new ListFoundationModelsCommand({ byProvider: 'Amazon' }));
  expect(list.modelSummaries?.[0]?.modelArn).toMatch(/^arn:aws:bedrock:eu-west-1::/);
  runtime.destroy();
  control.destroy();
  child!.kill('SIGTERM');
  const [code] = await once(child!, 'exit');
  expect(code).toBe(0);
});

it('refuses a non-loopback host without --allow-remote (exit 2)', async () => {
  child = spawn(process.execPath, [bin, '--host', '0.0.0.0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const [code] = await once(child, 'exit');
  expect(code).toBe(2);
  expect(stderr).toMatch(/not a loopback address/);
});
