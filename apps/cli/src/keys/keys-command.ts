import type { KeyView } from '@outcrop/gateway/teams';
import type { CommandContext } from '../command-context.js';
import { usageError } from '../errors.js';
import { renderTable } from '../table.js';
import { withTeamsStore } from './teams-session.js';

export interface CreateKeyOptions {
  name: string;
  budget?: string[];
  models?: string;
  rpm?: number;
  tpm?: number;
  tag?: string[];
  expires?: string;
  json?: boolean;
}

/** `--tag team=x` (repeatable) as a record; a tag without `=` is a usage error. */
export function parseTags(tags: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags) {
    const eq = tag.indexOf('=');
    if (eq <= 0 || eq === tag.length - 1)
      throw usageError(`--tag ${JSON.stringify(tag)}: expected name=value, e.g. team=search`);
    out[tag.slice(0, eq)] = tag.slice(eq + 1);
  }
  return out;
}

/** `--expires 30d` or an ISO date: epoch ms in the future. */
export function parseExpiry(text: string, now = Date.now()): number {
  const rel = /^(\d{1,5})([hdw])$/.exec(text.trim());
  if (rel)
    return now + Number(rel[1]) * { h: 3_600_000, d: 86_400_000, w: 604_800_000 }[rel[2] as 'h' | 'd' | 'w'];
  const at = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || !Number.isFinite(at)) {
    throw usageError(`--expires ${JSON.stringify(text)}: expected 12h, 30d, 2w or a date like 2027-01-31`);
  }
  return at;
}

function budgetText(view: KeyView): string {
  if (view.budgets.length === 0) return '-';
  return view.budgets
    .map((b) => {
      const used = (b.used ?? 0) + (b.reserved ?? 0);
      const shown = b.unit === 'usd' ? `$${(used / 1e9).toFixed(2)}` : String(used);
      return `${b.budget} (${shown} used)`;
    })
    .join(', ');
}

function printKey(context: CommandContext, view: KeyView): void {
  const { term } = context;
  const rows: [string, string][] = [
    ['id', view.id],
    ['name', view.name],
    ['status', view.status],
    ['models', view.models?.join(', ') ?? 'any'],
    ['rpm', view.rpm === null ? '-' : String(view.rpm)],
    ['tpm', view.tpm === null ? '-' : String(view.tpm)],
    [
      'tags',
      Object.entries(view.tags)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ') || '-',
    ],
    ['budgets', budgetText(view)],
    ['created', view.createdAt],
    ['expires', view.expiresAt ?? 'never'],
  ];
  if (view.revokedAt) rows.push(['revoked', view.revokedAt]);
  for (const [k, v] of rows) term.print(`${term.out.dim(k.padEnd(8))} ${v}`);
}

export async function runKeysCreate(context: CommandContext, options: CreateKeyOptions): Promise<number> {
  const tags = parseTags(options.tag);
  const expiresAt = options.expires ? parseExpiry(options.expires) : null;
  const models = options.models
    ? options.models
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean)
    : null;
  return withTeamsStore(context, async (store) => {
    const { key, view } = await store.createKey({
      name: options.name,
      budgets: options.budget ?? [],
      models,
      rpm: options.rpm ?? null,
      tpm: options.tpm ?? null,
      tags,
      expiresAt,
    });
    if (options.json) {
      context.term.json({ ...view, key });
      return 0;
    }
    context.term.print(key);
    context.term.note(
      context.term.err.yellow(
        `key ${view.name} (${view.id}) created: the key above is shown once; store it now.`,
      ),
    );
    return 0;
  });
}

export async function runKeysList(context: CommandContext, options: { json?: boolean }): Promise<number> {
  return withTeamsStore(context, async (store) => {
    const views = await store.listViews();
    if (options.json) {
      context.term.json(views);
      return 0;
    }
    if (views.length === 0) {
      context.term.note('No keys yet: `outcrop keys create --name <name>` makes one.');
      return 0;
    }
    context.term.print(
      renderTable(
        ['NAME', 'ID', 'STATUS', 'MODELS', 'RPM', 'TPM', 'TAGS', 'BUDGETS'],
        views.map((v) => [
          v.name,
          v.id,
          v.status,
          v.models?.join(',') ?? 'any',
          v.rpm === null ? '-' : String(v.rpm),
          v.tpm === null ? '-' : String(v.tpm),
          Object.entries(v.tags)
            .map(([k, t]) => `${k}=${t}`)
            .join(',') || '-',
          budgetText(v),
        ]),
        ['left', 'left', 'left', 'left', 'right', 'right', 'left', 'left'],
      ),
    );
    return 0;
  });
}

export async function runKeysShow(
  context: CommandContext,
  options: { json?: boolean },
  key: string,
): Promise<number> {
  return withTeamsStore(context, async (store) => {
    const view = await store.view(await store.keys.get(key));
    if (options.json) context.term.json(view);
    else printKey(context, view);
    return 0;
  });
}

export async function runKeysRotate(
  context: CommandContext,
  options: { json?: boolean },
  key: string,
): Promise<number> {
  return withTeamsStore(context, async (store) => {
    const rotated = await store.keys.rotate(key);
    if (options.json) {
      context.term.json({ ...(await store.view(rotated.record)), key: rotated.key });
      return 0;
    }
    context.term.print(rotated.key);
    context.term.note(
      context.term.err.yellow(
        `key ${rotated.record.name} rotated: the old secret no longer works; the new one is shown once.`,
      ),
    );
    return 0;
  });
}

export async function runKeysRevoke(
  context: CommandContext,
  _options: unknown,
  key: string,
): Promise<number> {
  return withTeamsStore(context, async (store) => {
    const record = await store.keys.revoke(key);
    context.term.print(`key ${record.name} (${record.id}) revoked`);
    return 0;
  });
}

export async function runKeysExpire(
  context: CommandContext,
  options: { at?: string },
  key: string,
): Promise<number> {
  const at = options.at ? parseExpiry(options.at) : Date.now();
  return withTeamsStore(context, async (store) => {
    const record = await store.keys.expire(key, at);
    context.term.print(`key ${record.name} (${record.id}) expires ${new Date(at).toISOString()}`);
    return 0;
  });
}

export async function runKeysBudget(
  context: CommandContext,
  options: { tag: string; budget: string },
): Promise<number> {
  return withTeamsStore(context, async (store) => {
    const budget = await store.setTagBudget(options.tag, options.budget);
    context.term.print(`budget ${budget.id} set`);
    return 0;
  });
}
