import { outcropVitestConfig } from '@outcrop/vitest-config';

// Every test above the unit level starts node subprocesses (and some a pseudo-terminal): on a busy 2-core CI
// machine a test can take well over the shared 20 s safety net without anything being wrong.
export default outcropVitestConfig({ test: { testTimeout: 60_000, hookTimeout: 30_000 } });
