// The reliability suite (`pnpm test:reliability`): load, fault matrix, fuzz and secrets, one file at a time
// (the machine has 2 cores and these tests load it), with gc exposed for the memory checks. Timeouts here
// are safety nets; each test bounds its own work.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 240_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
    execArgv: ['--expose-gc'],
    env: {
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  },
});
