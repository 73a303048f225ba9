// @outcrop/bench: helpers shared by the benchmarks and the reliability suite (the app itself is `pnpm bench`).
export { createPrng, mutateBytes, mutateText, type Prng, seedFromEnv } from './prng.js';
export {
  type Figure,
  formatNumber,
  type MachineFacts,
  machineFacts,
  ratioOf,
  renderResults,
} from './results.js';
export { splitInto, textScript, textScriptReply, toolInputJson, toolScript } from './scripts.js';
export { type NodeRun, type NodeRunOptions, runNode } from './spawn-node.js';
export { measure, median, percentile, sample } from './stats.js';
export { cliMain, packageDir } from './workspace.js';
