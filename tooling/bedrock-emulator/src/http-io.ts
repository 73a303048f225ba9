// One request/response abstraction over node:http and node:http2's compatibility API, plus AWS restJson1
// error replies. The h2 compat response refuses connection-specific headers, so none are set here.

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';

export type ServerRequest = IncomingMessage | Http2ServerRequest;
export type ServerReply = ServerResponse | Http2ServerResponse;

export interface RawRequest {
  method: string;
  /** Raw, still percent-encoded path and query. */
  url: string;
  protocol: '1.1' | '2.0';
  headers: Record<string, string | undefined>;
  body: Buffer;
  requestId: string;
}

export const MAX_BODY_BYTES = 25 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

export function readRequest(req: ServerRequest): Promise<RawRequest> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError(`The request body is larger than ${MAX_BODY_BYTES} bytes.`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        headers[name] = Array.isArray(value) ? value.join(',') : value;
      }
      resolve({
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        protocol: req.httpVersion === '2.0' ? '2.0' : '1.1',
        headers,
        body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
        requestId: randomUUID(),
      });
    });
  });
}

export interface AwsError {
  status: number;
  type: string;
  message: string;
  /** Extra members of the error body (e.g. originalStatusCode). */
  extra?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export function sendJson(res: ServerReply, status: number, body: unknown, requestId: string): void {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(bytes.length),
    'x-amzn-requestid': requestId,
  });
  res.end(bytes);
}

/** restJson1 error as Bedrock sends it: status, `x-amzn-errortype`, JSON `{ message }`. */
export function sendAwsError(res: ServerReply, error: AwsError, requestId: string): void {
  const bytes = Buffer.from(JSON.stringify({ message: error.message, ...error.extra }));
  res.writeHead(error.status, {
    'content-type': 'application/json',
    'content-length': String(bytes.length),
    'x-amzn-requestid': requestId,
    'x-amzn-errortype': `${error.type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
    ...error.headers,
  });
  res.end(bytes);
}

/** Modeled Bedrock errors and their HTTP statuses. */
export const ERROR_STATUS: Record<string, number> = {
  ValidationException: 400,
  ConflictException: 400,
  IncompleteSignatureException: 400,
  ServiceQuotaExceededException: 400,
  AccessDeniedException: 403,
  UnrecognizedClientException: 403,
  InvalidSignatureException: 403,
  ExpiredTokenException: 403,
  MissingAuthenticationTokenException: 403,
  ResourceNotFoundException: 404,
  UnknownOperationException: 404,
  ModelTimeoutException: 408,
  ModelErrorException: 424,
  ModelStreamErrorException: 424,
  ThrottlingException: 429,
  ModelNotReadyException: 429,
  InternalServerException: 500,
  ServiceUnavailableException: 503,
};

export function awsError(type: string, message: string, extra?: Record<string, unknown>): AwsError {
  return { status: ERROR_STATUS[type] ?? 400, type, message, ...(extra ? { extra } : {}) };
}

/** `write` on either reply type (their overloads do not unify). */
export function writeChunk(res: ServerReply, bytes: Buffer): boolean {
  return (res as { write(chunk: Buffer): boolean }).write(bytes);
}

/** Resolves once the reply can take more data, or the client has gone. */
export function drained(res: ServerReply): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}
