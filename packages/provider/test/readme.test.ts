// The README's example is test/readme-example.ts: type-checked with the tests, shown verbatim in the README, and
// run here as printed against the emulator with a discovery-only config (Clawdbot's first documented snippet).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Emulator, startEmulator } from '@outcrop/bedrock-emulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const dir = path.resolve(import.meta.dirname, '..');

describe('README', () => {
  it('shows the type-checked example verbatim', () => {
    const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
    const example = readFileSync(path.join(dir, 'test/readme-example.ts'), 'utf8');
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  describe('the example, run as printed', () => {
    let emulator: Emulator;
    const saved = { ...process.env };
    beforeAll(async () => {
      emulator = await startEmulator({ region: 'us-east-1' });
      const home = mkdtempSync(path.join(tmpdir(), 'outcrop-readme-home-'));
      const configPath = path.join(home, 'outcrop.json5');
      writeFileSync(
        configPath,
        '{ models: { bedrockDiscovery: { enabled: true, region: "us-east-1", providerFilter: ["anthropic"] } } }\n',
      );
      // This file runs in its own process (vitest forks): the environment is ours to set.
      for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
      Object.assign(process.env, emulator.env(), { HOME: home, OUTCROP_CONFIG: configPath });
    });
    afterAll(async () => {
      process.env = saved;
      await emulator.stop();
    });

    it('streams the reply from Bedrock (the emulator) through the discovered inference profile', async () => {
      const out: string[] = [];
      const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        out.push(String(chunk));
        return true;
      });
      const log = vi.spyOn(console, 'log').mockImplementation((...args) => void out.push(args.join(' ')));
      const error = vi.spyOn(console, 'error');
      try {
        await import('./readme-example.js');
      } finally {
        write.mockRestore();
        log.mockRestore();
      }
      expect(error).not.toHaveBeenCalled();
      const text = out.join('');
      expect(text).toContain('Bedrock via env: AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY in us-east-1');
      expect(text).toContain('Hello!');
      expect(text).toMatch(/stop \(end_turn\), \$\d/);
      const calls = emulator.journal.entries().filter((e) => e.operation === 'ConverseStream');
      expect(calls.map((e) => e.modelId)).toEqual(['us.anthropic.claude-sonnet-4-5-20250929-v1:0']);
    });
  });
});
