import { resolveBedrockConnection } from '@outcrop/credentials';
import { describe, expect, it } from 'vitest';
import { createDiscovery, DiscoveryError, discoveryEnabled } from '../src/index.js';
import { emulator, tempDir } from './helpers.js';

describe('the README example', () => {
  it('runs against the emulator', async () => {
    const emu = await emulator();
    const lines: string[] = [];
    const console = {
      log: (line: string) => lines.push(line),
      warn: (line: string) => lines.push(line),
      error: (line: string) => lines.push(line),
    };

    // --- as in README.md, with the emulator's environment ---
    const connection = await resolveBedrockConnection({ env: emu.env(), homeDir: await tempDir() });
    const config = { refreshInterval: 3600, defaultContextWindow: 32_000, defaultMaxTokens: 4096 };
    if (discoveryEnabled(config, connection.source)) {
      try {
        const { models, errors } = await createDiscovery({ connection, config }).list();
        for (const m of models) {
          console.log(
            `${m.id}  ${m.invocation} in ${m.region}  ctx ${m.contextWindow}  $${m.cost.input}/M in`,
          );
        }
        for (const warning of errors) console.warn(warning.message);
      } catch (error) {
        if (DiscoveryError.isInstance(error)) console.error(error.message);
        else throw error;
      }
    }
    // ---

    expect(lines.length).toBeGreaterThan(5);
    expect(lines.some((line) => /^us\.anthropic\.\S+ {2}inference-profile in us-east-1/.test(line))).toBe(
      true,
    );
  });
});
