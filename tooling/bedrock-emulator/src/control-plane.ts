// Control-plane operations (@aws-sdk/client-bedrock): ListFoundationModels with its filters,
// GetFoundationModel, ListInferenceProfiles (paged, `type` filter), GetInferenceProfile, GetPromptRouter and
// ListPromptRouters (paged, `type` filter; input checked against the API model snapshot).
import { type CatalogIndex, foundationModelSummary } from './catalog.js';
import { type AwsError, awsError } from './http-io.js';
import { checkModelConstraints } from './model-constraints.js';
import type { Route } from './routes.js';

export type ControlResult = { status: 200; body: unknown } | { error: AwsError };

const MODALITIES = ['TEXT', 'IMAGE', 'EMBEDDING'];
const INFERENCE_TYPES = ['ON_DEMAND', 'PROVISIONED'];
const CUSTOMIZATIONS = ['FINE_TUNING', 'CONTINUED_PRE_TRAINING', 'DISTILLATION'];

const enumError = (value: string, at: string, allowed: string[]) =>
  awsError(
    'ValidationException',
    `1 validation error detected: Value '${value}' at '${at}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
  );

export function handleControl(route: Route, catalog: CatalogIndex, region: string): ControlResult {
  switch (route.operation) {
    case 'ListFoundationModels':
      return listFoundationModels(route.query, catalog, region);
    case 'GetFoundationModel': {
      const model = catalog.foundationModel(route.resource!, region);
      if (!model) {
        return {
          error: awsError(
            'ResourceNotFoundException',
            'Could not resolve the foundation model from the provided model identifier.',
          ),
        };
      }
      return { status: 200, body: { modelDetails: foundationModelSummary(model, region) } };
    }
    case 'ListInferenceProfiles':
      return listInferenceProfiles(route.query, catalog, region);
    case 'GetInferenceProfile': {
      const profile = catalog.profile(route.resource!, region);
      if (!profile) {
        return {
          error: awsError('ResourceNotFoundException', `Inference profile ${route.resource} not found.`),
        };
      }
      return { status: 200, body: profile };
    }
    case 'GetPromptRouter': {
      const malformed = checkModelConstraints(
        'bedrock',
        'GetPromptRouter',
        { promptRouterArn: route.resource },
        true,
      );
      if (malformed) return { error: malformed };
      const router = catalog.promptRouter(route.resource!, region);
      if (!router) {
        return {
          error: awsError('ResourceNotFoundException', `Prompt router ${route.resource} not found.`),
        };
      }
      return { status: 200, body: router };
    }
    case 'ListPromptRouters':
      return listPromptRouters(route.query, catalog, region);
    default:
      return { error: awsError('UnknownOperationException', 'Unknown operation') };
  }
}

function listFoundationModels(query: URLSearchParams, catalog: CatalogIndex, region: string): ControlResult {
  const provider = query.get('byProvider');
  const output = query.get('byOutputModality');
  const inference = query.get('byInferenceType');
  const customization = query.get('byCustomizationType');
  if (output && !MODALITIES.includes(output))
    return { error: enumError(output, 'byOutputModality', MODALITIES) };
  if (inference && !INFERENCE_TYPES.includes(inference)) {
    return { error: enumError(inference, 'byInferenceType', INFERENCE_TYPES) };
  }
  if (customization && !CUSTOMIZATIONS.includes(customization)) {
    return { error: enumError(customization, 'byCustomizationType', CUSTOMIZATIONS) };
  }
  const models = catalog
    .modelsIn(region)
    .filter(
      (model) =>
        (!provider || model.providerName.toLowerCase() === provider.toLowerCase()) &&
        (!output || model.outputModalities.includes(output as never)) &&
        (!inference || model.inferenceTypesSupported.includes(inference as never)) &&
        (!customization || (model.customizationsSupported ?? []).includes(customization as never)),
    );
  return {
    status: 200,
    body: { modelSummaries: models.map((model) => foundationModelSummary(model, region)) },
  };
}

function listInferenceProfiles(query: URLSearchParams, catalog: CatalogIndex, region: string): ControlResult {
  const type = query.get('type');
  if (type && type !== 'SYSTEM_DEFINED' && type !== 'APPLICATION') {
    return { error: enumError(type, 'typeEquals', ['SYSTEM_DEFINED', 'APPLICATION']) };
  }
  const maxResults = query.has('maxResults') ? Number(query.get('maxResults')) : 1000;
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 1000) {
    return {
      error: awsError(
        'ValidationException',
        `1 validation error detected: Value '${query.get('maxResults')}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 1000`,
      ),
    };
  }
  const token = query.get('nextToken');
  const start = token ? decodeToken(token) : 0;
  if (start === undefined) return { error: awsError('ValidationException', 'Invalid pagination token.') };
  const all = catalog.profiles(region).filter((profile) => !type || profile.type === type);
  const page = all.slice(start, start + maxResults);
  const next = start + maxResults < all.length ? encodeToken(start + maxResults) : undefined;
  return { status: 200, body: { inferenceProfileSummaries: page, ...(next ? { nextToken: next } : {}) } };
}

function listPromptRouters(query: URLSearchParams, catalog: CatalogIndex, region: string): ControlResult {
  const input: Record<string, unknown> = {};
  for (const name of ['type', 'nextToken']) if (query.has(name)) input[name] = query.get(name);
  if (query.has('maxResults')) {
    const raw = query.get('maxResults')!;
    input.maxResults = /^-?\d+$/.test(raw) ? Number(raw) : raw;
  }
  const malformed = checkModelConstraints('bedrock', 'ListPromptRouters', input, true);
  if (malformed) return { error: malformed };
  const maxResults = (input.maxResults as number | undefined) ?? 1000;
  const token = query.get('nextToken');
  const start = token ? decodeToken(token) : 0;
  if (start === undefined) return { error: awsError('ValidationException', 'Invalid pagination token.') };
  const type = query.get('type');
  const all = catalog.promptRouters(region).filter((router) => !type || router.type === type);
  const next = start + maxResults < all.length ? encodeToken(start + maxResults) : undefined;
  return {
    status: 200,
    body: {
      promptRouterSummaries: all.slice(start, start + maxResults),
      ...(next ? { nextToken: next } : {}),
    },
  };
}

function encodeToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodeToken(token: string): number | undefined {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}
