// The README's operation coverage table must list every operation of the API-model snapshot exactly once, and
// what it calls emulated or validated must be what the emulator routes (the rest answers UnknownOperation).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { route } from '../src/routes.js';

const root = join(import.meta.dirname, '..');
const snapshot = JSON.parse(readFileSync(join(root, 'api-model', 'operations.json'), 'utf8')) as {
  services: Record<string, { operations: { operation: string; method: string; requestUri: string }[] }>;
};
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Operation coverage'), readme.indexOf('## Limits'));
const rows = [
  ...section.matchAll(
    /^\| (bedrock(?:-runtime)?) \| (\w+) \| (validated|emulated|not emulated) \| (.+) \|$/gm,
  ),
];

it('lists every operation of both services once, with a status and a source', () => {
  const listed = rows.map((row) => `${row[1]} ${row[2]}`);
  const expected = Object.entries(snapshot.services).flatMap(([service, { operations }]) =>
    operations.map((op) => `${service} ${op.operation}`),
  );
  expect(listed.sort()).toEqual(expected.sort());
  expect(rows.every((row) => row[4]!.trim().length > 0)).toBe(true);
});

it('calls emulated or validated exactly the operations the emulator routes', () => {
  const status = new Map(rows.map((row) => [`${row[1]} ${row[2]}`, row[3]]));
  for (const [service, { operations }] of Object.entries(snapshot.services)) {
    for (const op of operations) {
      const path = op.requestUri.replace(/\{[^}]+\}/g, 'anthropic.claude-3-haiku-20240307-v1%3A0');
      const routed = route(op.method, path).operation;
      const served = status.get(`${service} ${op.operation}`) !== 'not emulated';
      expect({ op: op.operation, routed: routed !== 'Unknown' }).toEqual({
        op: op.operation,
        routed: served,
      });
      if (served) expect(routed).toBe(op.operation);
    }
  }
});
