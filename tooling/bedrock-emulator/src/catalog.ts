// Catalog lookups with Bedrock's regional semantics: which models and profiles a region lists, and how a
// model identifier in a runtime path (bare id, profile id, ARN) resolves to a model.
import { ACCOUNT_ID } from './catalog-data.js';
import type { ApplicationProfile, CatalogModel, ProfileGeo } from './catalog-types.js';
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

export type Resolution =
  | { ok: true; model: CatalogModel; via: 'on-demand' | 'system-profile' | 'application-profile' }
  | { ok: false; reason: 'invalid' | 'on-demand-unsupported' };

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

  /** Resolves the `{modelId}` path label of a runtime request, as Bedrock does in `region`. */
  resolve(modelId: string, region: string): Resolution {
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
