// @outcrop/provider/conformance: the test kit provider authors run against their own provider.
export {
  assertConformingStream,
  ConformanceError,
  type ConformanceViolation,
  checkStreamParts,
} from './check-stream.js';
export {
  type ConformanceCase,
  type ConformanceOptions,
  collectParts,
  providerConformanceCases,
} from './suite.js';
