// Vitest as Stryker runs it: only the unit tests of the module under mutation (scripts/mutation-modules.mjs).
import { outcropVitestConfig } from '../tooling/vitest-config/index.js';
import { MUTATION_MODULES } from './mutation-modules.mjs';

const module = MUTATION_MODULES[process.env.OUTCROP_MUTATION_MODULE ?? ''];
if (!module) throw new Error('OUTCROP_MUTATION_MODULE is not set to a known module');

const config = outcropVitestConfig({ root: process.cwd() });
// Set, not merged: mergeConfig would append to the shared include list and run every test.
config.test.include = module.tests;
export default config;
