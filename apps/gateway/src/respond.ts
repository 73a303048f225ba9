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

/**
 * A provider error located at one of its settings (`options.maxTokens`) names the caller's parameter instead
 * (`max_tokens` in Chat Completions, `max_output_tokens` in Responses), in `param` and in the message.
 */
function inCallerTerms(
  described: { code: string; message: string; param: string | null },
  err: unknown,
  params: Record<string, string> | undefined,
): { code: string; message: string; param: string | null } {
  const cause = err instanceof GatewayError ? err.cause : err;
  const location = (cause as { location?: unknown } | undefined)?.location;
  if (!params || described.param !== null || typeof location !== 'string') return described;
  const setting = location.replace(/^options\./, '');
  const param = params[setting];
  if (param === undefined) return described;
  return { ...described, param, message: described.message.split(setting).join(param) };
}

/** How a dialect spells an error body; the status always comes from the one error table. */
export type ErrorShape = (code: string, message: string, param: string | null) => object;

/** Answers with the dialect's error body (OpenAI's by default) and the status from the one error table. */
export function sendError(
  res: ServerResponse,
  err: unknown,
  headers: Record<string, string> = {},
  shape: ErrorShape = openAIErrorBody,
  params?: Record<string, string>,
): number {
  const { code, message, param } = inCallerTerms(describeError(err), err, params);
  const status = errorClassFor(code).status;
  const extra: Record<string, string> = err instanceof GatewayError ? { ...err.headers } : {};
  // Throttled or temporarily unavailable: tell clients (the OpenAI SDKs honour it) when to try again.
  if ((status === 429 || status === 503) && extra['retry-after'] === undefined) extra['retry-after'] = '1';
  sendJson(res, status, shape(code, message, param), { ...headers, ...extra });
  return status;
}
