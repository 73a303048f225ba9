// Mutation testing of the core modules (`pnpm test:mutation [module...]`, driven by scripts/mutation.mjs).
// Each run is scoped to one module: it mutates that module's files and runs only its unit tests, from inside
// the module's package, so a run takes minutes on a shared 2-core machine, not hours. Not part of CI.
import { createRequire } from 'node:module';
import { MUTATION_MODULES } from './scripts/mutation-modules.mjs';

const require = createRequire(import.meta.url);
const name = process.env.OUTCROP_MUTATION_MODULE ?? '';
const module = MUTATION_MODULES[name];
if (!module)
  throw new Error(`OUTCROP_MUTATION_MODULE must be one of: ${Object.keys(MUTATION_MODULES).join(', ')}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  // Resolved from the root: under pnpm the runner is not beside @stryker-mutator/core.
  plugins: [require.resolve('@stryker-mutator/vitest-runner')],
  testRunner: 'vitest',
  vitest: { configFile: require.resolve('./scripts/mutation-vitest.config.mjs'), related: false },
  mutate: module.mutate,
  coverageAnalysis: 'perTest',
  concurrency: Number(process.env.OUTCROP_MUTATION_CONCURRENCY ?? 1),
  timeoutMS: 10_000,
  reporters: ['clear-text', 'json'],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false, reportScoreTable: true },
  ignorePatterns: ['dist', 'reports', '*.tsbuildinfo'],
  tempDirName: `.stryker-tmp-${name}`,
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 75, break: null },
};
