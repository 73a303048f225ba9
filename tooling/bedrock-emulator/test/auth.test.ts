// Authentication through the real SDK: SigV4 over h2 (:authority) and h1 (host), tamper detection, session
// tokens, expiry, unknown keys, bearer API keys, per-credential model and action denial, region from scope.
import { ListFoundationModelsCommand, ListInferenceProfilesCommand } from '@aws-sdk/client-bedrock';
import { ConverseCommand, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { collect, controlClient, failure, HAIKU, runtimeClient, streamedText, userText } from './helpers.js';

const main = { accessKeyId: 'AKIDMAIN', secretAccessKey: 'main-secret' };
const temporary = {
  accessKeyId: 'ASIATEMP',
  secretAccessKey: 'temp-secret',
  sessionToken: 'SESSIONTOKEN123',
};
const expired = {
  accessKeyId: 'ASIAOLD',
  secretAccessKey: 'old',
  sessionToken: 'OLD',
  expiresAt: new Date(Date.now() - 1000),
};
const limited = {
  accessKeyId: 'AKIDLIMITED',
  secretAccessKey: 'limited-secret',
  deniedModels: [HAIKU],
  deniedActions: ['bedrock:ListInferenceProfiles', 'bedrock:InvokeModel'],
};

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({
    credentials: [main, temporary, expired, limited],
    bearerTokens: ['ABSKgoodtoken'],
  });
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.journal.clear());

const converse = (text = 'hi') => new ConverseCommand({ modelId: HAIKU, messages: userText(text) });

describe('SigV4', () => {
  it('accepts a signed h2 request (:authority) and journals the key and region', async () => {
    const client = runtimeClient(emulator, { credentials: main, region: 'eu-west-1', maxAttempts: 1 });
    await client.send(converse());
    expect(emulator.journal.entries()[0]).toMatchObject({
      protocol: '2.0',
      region: 'eu-west-1',
      auth: { kind: 'sigv4', ok: true, credentialId: 'AKIDMAIN' },
    });
    client.destroy();
  });

  it('accepts a signed HTTP/1.1 request (host) and a GET with a query', async () => {
    const client = runtimeClient(emulator, {
      credentials: main,
      requestHandler: new NodeHttpHandler(),
      maxAttempts: 1,
    });
    await client.send(converse());
    const control = controlClient(emulator, { credentials: main, maxAttempts: 1 });
    await control.send(new ListFoundationModelsCommand({ byProvider: 'Meta', byOutputModality: 'TEXT' }));
    expect(emulator.journal.entries().map((entry) => [entry.protocol, entry.auth.ok])).toEqual([
      ['1.1', true],
      ['1.1', true],
    ]);
    client.destroy();
    control.destroy();
  });

  it('accepts a session token and rejects a missing or wrong one', async () => {
    const ok = runtimeClient(emulator, { credentials: temporary, maxAttempts: 1 });
    await ok.send(converse());
    const noToken = runtimeClient(emulator, {
      credentials: { ...temporary, sessionToken: undefined },
      maxAttempts: 1,
    });
    const wrong = runtimeClient(emulator, {
      credentials: { ...temporary, sessionToken: 'NOPE' },
      maxAttempts: 1,
    });
    for (const client of [noToken, wrong]) {
      const error = await failure(client.send(converse()));
      expect(error.name).toBe('UnrecognizedClientException');
      expect(error.message).toBe('The security token included in the request is invalid.');
      expect(error.$metadata).toMatchObject({ httpStatusCode: 403 });
      client.destroy();
    }
    ok.destroy();
  });

  it('answers ExpiredTokenException for an expired key', async () => {
    const client = runtimeClient(emulator, { credentials: expired, maxAttempts: 1 });
    const error = await failure(client.send(converse()));
    expect(error.name).toBe('ExpiredTokenException');
    expect(error.message).toBe('The security token included in the request is expired');
    client.destroy();
  });

  it('answers UnrecognizedClientException for an unknown key and InvalidSignatureException for a wrong secret', async () => {
    const unknown = runtimeClient(emulator, {
      credentials: { accessKeyId: 'AKIDNOBODY', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    expect((await failure(unknown.send(converse()))).name).toBe('UnrecognizedClientException');
    const wrongSecret = runtimeClient(emulator, {
      credentials: { ...main, secretAccessKey: 'guess' },
      maxAttempts: 1,
    });
    const error = await failure(wrongSecret.send(converse()));
    expect(error.name).toBe('InvalidSignatureException');
    expect(error.message).toMatch(/^The request signature we calculated does not match/);
    expect(emulator.journal.entries().map((entry) => entry.auth)).toEqual([
      { kind: 'sigv4', ok: false, credentialId: 'AKIDNOBODY', error: 'UnrecognizedClientException' },
      { kind: 'sigv4', ok: false, credentialId: 'AKIDMAIN', error: 'InvalidSignatureException' },
    ]);
    unknown.destroy();
    wrongSecret.destroy();
  });

  describe('tampering after signing', () => {
    type Req = { body: string | Uint8Array; path: string; headers: Record<string, string> };
    const text = (body: Req['body']) => (typeof body === 'string' ? body : new TextDecoder().decode(body));
    // The stack's handler types live in @smithy/types, which this package does not depend on.
    type Next = (args: { request: unknown }) => Promise<{ output: object; response: unknown }>;
    type Middleware = Parameters<ReturnType<typeof runtimeClient>['middlewareStack']['addRelativeTo']>[0];
    const tampered = (change: (request: Req) => void) => {
      const client = runtimeClient(emulator, { credentials: main, maxAttempts: 1 });
      client.middlewareStack.addRelativeTo(
        ((next: Next) => (args: { request: unknown }) => {
          change(args.request as Req);
          return next(args);
        }) as unknown as Middleware,
        { relation: 'after', toMiddleware: 'httpSigningMiddleware' },
      );
      return client;
    };

    it.each([
      [
        'the body',
        (r: Req) => {
          r.body = text(r.body).replace('hi', 'ho');
        },
      ],
      [
        'the path (model id)',
        (r: Req) => {
          r.path = r.path.replace('haiku', 'sonnet');
        },
      ],
      [
        'a signed header',
        (r: Req) => {
          r.headers['amz-sdk-request'] = 'attempt=9; max=9';
        },
      ],
    ])('detects a change to %s', async (_what, change) => {
      const client = tampered(change);
      const error = await failure(client.send(converse()));
      expect(error.name).toBe('InvalidSignatureException');
      client.destroy();
    });

    it('detects a body changed together with a recomputed hash', async () => {
      const client = runtimeClient(emulator, { credentials: main, maxAttempts: 1 });
      const { createHash } = await import('node:crypto');
      client.middlewareStack.addRelativeTo(
        ((next: Next) => (args: { request: unknown }) => {
          const request = args.request as Req;
          request.body = text(request.body).replace('hi', 'ho');
          request.headers['x-amz-content-sha256'] = createHash('sha256').update(request.body).digest('hex');
          return next(args);
        }) as unknown as Middleware,
        { relation: 'after', toMiddleware: 'httpSigningMiddleware' },
      );
      expect((await failure(client.send(converse()))).name).toBe('InvalidSignatureException');
      client.destroy();
    });
  });
});

describe('bearer API keys', () => {
  const saved = process.env.AWS_BEARER_TOKEN_BEDROCK;
  afterEach(() => {
    if (saved === undefined) delete process.env.AWS_BEARER_TOKEN_BEDROCK;
    else process.env.AWS_BEARER_TOKEN_BEDROCK = saved;
  });

  it('accepts AWS_BEARER_TOKEN_BEDROCK, which the SDK prefers over keys', async () => {
    process.env.AWS_BEARER_TOKEN_BEDROCK = 'ABSKgoodtoken';
    const client = runtimeClient(emulator, { credentials: main, maxAttempts: 1 });
    const out = await client.send(
      new ConverseStreamCommand({ modelId: HAIKU, messages: userText('bearer ok') }),
    );
    expect(streamedText(await collect(out.stream))).toBe('bearer ok');
    expect(emulator.journal.entries()[0]?.auth).toEqual({ kind: 'bearer', ok: true });
    client.destroy();
  });

  it('accepts a configured token with authSchemePreference on both clients', async () => {
    const client = runtimeClient(emulator, {
      credentials: undefined,
      token: { token: 'ABSKgoodtoken' },
      authSchemePreference: ['httpBearerAuth'],
      maxAttempts: 1,
    });
    await client.send(converse());
    const control = controlClient(emulator, {
      token: { token: 'ABSKgoodtoken' },
      authSchemePreference: ['httpBearerAuth'],
    });
    await control.send(new ListFoundationModelsCommand({}));
    expect(emulator.journal.entries().map((entry) => entry.auth.kind)).toEqual(['bearer', 'bearer']);
    client.destroy();
    control.destroy();
  });

  it('rejects an unknown token', async () => {
    process.env.AWS_BEARER_TOKEN_BEDROCK = 'ABSKwrong';
    const client = runtimeClient(emulator, { maxAttempts: 1 });
    const error = await failure(client.send(converse()));
    expect(error.name).toBe('UnrecognizedClientException');
    expect(JSON.stringify(emulator.journal.entries())).not.toContain('ABSKwrong');
    client.destroy();
  });
});

describe('access control per credential', () => {
  it('denies a model to a key with Bedrock wording', async () => {
    const client = runtimeClient(emulator, { credentials: limited, maxAttempts: 1 });
    const error = await failure(
      client.send(new ConverseStreamCommand({ modelId: HAIKU, messages: userText('x') })),
    );
    expect(error.name).toBe('AccessDeniedException');
    expect(error.message).toBe("You don't have access to the model with the specified model ID.");
    const other = await client.send(
      new ConverseStreamCommand({ modelId: 'amazon.nova-lite-v1:0', messages: userText('x') }),
    );
    expect(streamedText(await collect(other.stream))).toBe('x');
    client.destroy();
  });

  it('denies IAM actions: Converse (bedrock:InvokeModel) and ListInferenceProfiles', async () => {
    const client = runtimeClient(emulator, { credentials: limited, maxAttempts: 1 });
    const invoke = await failure(
      client.send(new ConverseCommand({ modelId: 'amazon.nova-lite-v1:0', messages: userText('x') })),
    );
    expect(invoke.name).toBe('AccessDeniedException');
    expect(invoke.message).toMatch(
      /is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model\/amazon.nova-lite-v1:0/,
    );
    const control = controlClient(emulator, { credentials: limited, maxAttempts: 1 });
    const list = await failure(control.send(new ListInferenceProfilesCommand({})));
    expect(list.name).toBe('AccessDeniedException');
    expect(list.message).toMatch(/bedrock:ListInferenceProfiles/);
    await control.send(new ListFoundationModelsCommand({}));
    client.destroy();
    control.destroy();
  });
});
