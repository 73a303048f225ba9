// The layer order of Outcrop, enforced here rather than in prose:
//   config-schema < credentials < discovery < converse-stream < provider < apps/*
// A layer may import only layers below it. The emulator is a test kit: tests,
// benchmarks and apps may use it, a package's runtime code never does.
const layers = ['config-schema', 'credentials', 'discovery', 'converse-stream', 'provider'];

// Matches a sibling package whether or not its dist/ exists yet (unresolved
// imports keep their bare name, resolved ones their workspace path).
const pkg = (name) => `(^packages/${name}/|@outcrop/${name}($|/))`;
const testFile = '(\\.test\\.ts$|/test/|/__fixtures__/)';

const upward = layers.map((layer, i) => ({
  name: `layer-${layer}`,
  comment: `${layer} may import only the layers below it (${layers.slice(0, i).join(', ') || 'none'}).`,
  severity: 'error',
  from: { path: `^packages/${layer}/` },
  to: {
    path: [...layers.slice(i + 1).map(pkg), '(^apps/|@outcrop/(gateway|cli|bench)($|/))'].join('|'),
  },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'Import cycles make layering meaningless and break lazy loading. Type-only imports vanish at run time, so a cycle through them alone is allowed.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    ...upward,
    {
      name: 'emulator-is-test-only-in-packages',
      comment: 'Package runtime code never depends on the emulator; tests and apps may.',
      severity: 'error',
      from: { path: '^packages/', pathNot: testFile },
      to: { path: '(^tooling/bedrock-emulator/|@outcrop/bedrock-emulator($|/))' },
    },
    {
      name: 'test-kit-is-test-only',
      comment:
        'The raw HTTP test kit (tooling/test-http) serves tests; no runtime code of a package or app uses it.',
      severity: 'error',
      from: { path: '^(packages|apps)/', pathNot: testFile },
      to: { path: '(^tooling/test-http/|@outcrop/test-http($|/))' },
    },
    {
      name: 'emulator-stands-alone',
      comment: 'The emulator imports no Outcrop package, so every package can test against it.',
      severity: 'error',
      from: { path: '^tooling/bedrock-emulator/' },
      to: { path: `(^packages/|^apps/|@outcrop/(${layers.join('|')}|gateway|cli)($|/))` },
    },
    {
      name: 'no-deep-imports',
      comment: 'Import a sibling through its package name and public exports, never its src/ or dist/.',
      severity: 'error',
      from: { path: '^(packages|apps|tooling)/([^/]+)/' },
      to: { path: '^(packages|apps|tooling)/([^/]+)/src/', pathNot: '^$1/$2/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(/dist/|/node_modules/|/fixtures/)' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'types', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
