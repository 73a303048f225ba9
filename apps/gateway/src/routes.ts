import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Backend } from './backend.js';
import { GatewayError } from './errors.js';
import { METRICS_CONTENT_TYPE } from './metrics.js';
import { sendJson } from './respond.js';

export type Route =
  | 'chat-completions'
  | 'messages'
  | 'responses'
  | 'count-tokens'
  | 'embeddings'
  | 'models'
  | 'model'
  | 'healthz'
  | 'readyz'
  | 'metrics'
  | 'console'
  | 'console-overview';

/**
 * Matches a request to a route; a known path with the wrong method is 405, anything else 404. A CORS preflight
 * passes the method it asks about.
 */
export function matchRoute(
  req: IncomingMessage,
  method: string = req.method ?? 'GET',
): { route: Route; param?: string } {
  const path = pathOf(req.url);
  const expect = (route: Route, allowed: string, param?: string) => {
    if (method !== allowed && !(allowed === 'GET' && method === 'HEAD')) {
      throw new GatewayError('method_not_allowed', `${method} is not allowed on ${path}; use ${allowed}.`, {
        headers: { allow: allowed },
      });
    }
    return param === undefined ? { route } : { route, param };
  };
  if (path === '/console/api/overview') return expect('console-overview', 'GET');
  if (path === '/console' || path.startsWith('/console/')) return expect('console', 'GET', path);
  switch (path) {
    case '/v1/chat/completions':
    case '/chat/completions':
      return expect('chat-completions', 'POST');
    case '/v1/messages':
    case '/messages':
      return expect('messages', 'POST');
    case '/v1/responses':
    case '/responses':
      return expect('responses', 'POST');
    case '/v1/messages/count_tokens':
    case '/messages/count_tokens':
      return expect('count-tokens', 'POST');
    case '/v1/embeddings':
    case '/embeddings':
      return expect('embeddings', 'POST');
    case '/v1/models':
    case '/models':
      return expect('models', 'GET');
    case '/healthz':
      return expect('healthz', 'GET');
    case '/readyz':
      return expect('readyz', 'GET');
    case '/metrics':
      return expect('metrics', 'GET');
  }
  const model = /^\/(?:v1\/)?models\/(.+)$/.exec(path);
  if (model) return expect('model', 'GET', safeDecode(model[1]!));
  throw new GatewayError('route_not_found', `No route for ${method} ${path}.`);
}

/** The path of a request URL without its query: queries may carry secrets (`?api_key=`) and are never logged. */
export function pathOf(url: string | undefined): string {
  return (url ?? '/').split('?')[0] || '/';
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export async function listModels(res: ServerResponse, backend: Backend, headers: Record<string, string>) {
  const data = await backend.listModels();
  sendJson(res, 200, { object: 'list', data, emulator: backend.usingEmulator }, headers);
}

export async function getModel(
  res: ServerResponse,
  backend: Backend,
  id: string,
  headers: Record<string, string>,
) {
  const models = await backend.listModels();
  const model = models.find((m) => m.id === id);
  if (!model)
    throw new GatewayError('model_not_found', `The model '${id}' does not exist.`, { param: 'model' });
  sendJson(res, 200, model, headers);
}

export function healthz(res: ServerResponse, headers: Record<string, string>): void {
  sendJson(res, 200, { status: 'ok' }, headers);
}

export function readyz(
  res: ServerResponse,
  backend: Backend,
  draining: boolean,
  headers: Record<string, string>,
): void {
  const ready = backend.ready() && !draining;
  const status = draining ? 'draining' : ready ? 'ready' : 'starting';
  sendJson(res, ready ? 200 : 503, { status, emulator: backend.usingEmulator }, headers);
}

export function metrics(res: ServerResponse, text: string, headers: Record<string, string>) {
  res.writeHead(200, {
    ...headers,
    'content-type': METRICS_CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
