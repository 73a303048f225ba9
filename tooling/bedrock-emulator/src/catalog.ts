// Catalog lookups with Bedrock's regional semantics: which models and profiles a region lists, and how a
// model identifier in a runtime path (bare id, profile id, ARN) resolves to a model.
import { ACCOUNT_ID } from './catalog-data.js';
import type { ApplicationProfile, CatalogModel, ProfileGeo, PromptRouter } from './catalog-types.js';
import { GEO_REGIONS } from './regions.js';
import type { EmulatorCatalog } from './types.js';

const CREATED_AT = '2024-08-21T00:00:00Z';
const GEO_LABEL: Record<ProfileGeo, string> = {
  us: 'US',
  eu: 'EU',
  apac: 'APAC',
  jp: 'JP',
  au: 'AU',
  'us-gov': 'US-GOV',
  global: 'Global',
};

export interface ProfileSummary {
  inferenceProfileName: string;
  inferenceProfileArn: string;
  inferenceProfileId: string;
  description?: string;
  createdAt: string;
  updatedAt: string;
  models: { modelArn: string }[];
  status: 'ACTIVE';
  type: 'SYSTEM_DEFINED' | 'APPLICATION';
}

export interface PromptRouterSummary {
  promptRouterName: string;
  routingCriteria: { responseQualityDifference: number };
  description?: string;
  createdAt: string;
  updatedAt: string;
  promptRouterArn: string;
  models: { modelArn: string }[];
  fallbackModel: { modelArn: string };
  status: 'AVAILABLE';
  type: 'default' | 'custom';
}

export type Resolution =
  | { ok: true; model: CatalogModel; via: 'on-demand' | 'system-profile' | 'application-profile' }
  /** `invokedModelId`: the ARN of the model the router chose, for `trace.promptRouter`. */
  | { ok: true; model: CatalogModel; via: 'prompt-router'; invokedModelId: string }
  | { ok: false; reason: 'invalid' | 'on-demand-unsupported' };

/** Prompts up to this many characters go to the router's cheaper model (the emulator's routing rule). */
export const ROUTER_SHORT_PROMPT = 200;

export class CatalogIndex {
  readonly accountId: string;
  private readonly byId = new Map<string, CatalogModel>();

  constructor(private readonly catalog: EmulatorCatalog) {
    this.accountId = catalog.accountId ?? ACCOUNT_ID;
    for (const model of catalog.models) this.byId.set(model.modelId, model);
  }

  modelsIn(region: string): CatalogModel[] {
    return this.catalog.models.filter((model) => offeredIn(model, region));
  }

  foundationModel(idOrArn: string, region: string): CatalogModel | undefined {
    const id = /^arn:aws[^:]*:bedrock:[^:]*::foundation-model\/(.+)$/.exec(idOrArn)?.[1] ?? idOrArn;
    const model = this.byId.get(id);
    return model && offeredIn(model, region) ? model : undefined;
  }

  modelArn(modelId: string, region: string): string {
    return `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
  }

  profiles(region: string): ProfileSummary[] {
    const system = this.catalog.models.flatMap((model) =>
      (model.profiles ?? [])
        .filter((geo) => GEO_REGIONS[geo].includes(region))
        .map((geo) => this.systemProfile(model, geo, region)),
    );
    const application = (this.catalog.applicationProfiles ?? [])
      .filter((profile) => profile.region === region)
      .flatMap((profile) => {
        const summary = this.applicationProfile(profile);
        return summary ? [summary] : [];
      });
    return [...system, ...application];
  }

  profile(idOrArn: string, region: string): ProfileSummary | undefined {
    return this.profiles(region).find(
      (profile) => profile.inferenceProfileId === idOrArn || profile.inferenceProfileArn === idOrArn,
    );
  }

  promptRouters(region: string): PromptRouterSummary[] {
    return (this.catalog.promptRouters ?? [])
      .filter((router) => router.region === region)
      .map((router) => this.routerSummary(router));
  }

  promptRouter(arn: string, region: string): PromptRouterSummary | undefined {
    return this.promptRouters(region).find((router) => router.promptRouterArn === arn);
  }

  /**
   * Resolves the `{modelId}` path label of a runtime request, as Bedrock does in `region`. A prompt router picks
   * one of its models for `prompt` (the last user turn's text): see ROUTER_SHORT_PROMPT.
   */
  resolve(modelId: string, region: string, prompt = ''): Resolution {
    const routerArn = /^arn:aws[^:]*:bedrock:([^:]+):(\d+):(default-prompt-router|prompt-router)\/(.+)$/.exec(
      modelId,
    );
    if (routerArn) {
      const router = (this.catalog.promptRouters ?? []).find(
        (r) =>
          r.id === routerArn[4] &&
          r.region === region &&
          routerArn[1] === region &&
          routerArn[3] === kindOf(r),
      );
      if (!router) return { ok: false, reason: 'invalid' };
      const chosen = chooseRoute(router, prompt);
      const target = this.resolve(chosen, region);
      if (!target.ok) return { ok: false, reason: 'invalid' };
      return {
        ok: true,
        model: target.model,
        via: 'prompt-router',
        invokedModelId: this.targetArn(chosen, region),
      };
    }
    const appArn = /^arn:aws[^:]*:bedrock:([^:]+):(\d+):application-inference-profile\/(.+)$/.exec(modelId);
    if (appArn) {
      const app = (this.catalog.applicationProfiles ?? []).find(
        (profile) => profile.id === appArn[3] && profile.region === appArn[1] && appArn[1] === region,
      );
      const target = app && this.targetOf(app);
      return target
        ? { ok: true, model: target, via: 'application-profile' }
        : { ok: false, reason: 'invalid' };
    }
    const profileId =
      /^arn:aws[^:]*:bedrock:([^:]+):\d+:inference-profile\/(.+)$/.exec(modelId)?.[2] ?? modelId;
    const system = this.systemProfileTarget(profileId, region);
    if (system) return { ok: true, model: system, via: 'system-profile' };
    const model = this.foundationModel(modelId, region);
    if (!model) return { ok: false, reason: 'invalid' };
    if (!model.inferenceTypesSupported.includes('ON_DEMAND')) {
      return { ok: false, reason: 'on-demand-unsupported' };
    }
    return { ok: true, model, via: 'on-demand' };
  }

  private systemProfileTarget(profileId: string, region: string): CatalogModel | undefined {
    const match = /^(us-gov|global|apac|us|eu|jp|au)\.(.+)$/.exec(profileId);
    if (!match) return undefined;
    const geo = match[1] as ProfileGeo;
    const model = this.byId.get(match[2]!);
    if (!model?.profiles?.includes(geo) || !GEO_REGIONS[geo].includes(region)) return undefined;
    return model;
  }

  /** A router target as Bedrock names it: a system-profile ARN or a foundation-model ARN. */
  private targetArn(id: string, region: string): string {
    return /^(us-gov|global|apac|us|eu|jp|au)\./.test(id)
      ? `arn:aws:bedrock:${region}:${this.accountId}:inference-profile/${id}`
      : this.modelArn(id, region);
  }

  private routerSummary(router: PromptRouter): PromptRouterSummary {
    return {
      promptRouterName: router.name,
      routingCriteria: { responseQualityDifference: router.responseQualityDifference },
      ...(router.description ? { description: router.description } : {}),
      createdAt: CREATED_AT,
      updatedAt: CREATED_AT,
      promptRouterArn: `arn:aws:bedrock:${router.region}:${this.accountId}:${kindOf(router)}/${router.id}`,
      models: router.models.map((id) => ({ modelArn: this.targetArn(id, router.region) })),
      fallbackModel: { modelArn: this.targetArn(router.fallbackModel, router.region) },
      status: 'AVAILABLE',
      type: router.type,
    };
  }

  private targetOf(app: ApplicationProfile): CatalogModel | undefined {
    const resolution = this.resolve(app.copyFrom, app.region);
    return resolution.ok ? resolution.model : undefined;
  }

  private systemProfile(model: CatalogModel, geo: ProfileGeo, region: string): ProfileSummary {
    const id = `${geo}.${model.modelId}`;
    const destinations = destinationRegions(model, geo);
    return {
      inferenceProfileName: `${GEO_LABEL[geo]} ${model.modelName}`,
      inferenceProfileArn: `arn:aws:bedrock:${region}:${this.accountId}:inference-profile/${id}`,
      inferenceProfileId: id,
      description: `Routes requests to ${model.modelName} in ${destinations.join(', ')}.`,
      createdAt: CREATED_AT,
      updatedAt: CREATED_AT,
      models: destinations.map((destination) => ({ modelArn: this.modelArn(model.modelId, destination) })),
      status: 'ACTIVE',
      type: 'SYSTEM_DEFINED',
    };
  }

  private applicationProfile(app: ApplicationProfile): ProfileSummary | undefined {
    const target = this.targetOf(app);
    if (!target) return undefined;
    const geo = /^(us-gov|global|apac|us|eu|jp|au)\./.exec(app.copyFrom)?.[1] as ProfileGeo | undefined;
    const regions = geo ? destinationRegions(target, geo) : [app.region];
    return {
      inferenceProfileName: app.name,
      inferenceProfileArn: `arn:aws:bedrock:${app.region}:${this.accountId}:application-inference-profile/${app.id}`,
      inferenceProfileId: app.id,
      ...(app.description ? { description: app.description } : {}),
      createdAt: CREATED_AT,
      updatedAt: CREATED_AT,
      models: regions.map((region) => ({ modelArn: this.modelArn(target.modelId, region) })),
      status: 'ACTIVE',
      type: 'APPLICATION',
    };
  }
}

function kindOf(router: PromptRouter): 'default-prompt-router' | 'prompt-router' {
  return router.type === 'default' ? 'default-prompt-router' : 'prompt-router';
}

/**
 * The emulator's routing rule (Bedrock's is a learned quality prediction): a prompt of at most
 * ROUTER_SHORT_PROMPT characters goes to the first model that is not the fallback, any other to the fallback.
 */
export function chooseRoute(router: PromptRouter, prompt: string): string {
  const cheaper = router.models.find((id) => id !== router.fallbackModel);
  return cheaper && prompt.length <= ROUTER_SHORT_PROMPT ? cheaper : router.fallbackModel;
}

function offeredIn(model: CatalogModel, region: string): boolean {
  return !model.regions || model.regions.includes(region);
}

function destinationRegions(model: CatalogModel, geo: ProfileGeo): string[] {
  const regions = GEO_REGIONS[geo].filter((region) => offeredIn(model, region));
  return regions.length > 0 ? regions : GEO_REGIONS[geo];
}

/** The FoundationModelSummary Bedrock lists for `model` in `region`. */
export function foundationModelSummary(model: CatalogModel, region: string): Record<string, unknown> {
  return {
    modelArn: `arn:aws:bedrock:${region}::foundation-model/${model.modelId}`,
    modelId: model.modelId,
    modelName: model.modelName,
    providerName: model.providerName,
    inputModalities: model.inputModalities,
    outputModalities: model.outputModalities,
    responseStreamingSupported: model.responseStreamingSupported,
    customizationsSupported: model.customizationsSupported ?? [],
    inferenceTypesSupported: model.inferenceTypesSupported,
    modelLifecycle: { status: model.lifecycle ?? 'ACTIVE' },
  };
}
