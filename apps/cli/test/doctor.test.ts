import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type EmulatorCredential, startEmulator } from '@outcrop/bedrock-emulator';
import { describe, expect, it } from 'vitest';
import { cleanEnv, parseJson, runCli, tempHome } from './cli.js';

interface DoctorJson {
  ok: boolean;
  checks: Array<{ id: string; status: string; detail: string; hint?: string }>;
}

const BARE_CLAUDE = 'anthropic.claude-sonnet-4-5-20250929-v1:0';

function homeWithModel(primary: string): string {
  const home = tempHome();
  mkdirSync(path.join(home, '.outcrop'), { recursive: true });
  writeFileSync(
    path.join(home, '.outcrop', 'config.json5'),
    JSON.stringify({ agents: { defaults: { model: { primary } } } }),
  );
  return home;
}

async function doctorWith(
  credential: Omit<EmulatorCredential, 'accessKeyId' | 'secretAccessKey'>,
  primary: string,
) {
  const emulator = await startEmulator({
    credentials: [
      {
        accessKeyId: 'AKIADOCTORTEST000001',
        secretAccessKey: 'doctor-secret-key-000000000000000000001',
        ...credential,
      },
    ],
  });
  try {
    const result = await runCli(['doctor', '--json'], {
      env: cleanEnv(homeWithModel(primary), emulator.env()),
    });
    return { result, json: parseJson<DoctorJson>(result), journal: emulator.journal.entries() };
  } finally {
    await emulator.stop();
  }
}

const statuses = (json: DoctorJson) =>
  Object.fromEntries(json.checks.map((check) => [check.id, check.status]));

describe('outcrop doctor', () => {
  it('passes every check, probes the default model with one token, and advises an inference profile', async () => {
    const { result, json, journal } = await doctorWith({}, `amazon-bedrock/${BARE_CLAUDE}`);
    expect(result.code).toBe(0);
    expect(json.ok).toBe(true);
    expect(statuses(json)).toEqual({
      config: 'pass',
      credentials: 'pass',
      region: 'pass',
      listing: 'pass',
      'model-access': 'pass',
      'inference-profiles': 'warn',
    });
    const advice = json.checks.find((check) => check.id === 'inference-profiles');
    expect(advice?.hint).toBe(`use amazon-bedrock/us.${BARE_CLAUDE}`);
    const probe = journal.filter((entry) => entry.operation === 'ConverseStream').at(-1);
    const body = probe?.body as { inferenceConfig?: { maxTokens?: number } } | undefined;
    expect(body?.inferenceConfig?.maxTokens).toBe(1);
  });

  it('with no default model it probes the one `outcrop chat` picks, and counts models as `models list` does', async () => {
    const emulator = await startEmulator();
    try {
      const env = cleanEnv(tempHome(), emulator.env());
      const result = await runCli(['doctor', '--json'], { env });
      const json = parseJson<DoctorJson>(result);
      const probe = json.checks.find((check) => check.id === 'model-access');
      expect(probe?.status).toBe('pass');
      expect(probe?.detail).toMatch(
        /^amazon-bedrock\/\S+ answered \(no default model set: the one `outcrop chat` picks\)$/,
      );
      const converse = emulator.journal.entries().filter((entry) => entry.operation === 'ConverseStream');
      expect(converse).toHaveLength(1);
      // Bedrock's listing has chat models only: counted as `models list --kind chat` counts.
      const listed = parseJson<{ count: number }>(
        await runCli(['models', 'list', '--json', '--kind', 'chat'], { env }),
      );
      const every = parseJson<{ count: number }>(
        await runCli(['models', 'list', '--all', '--json', '--kind', 'chat'], { env }),
      );
      const listing = json.checks.find((check) => check.id === 'listing');
      expect(listing?.detail).toBe(
        `${listed.count} models callable in us-east-1 (${every.count} refs with inference profiles)`,
      );
    } finally {
      await emulator.stop();
    }
  });

  it('a model without access fails the probe with a fix: exit 6', async () => {
    const { result, json } = await doctorWith(
      { deniedModels: ['amazon.nova-lite-v1:0'] },
      'amazon-bedrock/amazon.nova-lite-v1:0',
    );
    expect(result.code).toBe(6);
    const check = json.checks.find((entry) => entry.id === 'model-access');
    expect(check?.status).toBe('fail');
    expect(check?.hint).toMatch(/Model access/);
    expect(statuses(json).listing).toBe('pass');
  });

  it('an embedding model as the default fails the probe, saying it cannot chat and what to pick', async () => {
    const { result, json } = await doctorWith({}, 'amazon-bedrock/amazon.titan-embed-text-v2:0');
    expect(result.code).toBe(6);
    const check = json.checks.find((entry) => entry.id === 'model-access');
    expect(check).toMatchObject({
      status: 'fail',
      detail:
        'amazon-bedrock/amazon.titan-embed-text-v2:0 is an embedding model: it turns text into vectors and cannot chat',
    });
    expect(check?.hint).toMatch(/^pick a chat model from `outcrop models list --kind chat`/);
    expect(statuses(json).listing).toBe('pass');
  });

  it('a denied listing permission fails with the IAM action to grant', async () => {
    const { result, json } = await doctorWith(
      { deniedActions: ['bedrock:ListFoundationModels'] },
      'amazon-bedrock/amazon.nova-lite-v1:0',
    );
    expect(result.code).toBe(6);
    const check = json.checks.find((entry) => entry.id === 'listing');
    expect(check?.status).toBe('fail');
    expect(check?.hint).toBe('grant bedrock:ListFoundationModels to this identity');
  });

  it('expired credentials fail the probe as credentials', async () => {
    const { result, json } = await doctorWith(
      { sessionToken: 'session-token-expired-0000000000000000001', expiresAt: new Date(Date.now() - 60_000) },
      'amazon-bedrock/amazon.nova-lite-v1:0',
    );
    expect(result.code).toBe(6);
    expect(json.checks.find((entry) => entry.id === 'model-access')?.status).toBe('fail');
    expect(JSON.stringify(json)).not.toContain('doctor-secret-key');
  });

  it('after the quick start with no credentials: exit 0, every check run against the emulator, and said so', async () => {
    const home = tempHome();
    const init = await runCli(['config', 'init', '-y', '--region', 'us-east-1'], { env: cleanEnv(home) });
    expect(init.code).toBe(0);
    const result = await runCli(['doctor', '--json'], { env: cleanEnv(home) });
    expect(result.code).toBe(0);
    const json = parseJson<{ ok: boolean; checks: Array<{ id: string; status: string; detail: string }> }>(
      result,
    );
    expect(json.ok).toBe(true);
    const byId = Object.fromEntries(json.checks.map((check) => [check.id, check]));
    expect(byId.credentials).toMatchObject({ status: 'warn' });
    expect(byId.credentials?.detail).toMatch(/embedded Bedrock emulator at http:\/\/127\.0\.0\.1:\d+/);
    for (const id of ['region', 'listing', 'model-access']) {
      expect(byId[id]?.status).toBe('pass');
      expect(byId[id]?.detail).toContain('(embedded emulator)');
    }
  });

  it('with no credentials and --no-emulator: exit 6, the credentials check names what was tried, the rest skipped', async () => {
    const result = await runCli(['--no-emulator', 'doctor'], { env: cleanEnv(tempHome()) });
    expect(result.code).toBe(6);
    expect(result.stdout).toMatch(/^✓ Config: /m);
    expect(result.stdout).toMatch(/^✗ Credentials: No AWS credentials found, .*\(tried: /m);
    expect(result.stdout).toMatch(/^ {2}fix: /m);
    expect(result.stdout).toMatch(/^- Model access: needs credentials$/m);
    expect(result.stdout).toMatch(/Some checks failed\.\n$/);
  });
});
