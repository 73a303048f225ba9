import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, format, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');

// The repository's real rules, loaded once. Cruising in-process (not one `depcruise` child per case) keeps each
// case to milliseconds: four cold Node + TypeScript start-ups took 20-30 s each on a loaded 2-core machine.
const options = extractDepcruiseOptions(path.join(root, '.dependency-cruiser.cjs'));

/** Runs the repository's layer rules over one small fixture tree (`fixtures/<name>/packages`). */
async function checkLayers(fixture: string) {
  const baseDir = path.join(here, '../fixtures', fixture);
  const reported = await cruise(['packages'], { ...(await options), baseDir, outputType: 'json' });
  const result = JSON.parse(String(reported.output)) as ICruiseResult;
  const violations = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
  const imports = result.modules.flatMap((m) => m.dependencies.map((d) => `${m.source} → ${d.module}`));
  // The exit code `depcruise` would give, from the reporter `pnpm check:layers` uses.
  const { exitCode } = await format(result, { outputType: 'err' });
  return { exitCode, violations, imports };
}

describe('the layer check (pnpm check:layers)', () => {
  it('fails when a lower layer imports a higher one', async () => {
    const { exitCode, violations } = await checkLayers('upward');
    expect(violations).toEqual([
      'layer-config-schema: packages/config-schema/src/index.ts → @outcrop/provider',
    ]);
    expect(exitCode).toBe(1);
  });

  it('fails on an import cycle', async () => {
    const { exitCode, violations } = await checkLayers('cycle');
    expect(violations.length).toBeGreaterThan(0);
    expect(violations.every((v) => v.startsWith('no-circular: packages/credentials/src/'))).toBe(true);
    expect(exitCode).toBeGreaterThan(0);
  });

  it('fails when package runtime code imports the emulator', async () => {
    const { exitCode, violations } = await checkLayers('emulator');
    expect(violations).toEqual([
      'emulator-is-test-only-in-packages: packages/provider/src/index.ts → @outcrop/bedrock-emulator',
    ]);
    expect(exitCode).toBe(1);
  });

  it('fails when package runtime code imports the raw HTTP test kit', async () => {
    const { exitCode, violations } = await checkLayers('test-kit');
    expect(violations).toEqual([
      'test-kit-is-test-only: packages/provider/src/index.ts → @outcrop/test-http',
    ]);
    expect(exitCode).toBe(1);
  });

  it('passes a downward import, which it did see', async () => {
    const { exitCode, violations, imports } = await checkLayers('clean');
    expect(imports).toEqual(['packages/provider/src/index.ts → @outcrop/discovery']);
    expect(violations).toEqual([]);
    expect(exitCode).toBe(0);
  });
});
