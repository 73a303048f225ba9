import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { GatewayError } from '../errors.js';
import { readJsonBody } from '../limits.js';
import { sendJson } from '../respond.js';
import type { TeamsRuntime } from './teams-runtime.js';
import { parseSince, USAGE_GROUPS, type UsageGroup } from './usage-report.js';

const tagsSchema = z.record(z.string(), z.string());
const createSchema = z.strictObject({
  name: z.string(),
  budgets: z.array(z.string()).optional(),
  models: z.array(z.string().min(1)).optional(),
  rpm: z.number().int().positive().optional(),
  tpm: z.number().int().positive().optional(),
  tags: tagsSchema.optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
const expireSchema = z.strictObject({ at: z.iso.datetime({ offset: true }).optional() });
const budgetSchema = z.strictObject({ tag: z.string(), budget: z.string() });

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = issue.path.join('.') || '(body)';
    throw new GatewayError('invalid_request', `${path}: ${issue.message}`, {
      param: issue.path.join('.') || null,
    });
  }
  return result.data;
}

/** The admin API path prefix: routed here before the public routes. */
export function isAdminPath(url: string | undefined): boolean {
  return (url ?? '').startsWith('/admin/');
}

/**
 * `/admin/*`: keys, budgets and usage, guarded by the admin token alone (a virtual key or a client token is
 * refused with 403). With no admin token configured the admin API is off.
 */
export async function handleAdmin(
  runtime: TeamsRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  headers: Record<string, string>,
  maxBodyBytes: number,
): Promise<number> {
  authorizeAdmin(runtime.adminToken, req);
  const url = new URL(req.url ?? '/', 'http://admin.invalid');
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent); // ['admin', ...]
  const method = req.method ?? 'GET';
  const store = runtime.store;
  const reply = (status: number, body: unknown) => {
    sendJson(res, status, body, headers);
    return status;
  };
  const refreshKey = async (id: string) => runtime.directory.remember(await store.keys.get(id));
  const route = `${method} /${parts.slice(1, 2).join('/')}${parts.length > 2 ? '/:id' : ''}${parts.length > 3 ? `/${parts[3]}` : ''}`;

  switch (route) {
    case 'GET /keys':
      await runtime.ledger.flush(); // budgets show what this gateway has settled
      return reply(200, { object: 'list', data: await store.listViews() });
    case 'POST /keys': {
      const input = parse(createSchema, await readJsonBody(req, maxBodyBytes));
      const { key, view } = await store.createKey({
        name: input.name,
        budgets: input.budgets ?? [],
        models: input.models ?? null,
        rpm: input.rpm ?? null,
        tpm: input.tpm ?? null,
        tags: input.tags ?? {},
        expiresAt: input.expiresAt ? Date.parse(input.expiresAt) : null,
      });
      await refreshKey(view.id);
      runtime.directory.setBudgets(await store.budgets.list());
      return reply(201, { ...view, key });
    }
    case 'GET /keys/:id':
      await runtime.ledger.flush();
      return reply(200, await store.view(await store.keys.get(parts[2]!)));
    case 'POST /keys/:id/rotate': {
      const { key, record } = await store.keys.rotate(parts[2]!);
      runtime.directory.remember(record);
      return reply(200, { ...(await store.view(record)), key });
    }
    case 'POST /keys/:id/revoke':
    case 'DELETE /keys/:id': {
      const record = await store.keys.revoke(parts[2]!);
      runtime.directory.remember(record);
      return reply(200, await store.view(record));
    }
    case 'POST /keys/:id/expire': {
      const text = await readJsonBody(req, maxBodyBytes).catch(() => ({}));
      const input = parse(expireSchema, text);
      const record = await store.keys.expire(parts[2]!, input.at ? Date.parse(input.at) : runtime.now());
      runtime.directory.remember(record);
      return reply(200, await store.view(record));
    }
    case 'GET /budgets':
      return reply(200, { object: 'list', data: await store.budgets.list() });
    case 'POST /budgets': {
      const input = parse(budgetSchema, await readJsonBody(req, maxBodyBytes));
      const budget = await store.setTagBudget(input.tag, input.budget);
      runtime.directory.setBudgets(await store.budgets.list());
      return reply(200, budget);
    }
    case 'GET /usage': {
      const by = (url.searchParams.get('by') ?? 'key') as UsageGroup;
      if (!USAGE_GROUPS.includes(by)) {
        throw new GatewayError('invalid_request', `by: expected one of ${USAGE_GROUPS.join(', ')}`, {
          param: 'by',
        });
      }
      const since = parseSince(url.searchParams.get('since') ?? '7d', runtime.now());
      await runtime.ledger.flush(); // what this gateway settled is in the report
      return reply(200, {
        object: 'list',
        by,
        since: new Date(since).toISOString(),
        data: await store.usage(by, since),
      });
    }
    default:
      throw new GatewayError('route_not_found', `No admin route for ${method} ${url.pathname}.`);
  }
}

/** True when the request carries the admin token (compared in constant time); never throws. */
export function isAdminRequest(adminToken: string | undefined, req: IncomingMessage): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return !!adminToken && !!match && timingSafeEqual(digest(match[1]!), digest(adminToken));
}

function authorizeAdmin(adminToken: string | undefined, req: IncomingMessage): void {
  if (!adminToken) {
    throw new GatewayError(
      'admin_disabled',
      'The admin API is off: set gateway.adminToken or OUTCROP_ADMIN_TOKEN.',
    );
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match) {
    throw new GatewayError('admin_unauthorized', 'The admin API needs Authorization: Bearer <admin token>.', {
      headers: { 'www-authenticate': 'Bearer' },
    });
  }
  if (!timingSafeEqual(digest(match[1]!), digest(adminToken))) {
    throw new GatewayError(
      'admin_forbidden',
      'This token may not use the admin API; only the admin token may.',
    );
  }
}
