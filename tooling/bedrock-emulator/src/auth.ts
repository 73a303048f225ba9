// Request authentication as AWS performs it: SigV4 re-signed with @smithy/signature-v4 (h2 `:authority` or
// h1 `host`, body hash, session token, clock skew) against the configured keys, or a Bedrock API key bearer.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { type AwsError, awsError, type RawRequest } from './http-io.js';
import type { EmulatorCredential } from './types.js';

export type AuthResult =
  | { ok: true; kind: 'sigv4'; credential: EmulatorCredential; region: string }
  | { ok: true; kind: 'bearer'; token: string }
  | { ok: false; kind: 'sigv4' | 'bearer' | 'none'; credentialId?: string; region?: string; error: AwsError };

const SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;
const MAX_SKEW_MS = 15 * 60 * 1000;

const INVALID_TOKEN = 'The security token included in the request is invalid.';
const BAD_SIGNATURE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** node:crypto behind the signer's Checksum interface (much faster than the pure-JS sha256). */
class NodeSha256 {
  private hash;
  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = this.create();
  }
  private create() {
    if (this.secret === undefined) return createHash('sha256');
    return createHmac('sha256', toBuffer(this.secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
  reset(): void {
    this.hash = this.create();
  }
}

function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

export class Authenticator {
  private readonly keys = new Map<string, EmulatorCredential>();
  private readonly tokens: Set<string>;

  constructor(
    credentials: EmulatorCredential[],
    bearerTokens: string[],
    private readonly defaultRegion: string,
  ) {
    for (const credential of credentials) this.keys.set(credential.accessKeyId, credential);
    this.tokens = new Set(bearerTokens);
  }

  async authenticate(req: RawRequest, now = Date.now()): Promise<AuthResult> {
    const header = req.headers.authorization;
    if (!header) {
      return {
        ok: false,
        kind: 'none',
        error: awsError('MissingAuthenticationTokenException', 'Missing Authentication Token'),
      };
    }
    if (/^Bearer /i.test(header)) return this.bearer(header.slice(7).trim());
    const match = SIGV4.exec(header);
    if (!match) {
      return {
        ok: false,
        kind: 'sigv4',
        error: awsError(
          'IncompleteSignatureException',
          `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.`,
        ),
      };
    }
    return this.sigv4(req, match, now);
  }

  private bearer(token: string): AuthResult {
    if (this.tokens.has(token)) return { ok: true, kind: 'bearer', token };
    return { ok: false, kind: 'bearer', error: awsError('UnrecognizedClientException', INVALID_TOKEN) };
  }

  private async sigv4(req: RawRequest, match: RegExpExecArray, now: number): Promise<AuthResult> {
    const [, accessKeyId, , region, service, signedHeaderList] = match as unknown as string[];
    const fail = (type: string, message: string): AuthResult => ({
      ok: false,
      kind: 'sigv4',
      credentialId: accessKeyId!,
      region: region!,
      error: awsError(type, message),
    });
    const credential = this.keys.get(accessKeyId!);
    if (!credential) return fail('UnrecognizedClientException', INVALID_TOKEN);
    const sessionToken = req.headers['x-amz-security-token'];
    if ((credential.sessionToken ?? undefined) !== sessionToken) {
      return fail('UnrecognizedClientException', INVALID_TOKEN);
    }
    if (credential.expiresAt && credential.expiresAt.getTime() <= now) {
      return fail('ExpiredTokenException', 'The security token included in the request is expired');
    }
    const amzDate = req.headers['x-amz-date'] ?? '';
    const signingDate = parseAmzDate(amzDate);
    if (!signingDate)
      return fail(
        'IncompleteSignatureException',
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
      );
    if (Math.abs(now - signingDate.getTime()) > MAX_SKEW_MS) {
      return fail(
        'InvalidSignatureException',
        `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(new Date(now - MAX_SKEW_MS))} (${formatAmzDate(new Date(now))} - 15 min.)`,
      );
    }
    const claimedHash = req.headers['x-amz-content-sha256'];
    const unsigned = claimedHash === 'UNSIGNED-PAYLOAD';
    if (claimedHash && !unsigned && claimedHash !== createHash('sha256').update(req.body).digest('hex')) {
      return fail('InvalidSignatureException', BAD_SIGNATURE);
    }
    const names = signedHeaderList!.split(';');
    const headers: Record<string, string> = {};
    for (const name of names) headers[name] = req.headers[name] ?? '';
    const [rawPath = '/', rawQuery = ''] = req.url.split('?', 2);
    const query: Record<string, string> = {};
    for (const [key, value] of new URLSearchParams(rawQuery)) query[key] = value;
    const signer = new SignatureV4({
      service: service!,
      region: region!,
      sha256: NodeSha256,
      applyChecksum: names.includes('x-amz-content-sha256'),
      credentials: {
        accessKeyId: accessKeyId!,
        secretAccessKey: credential.secretAccessKey,
        ...(sessionToken ? { sessionToken } : {}),
      },
    });
    const signed = await signer.sign(
      {
        method: req.method,
        protocol: 'http:',
        hostname: '127.0.0.1',
        path: rawPath,
        query,
        headers,
        body: req.body,
      },
      { signingDate, signingRegion: region!, signingService: service! },
    );
    const expected = Buffer.from(String(signed.headers.authorization ?? ''));
    const actual = Buffer.from(req.headers.authorization ?? '');
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
      return fail('InvalidSignatureException', BAD_SIGNATURE);
    }
    return { ok: true, kind: 'sigv4', credential, region: region! };
  }

  regionOf(result: AuthResult): string {
    if (result.ok && result.kind === 'sigv4') return result.region;
    if (!result.ok && result.region) return result.region;
    return this.defaultRegion;
  }
}

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(value);
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : undefined;
}

function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
