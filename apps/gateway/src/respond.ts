import type { ServerResponse } from 'node:http';
import { describeError, errorClassFor, GatewayError, openAIErrorBody } from './errors.js';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** How a dialect spells an error body; the status always comes from the one error table. */
export type ErrorShape = (code: string, message: string, param: string | null) => object;

/** Answers with the dialect's error body (OpenAI's by default) and the status from the one error table. */
export function sendError(
  res: ServerResponse,
  err: unknown,
  headers: Record<string, string> = {},
  shape: ErrorShape = openAIErrorBody,
): number {
  const { code, message, param } = describeError(err);
  const status = errorClassFor(code).status;
  const extra: Record<string, string> = err instanceof GatewayError ? { ...err.headers } : {};
  // Throttled or temporarily unavailable: tell clients (the OpenAI SDKs honour it) when to try again.
  if ((status === 429 || status === 503) && extra['retry-after'] === undefined) extra['retry-after'] = '1';
  sendJson(res, status, shape(code, message, param), { ...headers, ...extra });
  return status;
}
