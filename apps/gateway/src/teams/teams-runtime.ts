import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { OutcropConfig } from '@outcrop/config-schema';
import type { Env } from '@outcrop/credentials';
import { ANONYMOUS, type Caller, missingKey, presentedKey } from '../auth.js';
import { GatewayError } from '../errors.js';
import type { Logger } from '../logging.js';
import type { GatewayMetrics } from '../metrics.js';
import { KeyDirectory } from './key-directory.js';
import { looksLikeVirtualKey } from './key-format.js';
import { LedgerWriter } from './ledger-writer.js';
import { RateLimiter } from './rate-limit.js';
import { RequestUsage, type TeamCaller } from './request-usage.js';
import { openTeamsStore, type TeamsStore } from './teams-store.js';
import type { LedgerRow } from './types.js';

export interface TeamsRuntimeOptions {
  config: OutcropConfig;
  env: Env;
  homeDir?: string;
  log: Logger;
  metrics?: GatewayMetrics;
  /** The region calls go to (for the ledger). */
  region?: string;
  now?: () => number;
}

const ADMIN_CALLER: TeamCaller = { key: 'admin' };

/** Constant-time equality of two secrets of any length (compared as SHA-256 digests). */
function sameSecret(a: string, b: string): boolean {
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** Distinct keys `/metrics` names in spend series; the rest are summed under key="other". */
export const MAX_SPEND_LABELS = 100;

/**
 * Virtual keys, budgets, rate limits and the usage ledger, as the gateway uses them. Opening it migrates the
 * database and settles what a previous run left pending; a database that cannot be reached stops the start.
 */
export class TeamsRuntime {
  readonly directory: KeyDirectory;
  readonly limiter: RateLimiter;
  readonly ledger: LedgerWriter;
  readonly now: () => number;
  private readonly spendLabels = new Set<string>();
  private lastDbError = 0;

  private constructor(
    readonly store: TeamsStore,
    public config: OutcropConfig,
    private readonly env: Env,
    private readonly log: Logger,
    private readonly metrics: GatewayMetrics | undefined,
    readonly region: string | undefined,
    now: () => number,
  ) {
    this.now = now;
    this.directory = new KeyDirectory(store, now);
    this.limiter = new RateLimiter(now);
    this.ledger = new LedgerWriter({
      write: (rows) => store.budgets.settle(rows),
      maxBuffered: config.gateway.database.ledgerBuffer,
      onError: (err, buffered) => {
        this.onDatabaseError(err);
        log.warn({ buffered }, 'usage ledger write failed; rows kept in memory and retried');
      },
      onRecovered: (buffered) => log.info({ buffered }, 'usage ledger writes resumed'),
    });
  }

  static async open(options: TeamsRuntimeOptions): Promise<TeamsRuntime> {
    const now = options.now ?? Date.now;
    const store = await openTeamsStore({
      config: options.config,
      ...(options.homeDir !== undefined ? { homeDir: options.homeDir } : {}),
      now,
    });
    const runtime = new TeamsRuntime(
      store,
      options.config,
      options.env,
      options.log,
      options.metrics,
      options.region,
      now,
    );
    try {
      const reconciled = await store.budgets.reconcile(now());
      if (reconciled > 0) options.log.warn({ reconciled }, 'settled usage rows a previous run left pending');
      await runtime.directory.load();
    } catch (err) {
      await store.close().catch(() => {});
      throw err;
    }
    runtime.directory.start((err) => runtime.onDatabaseError(err));
    options.log.info(
      { database: store.db.location, dialect: store.db.dialect, keys: runtime.directory.size },
      'teams database ready',
    );
    return runtime;
  }

  /** The admin token: `gateway.adminToken`, else `$OUTCROP_ADMIN_TOKEN`. */
  get adminToken(): string | undefined {
    return this.config.gateway.adminToken ?? (this.env.OUTCROP_ADMIN_TOKEN || undefined);
  }

  /**
   * A virtual key (`ocp_…`, as a bearer or `x-api-key`) or the admin token is checked here; any other key goes to
   * the static tokens.
   * With no static tokens, the gateway is open only until it has a key to protect: once an active virtual key or
   * an admin token exists, a request must carry a key (as LiteLLM's proxy does), unless
   * `gateway.auth.allowAnonymous` says otherwise.
   */
  async authorize(
    req: IncomingMessage,
    staticAuth: { readonly enabled: boolean; authorize(req: IncomingMessage): Caller },
  ): Promise<TeamCaller> {
    const token = presentedKey(req);
    if (token !== undefined && looksLikeVirtualKey(token)) {
      const key = await this.directory.authenticate(token);
      return { key: `key:${key.id}`, virtualKey: key };
    }
    // The admin token may call models too (the console's model list and playground use it), with no budget.
    const admin = this.adminToken;
    if (token !== undefined && admin !== undefined && sameSecret(token, admin)) return ADMIN_CALLER;
    if (staticAuth.enabled) return staticAuth.authorize(req);
    const allowAnonymous = this.config.gateway.auth.allowAnonymous;
    if (allowAnonymous || !this.keysRequired()) return ANONYMOUS;
    const why = this.directory.hasActiveKey() ? 'this gateway has virtual keys' : 'an admin token is set';
    if (token === undefined) {
      throw missingKey(
        `Missing API key: ${why}, so every request needs one (Authorization: Bearer <key> or x-api-key: <key>); ` +
          'create one with outcrop keys create, or set gateway.auth.allowAnonymous: true to admit callers without a key.',
      );
    }
    throw new GatewayError(
      'invalid_api_key',
      `Invalid API key: ${why}, and this is not one of them (a virtual key starts with ocp_); no static tokens are configured.`,
      { headers: { 'www-authenticate': 'Bearer error="invalid_token"' } },
    );
  }

  /** Keys are required once there is something to protect: an active virtual key, or an admin token. */
  private keysRequired(): boolean {
    return this.adminToken !== undefined || this.directory.hasActiveKey();
  }

  track(caller: TeamCaller, requestId: string, dialect = 'openai-chat'): RequestUsage {
    return new RequestUsage(this, caller, requestId, dialect);
  }

  /** Called by a request as it ends: the row goes to the buffered writer and the spend to /metrics. */
  settle(row: LedgerRow, caller: TeamCaller): void {
    this.ledger.push(row);
    if (this.metrics && row.costNano > 0) {
      let label = caller.virtualKey?.name ?? caller.key;
      if (!this.spendLabels.has(label)) {
        if (this.spendLabels.size < MAX_SPEND_LABELS) this.spendLabels.add(label);
        else label = 'other';
      }
      this.metrics.spend.inc({ key: label }, row.costNano / 1e9);
    }
  }

  /** Logged at most every 10 s, so a database outage does not flood the log. */
  onDatabaseError(err: unknown): void {
    this.metrics?.databaseErrors.inc();
    const now = Date.now();
    if (now - this.lastDbError > 10_000) {
      this.lastDbError = now;
      this.log.error({ err }, 'teams database error');
    }
  }

  async close(): Promise<void> {
    this.directory.stop();
    await this.ledger.close();
    if (this.ledger.buffered > 0)
      this.log.error({ lost: this.ledger.buffered }, 'usage rows not written before stop');
    await this.store.close();
  }
}
