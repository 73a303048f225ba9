import { outcropVitestConfig } from '@outcrop/vitest-config';

// The teams tests (keys, budgets, ledger) run against SQLite and a PostgreSQL server started once per run.
export default outcropVitestConfig({ test: { globalSetup: ['./test/teams/global-setup.ts'] } });
