// The product promise, as a user meets it: start the bin npx runs, paste the environment it prints, and boto3
// works unchanged (AWS_DEFAULT_REGION included). Skipped, with the reason, without python3 or PyPI.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = join(import.meta.dirname, '..');
const venv = join(tmpdir(), 'outcrop-bedrock-emulator-boto3-venv');
const python = join(venv, 'bin', 'python');
let skipReason: string | undefined;
let child: ChildProcess | undefined;

async function prepareVenv(): Promise<string | undefined> {
  try {
    await run('python3', ['--version']);
  } catch {
    return 'python3 is not installed';
  }
  try {
    if (!existsSync(python)) await run('python3', ['-m', 'venv', venv]);
    await run(python, ['-c', 'import boto3']).catch(() =>
      run(join(venv, 'bin', 'pip'), ['install', '--quiet', 'boto3'], { timeout: 240_000 }),
    );
    return undefined;
  } catch (error) {
    return `could not create a venv with boto3: ${(error as Error).message.split('\n')[0]}`;
  }
}

beforeAll(async () => {
  skipReason = await prepareVenv();
  if (skipReason) console.warn(`boto3 test skipped: ${skipReason}`);
}, 300_000);
afterAll(() => {
  child?.kill('SIGTERM');
});

/** Starts the bin npx would run (`bedrock-emulator`) and reads the `export NAME=value` lines it prints. */
async function startBin(): Promise<Record<string, string>> {
  const bins = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).bin as Record<
    string,
    string
  >;
  // npx runs the bin named after the unscoped package name when a package has several.
  const bin = join(packageDir, bins['bedrock-emulator']!);
  child = spawn(process.execPath, [bin, '--region', 'eu-central-1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  while (!output.includes('Ctrl-C')) {
    if (child.exitCode !== null) throw new Error(`emulator exited early: ${output}`);
    await once(child.stdout!, 'data');
  }
  return Object.fromEntries([...output.matchAll(/export (\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
}

const SCRIPT = `
import json, boto3
rt = boto3.client("bedrock-runtime")
out = {}
r = rt.converse(modelId="anthropic.claude-3-haiku-20240307-v1:0",
                messages=[{"role": "user", "content": [{"text": "hello from boto3"}]}])
out["converse"] = r["output"]["message"]["content"][0]["text"]
s = rt.converse_stream(modelId="anthropic.claude-3-haiku-20240307-v1:0",
                       messages=[{"role": "user", "content": [{"text": "streamed to boto3"}]}])
out["stream"] = "".join(e["contentBlockDelta"]["delta"].get("text", "") for e in s["stream"] if "contentBlockDelta" in e)
body = json.dumps({"anthropic_version": "bedrock-2023-05-31", "max_tokens": 50,
                   "messages": [{"role": "user", "content": "invoked by boto3"}]})
i = rt.invoke_model(modelId="anthropic.claude-3-haiku-20240307-v1:0", body=body)
out["invoke"] = json.loads(i["body"].read())["content"][0]["text"]
e = rt.invoke_model(modelId="amazon.titan-embed-text-v2:0", body=json.dumps({"inputText": "x", "dimensions": 256}))
out["dims"] = len(json.loads(e["body"].read())["embedding"])
out["region"] = rt.meta.region_name
out["models"] = len(boto3.client("bedrock").list_foundation_models()["modelSummaries"]) > 0
print(json.dumps(out))
`;

it('boto3 calls Converse, ConverseStream and InvokeModel with only the printed environment', async (context) => {
  if (skipReason) {
    context.skip();
    return;
  }
  const printed = await startBin();
  const home = await mkdtemp(join(tmpdir(), 'boto3-home-'));
  const script = join(home, 'client.py');
  await writeFile(script, SCRIPT);
  // Nothing from the developer's environment: no profile, no instance metadata, only what was printed.
  const env = { PATH: process.env.PATH ?? '', HOME: home, AWS_EC2_METADATA_DISABLED: 'true', ...printed };
  const { stdout } = await run(python, [script], { env, timeout: 120_000 });
  expect(JSON.parse(stdout)).toEqual({
    converse: 'hello from boto3',
    stream: 'streamed to boto3',
    invoke: 'invoked by boto3',
    dims: 256,
    region: 'eu-central-1',
    models: true,
  });
}, 180_000);
