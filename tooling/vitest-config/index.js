// Shared Vitest defaults. Tests that start servers listen on 127.0.0.1 only and
// must stop them; timeouts here are a safety net against hangs, never a benchmark.
import { defineConfig, mergeConfig } from 'vitest/config';

const base = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'test/reliability/**'],
    // Many tests start Node subprocesses or servers: on a loaded 2-core machine (load 12-19 measured) one took
    // 12 s and a cold `depcruise` child 31 s. A hang still fails, just not a slow start.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: {
      // Never let a test reach real AWS metadata endpoints or a developer's profile.
      AWS_EC2_METADATA_DISABLED: 'true',
      // The SDK's Node 20 support notice (README, "Node versions"), printed once per test process, is noise here.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  },
});

/** @param {import('vitest/config').ViteUserConfig} [overrides] */
export function outcropVitestConfig(overrides = {}) {
  return mergeConfig(base, overrides);
}
