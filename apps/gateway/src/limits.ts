import type { IncomingMessage } from 'node:http';
import { GatewayError } from './errors.js';
import { embeddedJsonDeeperThan, formatJsonPath, MAX_JSON_DEPTH, pathDeeperThan } from './json-depth.js';

export interface ReadBodyOptions {
  /** The whole body must arrive within this long, else 408 (a stalled upload must not hold anything forever). */
  timeoutMs?: number;
  /** Aborts the read (a drain): rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Reads a JSON request body, refusing more than `maxBytes` (from Content-Length up front, or while reading a
 * chunked body) so a large or endless upload cannot exhaust memory, and nesting deeper than MAX_JSON_DEPTH.
 * `Content-Type: application/json` is required: a web page can send a cross-site POST without a preflight only
 * as text/plain, a form or multipart, so this alone keeps pages the user opens from calling the gateway.
 */
export async function readJsonBody(
  req: IncomingMessage,
  maxBytes: number,
  options: ReadBodyOptions = {},
): Promise<unknown> {
  const type = req.headers['content-type'];
  if (type === undefined || !/^application\/(.+\+)?json\s*(;|$)/i.test(type)) {
    const got = type === undefined ? 'none was sent' : `not '${type.slice(0, 100)}'`;
    throw new GatewayError('unsupported_media_type', `Content-Type must be application/json; ${got}.`);
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);

  const chunks = await readChunks(req, maxBytes, options);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '')
    throw new GatewayError('invalid_json', 'The request body is empty; send a JSON object.');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new GatewayError('invalid_json', `The request body is not valid JSON: ${(err as Error).message}`);
  }
  const tooDeep = pathDeeperThan(body, MAX_JSON_DEPTH);
  const embedded = tooDeep ? undefined : embeddedJsonDeeperThan(body, MAX_JSON_DEPTH);
  if (embedded) {
    throw new GatewayError(
      'invalid_request',
      `The JSON in this string is nested deeper than ${MAX_JSON_DEPTH} levels.`,
      { param: formatJsonPath(embedded) },
    );
  }
  if (tooDeep) {
    // The first few segments name the parameter; the rest would only repeat `.properties.a` a hundred times.
    const shown = formatJsonPath(tooDeep.slice(0, 8));
    throw new GatewayError(
      'invalid_request',
      `The request body is nested deeper than ${MAX_JSON_DEPTH} levels at ${shown}…`,
      { param: formatJsonPath(tooDeep.slice(0, 4)) },
    );
  }
  return body;
}

/** Collects the body with plain events (cheaper than an async iterator on the hot path), up to `maxBytes`. */
function readChunks(req: IncomingMessage, maxBytes: number, options: ReadBodyOptions): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (err: unknown) => {
      cleanup();
      req.resume(); // discard the rest; the error reply closes the connection
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        fail(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks);
    };
    // An 'error' on the request is the connection breaking under it: the client left (499), not a bad request.
    const onError = () => fail(clientLeft());
    // A client that leaves mid-body must not leave this promise pending.
    const onClose = () => fail(clientLeft());
    // A drain says why (shutting down); any other abort is the client leaving.
    const reasonOf = (signal: AbortSignal) =>
      signal.reason instanceof GatewayError ? signal.reason : clientLeft();
    const onAbort = () => fail(reasonOf(options.signal!));
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            fail(
              new GatewayError(
                'request_timeout',
                `The request body did not arrive within ${options.timeoutMs} ms (gateway.limits.bodyTimeoutMs).`,
              ),
            );
          }, options.timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      options.signal?.removeEventListener('abort', onAbort);
    };
    if (options.signal?.aborted) {
      fail(reasonOf(options.signal));
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

function clientLeft(): GatewayError {
  return new GatewayError('aborted', 'The client closed the connection before sending the whole body.');
}

function tooLarge(maxBytes: number): GatewayError {
  return new GatewayError('payload_too_large', `The request body is larger than ${maxBytes} bytes.`);
}
