// Shared Vitest defaults. Tests that start servers listen on 127.0.0.1 only and
// must stop them; timeouts here are a safety net against hangs, never a benchmark.
import { defineConfig, mergeConfig } from 'vitest/config';

const base = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'test/reliability/**'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    env: {
      // Never let a test reach real AWS metadata endpoints or a developer's profile.
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  },
});

/** @param {import('vitest/config').ViteUserConfig} [overrides] */
export function outcropVitestConfig(overrides = {}) {
  return mergeConfig(base, overrides);
}
