// The routed models of an Outcrop instance: their catalog entries, one Router per route (kept across config
// reloads while the route is unchanged, so quotas and pins survive), and each target's Bedrock provider on a
// connection of its own (region, account profile, endpoint), loaded with the AWS SDK on first use.
import { BEDROCK_PROVIDER_ID, type OutcropConfig, type RouteConfig } from '@outcrop/config-schema';
import { type BedrockConnection, type Env, resolveBedrockConnection } from '@outcrop/credentials';
import { toProviderErrorFromBedrock } from '../bedrock/errors.js';
import { guardStream } from '../guard-stream.js';
import { buildModelCatalog } from '../model-catalog.js';
import type { CallOptions, Context, ModelSpec, ProviderV1 } from '../spec.js';
import type { StreamPart } from '../stream-parts.js';
import { BurndownBudget, outputBurndownRate, type QuotaBudget } from './burndown.js';
import type { RouteLedgerStore } from './ledger-store.js';
import type { RouteTarget } from './route-targets.js';
import { Router, type TargetStatus } from './router.js';
import { SharedLedger } from './shared-ledger.js';

export interface RouteSetOptions {
  /** The environment the instance's own connection was resolved with (the emulator's, when it stands in). */
  env: Env;
  homeDir?: string;
  transport?: { firstEventTimeoutMs?: number; idleTimeoutMs?: number; maxAttempts?: number };
  now?: () => number;
  /** Shares quota pools and rests with other replicas (the gateway's Redis); default: this process only. */
  ledger?: RouteLedgerStore;
  /** Told when the shared ledger fails (routing goes on with what this process knows). */
  onLedgerError?: (error: unknown) => void;
}

// Credentials that would win over AWS_PROFILE in the chain: a target naming a profile drops them.
const CREDENTIAL_ENV = /^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|BEARER_TOKEN_BEDROCK|PROFILE)$/;

export class RouteSet {
  private readonly routers = new Map<string, { json: string; router: Router }>();
  private readonly providers = new Map<string, Promise<ProviderV1>>();
  /** One quota pool per account, region, endpoint and model, whichever routes name it. */
  private readonly budgets = new Map<string, QuotaBudget>();
  private readonly now: () => number;
  private readonly ledger: SharedLedger | undefined;

  constructor(private readonly options: RouteSetOptions) {
    this.now = options.now ?? Date.now;
    this.ledger = options.ledger
      ? new SharedLedger(options.ledger, this.now, options.onLedgerError)
      : undefined;
  }

  /** Catalog entries of the config's routes: the route's model as the table knows it, named by the route. */
  specs(config: OutcropConfig, region: string | undefined): ModelSpec[] {
    const routes = Object.entries(config.models.routes);
    if (!routes.length) return [];
    const bedrock = config.models.providers[BEDROCK_PROVIDER_ID];
    const models = routes.map(([, route]) => ({ id: route.model }));
    const table = buildModelCatalog(
      {
        ...config,
        models: { ...config.models, providers: { [BEDROCK_PROVIDER_ID]: { ...bedrock, models } } },
      },
      [],
      region !== undefined ? { region } : {},
    );
    return routes.map(([name, route]) => {
      const base = table.find((spec) => spec.id === route.model) ?? table[0]!;
      const { region: _region, baseUrl: _baseUrl, ...rest } = base;
      return { ...rest, id: name, name: `${name} (routed: ${route.model})`, route: name, configured: true };
    });
  }

  /** The router of a route, the same one while the route's config is unchanged. */
  router(name: string, route: RouteConfig): Router {
    const json = JSON.stringify(route);
    const kept = this.routers.get(name);
    if (kept?.json === json) return kept.router;
    const router = new Router(name, route, {
      now: this.now,
      ...(this.ledger ? { ledger: this.ledger } : {}),
      budgetFor: (target, modelId) => {
        // The limits are part of the key: a reload that changes them starts a fresh count.
        const { region, profile, baseUrl, tokensPerMinute, requestsPerMinute } = target;
        const key = [region, profile, baseUrl, modelId, tokensPerMinute, requestsPerMinute].join('\0');
        let budget = this.budgets.get(key);
        if (!budget) {
          const limits = {
            tokensPerMinute: target.tokensPerMinute,
            requestsPerMinute: target.requestsPerMinute,
          };
          const rate = outputBurndownRate(modelId);
          budget = this.ledger
            ? this.ledger.budget(
                [region, profile, baseUrl, modelId, tokensPerMinute, requestsPerMinute],
                limits,
                rate,
              )
            : new BurndownBudget(limits, rate, this.now);
          this.budgets.set(key, budget);
        }
        return budget;
      },
      streamTarget: (target, spec, context, options) =>
        this.streamTarget(target, route, spec, context, options),
    });
    this.routers.set(name, { json, router });
    return router;
  }

  status(): TargetStatus[] {
    return [...this.routers.values()].flatMap(({ router }) => router.status());
  }

  private streamTarget(
    target: RouteTarget,
    route: RouteConfig,
    routed: ModelSpec,
    context: Context,
    options: CallOptions,
  ): AsyncIterable<StreamPart> {
    // The routed spec's capabilities hold for every target: the same model, in another region or account.
    const { route: _route, name: _name, ...rest } = routed;
    const spec: ModelSpec = { ...rest, id: target.modelId, region: target.region };
    const pending = this.providerFor(target, route);
    return guardStream(async function* () {
      let provider: ProviderV1;
      try {
        provider = await pending;
      } catch (error) {
        // A target whose credentials do not resolve (a missing profile) fails like a call, so the call moves on.
        yield { type: 'error', error: toProviderErrorFromBedrock(error, options.signal) };
        return;
      }
      yield* provider.stream(spec, context, options);
    }, options.signal);
  }

  private providerFor(target: RouteTarget, route: RouteConfig): Promise<ProviderV1> {
    const { region, profile, baseUrl } = target.config;
    // Several targets: the router moves a throttled call to another at once, so the transport does not wait
    // and retry on the same one.
    const single = route.targets.length === 1 && (route.tiers?.length ?? 1) === 1;
    const key = `${region}\0${profile ?? ''}\0${baseUrl ?? ''}\0${single}`;
    let provider = this.providers.get(key);
    if (!provider) {
      provider = this.connect(target).then(async (connection) => {
        const { createBedrockProvider } = await import('../bedrock/index.js');
        const transport = { ...this.options.transport, ...(single ? {} : { maxAttempts: 1 }) };
        return createBedrockProvider({ connection, transport });
      });
      // A failed resolution (a profile not there yet) is tried again on the next call.
      provider.catch(() => this.providers.delete(key));
      this.providers.set(key, provider);
    }
    return provider;
  }

  private connect(target: RouteTarget): Promise<BedrockConnection> {
    const { region, profile, baseUrl } = target.config;
    const env: Env = profile
      ? {
          ...Object.fromEntries(Object.entries(this.options.env).filter(([k]) => !CREDENTIAL_ENV.test(k))),
          AWS_PROFILE: profile,
        }
      : this.options.env;
    return resolveBedrockConnection({
      env,
      region,
      ...(this.options.homeDir !== undefined ? { homeDir: this.options.homeDir } : {}),
      ...(baseUrl !== undefined ? { baseUrl } : {}),
    });
  }
}
