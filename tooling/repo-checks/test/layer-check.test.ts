import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const depcruise = path.join(root, 'node_modules/.bin/depcruise');

/** Runs the repository's real layer check over a small fixture tree. */
function checkLayers(fixture: string) {
  const cwd = path.join(here, '../fixtures', fixture);
  const result = spawnSync(depcruise, ['packages', '--config', path.join(root, '.dependency-cruiser.cjs')], {
    cwd,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the layer check (pnpm check:layers)', () => {
  it('fails when a lower layer imports a higher one', () => {
    const { status, output } = checkLayers('upward');
    expect(status).not.toBe(0);
    expect(output).toContain('layer-config-schema: packages/config-schema/src/index.ts → @outcrop/provider');
  });

  it('fails on an import cycle', () => {
    const { status, output } = checkLayers('cycle');
    expect(status).not.toBe(0);
    expect(output).toContain('no-circular');
  });

  it('fails when package runtime code imports the emulator', () => {
    const { status, output } = checkLayers('emulator');
    expect(status).not.toBe(0);
    expect(output).toContain('emulator-is-test-only-in-packages');
  });

  it('passes a downward import', () => {
    const { status, output } = checkLayers('clean');
    expect(output).toContain('no dependency violations found');
    expect(status).toBe(0);
  });
});
