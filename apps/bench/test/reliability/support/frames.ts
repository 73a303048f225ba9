// Event-stream frames for the fuzz test: valid frames with random content (they pass the CRC checks and
// reach header and payload parsing), and destructive ones (random bytes, mutated bytes with or without
// fixed-up CRCs) that end a stream. A recording is many valid frames, then at most one destructive frame.
import zlib from 'node:zlib';
import { errorFrame, eventFrame, eventStreamCodec, exceptionFrame } from '@outcrop/bedrock-emulator';
import { mutateBytes, mutateText, type Prng } from '../../../src/prng.js';

const EVENT_TYPES = [
  'messageStart',
  'contentBlockStart',
  'contentBlockDelta',
  'contentBlockStop',
  'messageStop',
  'metadata',
];
const VALID_PAYLOADS: Record<string, unknown> = {
  messageStart: { role: 'assistant' },
  contentBlockStart: { contentBlockIndex: 1, start: { toolUse: { toolUseId: 't1', name: 'lookup' } } },
  contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'granite ' } },
  contentBlockStop: { contentBlockIndex: 0 },
  messageStop: { stopReason: 'end_turn' },
  metadata: { usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 }, metrics: { latencyMs: 5 } },
};

function randomValue(prng: Prng, depth = 0): unknown {
  switch (prng.int(depth > 2 ? 5 : 8)) {
    case 0:
      return null;
    case 1:
      return prng.chance(0.5);
    case 2:
      return prng.pick([0, -1, 1e308, 2 ** 53 + 1, 0.5, Number.MAX_SAFE_INTEGER]);
    case 3:
      return prng.pick(['', 'text', '\u0000', '\ud800', 'a'.repeat(prng.int(2000)), 'end_turn', 'assistant']);
    case 4:
      return prng.pick(['contentBlockIndex', 'delta', 'toolUse', 'usage', '__proto__', 'constructor']);
    case 5:
      return Array.from({ length: prng.int(4) }, () => randomValue(prng, depth + 1));
    default: {
      const keys = [
        'contentBlockIndex',
        'delta',
        'text',
        'toolUse',
        'input',
        'start',
        'stopReason',
        'usage',
        'role',
        'reasoningContent',
        '__proto__',
        'x',
      ];
      const obj: Record<string, unknown> = {};
      for (let i = prng.int(4); i > 0; i--) obj[prng.pick(keys)] = randomValue(prng, depth + 1);
      return obj;
    }
  }
}

/** A frame with correct CRCs whose type, headers or payload are random or mutated. */
export function validFrame(prng: Prng): Uint8Array {
  const type = prng.chance(0.9) ? prng.pick(EVENT_TYPES) : prng.pick(['unknownEvent', '', 'x'.repeat(200)]);
  switch (prng.int(6)) {
    case 0:
      return eventFrame(type, VALID_PAYLOADS[type] ?? {});
    case 1:
      return eventFrame(type, randomValue(prng));
    case 2: {
      // Payload bytes that may not be JSON at all.
      const text = mutateText(JSON.stringify(VALID_PAYLOADS[type] ?? { a: 1 }), prng);
      return eventStreamCodec.encode({
        headers: {
          ':event-type': { type: 'string', value: type },
          ':content-type': { type: 'string', value: 'application/json' },
          ':message-type': { type: 'string', value: 'event' },
        },
        body: new TextEncoder().encode(text),
      });
    }
    case 3:
      return prng.chance(0.5)
        ? exceptionFrame(prng.pick(['throttlingException', 'validationException', 'weirdException']), {
            message: 'm',
          })
        : errorFrame(prng.pick(['InternalFailure', '', 'x']), 'fuzzed error');
    case 4: {
      // Odd header sets: missing, duplicated meaning, other header value types.
      const headers: Record<
        string,
        | { type: 'string'; value: string }
        | { type: 'boolean'; value: boolean }
        | { type: 'integer'; value: number }
      > = {};
      if (prng.chance(0.7))
        headers[':message-type'] = {
          type: 'string',
          value: prng.pick(['event', 'exception', 'error', 'other']),
        };
      if (prng.chance(0.7)) headers[':event-type'] = { type: 'string', value: type };
      if (prng.chance(0.3)) headers[':content-type'] = { type: 'string', value: 'application/octet-stream' };
      if (prng.chance(0.3)) headers.flag = { type: 'boolean', value: true };
      if (prng.chance(0.3)) headers[':event-type'] = { type: 'integer', value: prng.int(1000) };
      return eventStreamCodec.encode({
        headers,
        body: new TextEncoder().encode(JSON.stringify(randomValue(prng))),
      });
    }
    default:
      return eventFrame('contentBlockDelta', {
        contentBlockIndex: prng.int(3),
        delta: { text: mutateText('word ', prng) },
      });
  }
}

function fixCrcs(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 16) return bytes;
  const copy = Buffer.from(bytes);
  copy.writeUInt32BE(zlib.crc32(copy.subarray(0, 8)), 8);
  copy.writeUInt32BE(zlib.crc32(copy.subarray(0, copy.length - 4)), copy.length - 4);
  return copy;
}

/** A frame that breaks the stream: random bytes, or a mutated frame with or without repaired CRCs. */
export function destructiveFrame(prng: Prng): Uint8Array {
  switch (prng.int(4)) {
    case 0:
      return prng.bytes(prng.int(64));
    case 1:
      return mutateBytes(validFrame(prng), prng);
    case 2:
      return fixCrcs(mutateBytes(validFrame(prng), prng));
    default: {
      // A prelude that claims a huge or tiny total length, with a correct prelude CRC.
      const frame = Buffer.from(validFrame(prng));
      frame.writeUInt32BE(prng.pick([0, 1, 15, 16, 0x7fffffff, 0xffffffff, frame.length + 1]), 0);
      frame.writeUInt32BE(zlib.crc32(frame.subarray(0, 8)), 8);
      return frame;
    }
  }
}

/** One response body: `valid` random-but-valid frames, then (usually) one destructive frame. */
export function recording(prng: Prng, valid: number): { bytes: Buffer; frames: number } {
  const frames: Uint8Array[] = [];
  if (prng.chance(0.1)) {
    // A well-formed response now and then, so the clean path is exercised between the broken ones.
    frames.push(eventFrame('messageStart', { role: 'assistant' }));
    while (frames.length < valid) {
      frames.push(
        eventFrame('contentBlockDelta', {
          contentBlockIndex: 0,
          delta: { text: mutateText('granite ', prng) },
        }),
      );
    }
    frames.push(
      eventFrame('contentBlockStop', { contentBlockIndex: 0 }),
      eventFrame('messageStop', { stopReason: 'end_turn' }),
    );
    frames.push(eventFrame('metadata', VALID_PAYLOADS.metadata));
    return { bytes: Buffer.concat(frames), frames: frames.length };
  }
  if (prng.chance(0.8)) frames.push(eventFrame('messageStart', { role: 'assistant' }));
  while (frames.length < valid) frames.push(validFrame(prng));
  if (prng.chance(0.85)) frames.push(destructiveFrame(prng));
  return { bytes: Buffer.concat(frames), frames: frames.length };
}
