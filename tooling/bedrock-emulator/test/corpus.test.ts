// The stream corpus shipped with the package: every recording decodes to the frames its sidecar lists (CRCs
// intact), replays byte for byte over the wire, and reaches the official SDK as the behaviour it is named after.
import { request } from 'node:http';
import { ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  corpusEntry,
  corpusScenario,
  type Emulator,
  eventStreamCodec,
  loadCorpus,
  startEmulator,
} from '../src/index.js';
import { runtimeClient, userText } from './helpers.js';

const corpus = loadCorpus();
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
  for (const entry of corpus) emulator.recordings.add(entry.bytes, entry.behaviour);
});
afterAll(() => emulator.stop());

function frameNames(bytes: Buffer): string[] {
  const names: string[] = [];
  for (let at = 0; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const message = eventStreamCodec.decode(bytes.subarray(at, at + length)); // throws on a bad CRC
    at += length;
    const header = (name: string) => String(message.headers[name]?.value ?? '');
    const kind = header(':message-type');
    names.push(
      kind === 'event'
        ? header(':event-type')
        : kind === 'exception'
          ? header(':exception-type')
          : `error:${header(':error-code')}`,
    );
  }
  return names;
}

/** The raw response body of a replay over HTTP/1.1 with a bearer token. */
function rawReplay(behaviour: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ messages: userText('replay') });
    const req = request(
      `${emulator.url}/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse-stream`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${emulator.bearerToken}`,
          'content-type': 'application/json',
          'x-emulator-scenario': JSON.stringify(corpusScenario(behaviour)),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve(Buffer.concat(chunks)));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the stream corpus', () => {
  it('names each recording in kebab-case after its behaviour, with a description and a source', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(22);
    for (const entry of corpus) {
      expect(entry.behaviour).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(entry.description.length).toBeGreaterThan(10);
      expect(entry.source.length).toBeGreaterThan(5);
    }
    expect(() => corpusEntry('no-such-behaviour')).toThrow(/Known: .*stop-end-turn/);
  });

  it.each(corpus.map((entry) => entry.behaviour))(
    '%s decodes to the frames its sidecar lists',
    (behaviour) => {
      const entry = corpusEntry(behaviour);
      expect(frameNames(entry.bytes)).toEqual(entry.frames);
    },
  );

  it.each(corpus.map((entry) => entry.behaviour))('%s replays byte for byte', async (behaviour) => {
    expect((await rawReplay(behaviour)).equals(corpusEntry(behaviour).bytes)).toBe(true);
  });

  it('reaches the official SDK as the named behaviour', async () => {
    const client = runtimeClient(emulator, { maxAttempts: 1 });
    for (const entry of corpus) {
      emulator.scenarios.push(corpusScenario(entry.behaviour));
      const out = await client.send(
        new ConverseStreamCommand({ modelId: entry.modelId, messages: userText('replay') }),
      );
      const seen: string[] = [];
      let failure: Error | undefined;
      try {
        for await (const event of out.stream ?? []) seen.push(Object.keys(event)[0]!);
      } catch (error) {
        failure = error as Error;
      }
      if (entry.exception) expect(failure?.name.toLowerCase()).toBe(entry.exception.type.toLowerCase());
      else if (entry.error) expect(failure?.name).toBe(entry.error.code);
      else expect(failure).toBeUndefined();
      expect(seen).toEqual(
        entry.frames.filter((name) => !name.endsWith('Exception') && !name.startsWith('error:')),
      );
    }
  });
});
