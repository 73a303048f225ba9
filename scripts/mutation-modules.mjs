// The core modules under mutation testing: where each lives, the files mutated and the unit tests that guard them.
export const MUTATION_MODULES = {
  'frame-decoder': {
    dir: 'packages/converse-stream',
    mutate: ['src/frame-decoder.ts', 'src/crc32.ts'],
    tests: ['src/frame-decoder.test.ts', 'src/frame-decoder-headers.test.ts'],
  },
  'retry-policy': {
    dir: 'packages/converse-stream',
    mutate: ['src/retry-policy.ts'],
    tests: ['src/retry-policy.test.ts'],
  },
  'cache-points': {
    dir: 'packages/provider',
    mutate: ['src/bedrock/cache-points.ts'],
    tests: ['src/bedrock/cache-points.test.ts', 'src/bedrock/request-mapping.test.ts'],
  },
  'request-validation': {
    dir: 'packages/converse-stream',
    mutate: ['src/validation.ts'],
    tests: ['src/validation.test.ts', 'src/validation-edges.test.ts'],
  },
  'secret-masking': {
    dir: 'packages/credentials',
    mutate: ['src/mask-secret.ts'],
    tests: ['src/mask-secret.test.ts'],
  },
  'error-classification': {
    dir: 'packages/converse-stream',
    mutate: ['src/classify.ts'],
    tests: ['src/classify.test.ts', 'src/classify-table.test.ts'],
  },
};
