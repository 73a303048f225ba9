// Whole event streams recorded from converse-stream over the emulator (__fixtures__/*.jsonl), replayed
// through the stream mapping and snapshotted as normalized parts.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkStreamParts } from '../conformance/check-stream.js';
import { type BedrockEvent, BedrockStreamMapper } from './stream-mapping.js';

const dir = path.join(import.meta.dirname, '__fixtures__');

function readEvents(file: string): BedrockEvent[] {
  return readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) =>
      JSON.parse(line, (_key, value) =>
        value?.type === 'Buffer' && Array.isArray(value.data) ? Uint8Array.from(value.data) : value,
      ),
    );
}

describe('recorded streams', () => {
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.jsonl'))) {
    it(`${file} maps to conforming parts`, () => {
      const mapper = new BedrockStreamMapper({
        provider: 'amazon-bedrock',
        modelId: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
        cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
        now: () => 0,
      });
      const parts = [
        ...readEvents(file).flatMap((event) => mapper.map(event)),
        ...mapper.finish('req-fixture'),
      ];
      expect(checkStreamParts(parts)).toEqual([]);
      expect(parts).toMatchSnapshot();
    });
  }
});
