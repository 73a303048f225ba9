export { defaultCatalog } from './catalog-data.js';
export type {
  ApplicationProfile,
  CatalogModel,
  InferenceType,
  Modality,
  ProfileGeo,
  PromptRouter,
} from './catalog-types.js';
export {
  type CorpusEntry,
  type CorpusMeta,
  corpusDir,
  corpusEntry,
  corpusScenario,
  loadCorpus,
} from './corpus.js';
export { codec as eventStreamCodec, errorFrame, eventFrame, exceptionFrame } from './event-frames.js';
export type { EmulatorGuardrail } from './guardrails.js';
export { embedText } from './invoke-embeddings.js';
export type { RequestJournal } from './journal.js';
export type { EmulatorQuotas, QuotaLimits } from './quotas.js';
export { outputBurndownRate, TOO_MANY_REQUESTS, TOO_MANY_TOKENS } from './quotas.js';
export type { Recording, Recordings } from './recordings.js';
export { tokenCount } from './reply-text.js';
export type { BedrockEvent, Scenario, StreamExceptionType } from './scenario-schema.js';
export { STREAM_EXCEPTIONS } from './scenario-schema.js';
export { parseScenario, ScenarioError, STOP_REASONS, scenarioPresets } from './scenarios.js';
export { EmulatorOptionsError, startEmulator } from './start-emulator.js';
export type {
  Emulator,
  EmulatorCatalog,
  EmulatorCredential,
  EmulatorOptions,
  JournalEntry,
  Operation,
} from './types.js';
