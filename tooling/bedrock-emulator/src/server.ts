// The request handler shared by the h2c and HTTP/1.1 servers: read, route, journal, authenticate,
// authorize, then hand over to the control plane or the runtime.
import { applyGuardrail } from './apply-guardrail.js';
import type { Authenticator } from './auth.js';
import { handleControl } from './control-plane.js';
import { handleCountTokens } from './count-tokens.js';
import {
  type AwsError,
  awsError,
  BodyTooLargeError,
  type RawRequest,
  readRequest,
  type ServerReply,
  type ServerRequest,
  sendAwsError,
  sendJson,
} from './http-io.js';
import { handleInvoke } from './invoke-model.js';
import type { Journal } from './journal.js';
import type { JournalEntry } from './journal-entry.js';
import { digest } from './reply-text.js';
import { route } from './routes.js';
import { handleRuntime, type Responder, type RuntimeContext } from './runtime.js';

const RUNTIME_EXTRA = new Set(['InvokeModel', 'InvokeModelWithResponseStream', 'CountTokens']);

export interface ServerContext extends RuntimeContext {
  auth: Authenticator;
  journal: Journal;
}

export function createHandler(ctx: ServerContext) {
  return (req: ServerRequest, res: ServerReply): void => {
    handle(ctx, req, res).catch((error: unknown) => {
      // A bug must not take the emulator down; answer like AWS does for an internal failure.
      if (!res.headersSent && !res.writableEnded) {
        sendAwsError(
          res,
          awsError('InternalServerException', `Emulator failure: ${String(error)}`),
          'emulator',
        );
      } else res.destroy();
    });
  };
}

async function handle(ctx: ServerContext, req: ServerRequest, res: ServerReply): Promise<void> {
  let raw: RawRequest;
  try {
    raw = await readRequest(req);
  } catch (error) {
    if (error instanceof BodyTooLargeError && !res.headersSent) {
      sendAwsError(res, awsError('ValidationException', error.message), 'emulator');
    } else res.destroy();
    return;
  }
  const target = route(raw.method, raw.url);
  const converse = target.operation === 'Converse' || target.operation === 'ConverseStream';
  const runtime = converse || RUNTIME_EXTRA.has(target.operation);
  const auth = await ctx.auth.authenticate(raw);
  const attempt = /attempt=(\d+)/.exec(raw.headers['amz-sdk-request'] ?? '')?.[1];
  const entry = ctx.journal.open({
    method: raw.method,
    path: raw.url,
    protocol: raw.protocol,
    operation: target.operation,
    ...(runtime ? { modelId: target.resource } : {}),
    region: ctx.auth.regionOf(auth),
    auth: {
      kind: auth.kind,
      ok: auth.ok,
      ...(auth.ok && auth.kind === 'sigv4' ? { credentialId: auth.credential.accessKeyId } : {}),
      ...(!auth.ok && auth.credentialId ? { credentialId: auth.credentialId } : {}),
      ...(!auth.ok ? { error: auth.error.type } : {}),
    },
    ...(raw.headers['amz-sdk-invocation-id'] ? { invocationId: raw.headers['amz-sdk-invocation-id'] } : {}),
    ...(attempt ? { attempt: Number(attempt) } : {}),
    ...(raw.body.length > 0 ? { body: parseJson(raw.body) } : {}),
  });
  const reply = responder(ctx, res, raw.requestId, entry);
  ctx.journal.touch(entry);

  if (!auth.ok) return reply.error(auth.error);
  if (target.operation === 'Unknown') {
    return reply.error(
      awsError('UnknownOperationException', `Unknown operation ${raw.method} ${raw.url.split('?')[0]}`),
    );
  }
  const credential = auth.kind === 'sigv4' ? auth.credential : undefined;
  if (target.action && credential?.deniedActions?.includes(target.action)) {
    const resource = runtime
      ? `arn:aws:bedrock:${entry.region}::foundation-model/${target.resource}`
      : `arn:aws:bedrock:${entry.region}:${ctx.catalog.accountId}:*`;
    return reply.error(
      awsError(
        'AccessDeniedException',
        `User: arn:aws:iam::${ctx.catalog.accountId}:user/emulator is not authorized to perform: ${target.action} on resource: ${resource} because no identity-based policy allows the ${target.action} action`,
      ),
    );
  }
  // Quotas are per credential: the SigV4 key id, or a digest of the bearer token (never the token itself).
  const principal = auth.kind === 'sigv4' ? auth.credential.accessKeyId : `bearer:${digest(auth.token)}`;
  if (converse) return handleRuntime(ctx, raw, target, entry, credential, reply, principal);
  if (target.operation === 'CountTokens')
    return handleCountTokens(ctx, raw, target, entry, credential, reply);
  if (runtime) return handleInvoke(ctx, raw, target, entry, credential, reply, principal);
  if (target.operation === 'ApplyGuardrail') {
    const applied = applyGuardrail(ctx.guardrails, target.resource!, target.version!, entry.body);
    return 'error' in applied ? reply.error(applied.error) : reply.json(applied.status, applied.body);
  }
  const result = handleControl(target, ctx.catalog, entry.region!);
  if ('error' in result) return reply.error(result.error);
  reply.json(result.status, result.body);
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Wraps a reply so every outcome lands in the journal entry, including a client that leaves early. */
function responder(ctx: ServerContext, res: ServerReply, requestId: string, entry: JournalEntry): Responder {
  // Not 'finish': the h2 compat response emits it on a client reset too. writableEnded is set only by our end().
  let cutByUs = false;
  let closed = false;
  let onClose!: () => void;
  const whenClosed = new Promise<void>((resolve) => {
    onClose = resolve;
  });
  res.on('close', () => {
    closed = true;
    if (!res.writableEnded && !cutByUs) entry.cancelled = true;
    entry.done = true;
    onClose();
    ctx.journal.touch(entry);
  });
  const changed = () => ctx.journal.touch(entry);
  return {
    changed,
    json(status, body) {
      entry.status = status;
      sendJson(res, status, body, requestId);
    },
    error(error: AwsError) {
      entry.status = error.status;
      entry.errorType = error.type;
      sendAwsError(res, error, requestId);
    },
    destroy() {
      entry.status = 200;
      cutByUs = true;
      res.destroy();
    },
    target: {
      res,
      requestId,
      closed: () => closed,
      whenClosed,
      onStart() {
        entry.status = 200;
        changed();
      },
      onEvents(count) {
        entry.status = 200;
        entry.eventsSent += count;
        changed();
      },
    },
  };
}
