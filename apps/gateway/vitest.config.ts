import { outcropVitestConfig } from '@outcrop/vitest-config';

// One real redis-server for the files that test replicas sharing state (started only when installed).
export default outcropVitestConfig({ test: { globalSetup: ['test/redis-global-setup.ts'] } });
