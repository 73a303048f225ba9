import { outcropVitestConfig } from '@outcrop/vitest-config';

// The teams tests (keys, budgets, ledger) run against SQLite and a PostgreSQL server started once per run; one
// real redis-server serves the files that test replicas sharing state (each started only when installed).
export default outcropVitestConfig({
  test: { globalSetup: ['./test/teams/global-setup.ts', './test/redis-global-setup.ts'] },
});
