// biome-ignore-all lint/suspicious/noTemplateCurlyInString: descriptions show users the literal ${ENV_VAR} syntax
// The config a user writes. Strict objects everywhere: an unknown key is a typo until proven otherwise.
// `.prefault({})` (not `.default`) so that an omitted section is parsed and gets its inner defaults.
import { z } from 'zod';
import { modelRefProblem } from './model-ref.js';
import { placeholderProblem } from './placeholder.js';
import { routesSchema } from './routing-schema.js';
import {
  awsRegion,
  boolean,
  expected,
  headers,
  httpUrl,
  nonEmptyString,
  nonNegativeInt,
  nonNegativeNumber,
  oneOf,
  port,
  positiveInt,
  stringArray,
} from './schema-fields.js';
import { telemetrySchema } from './telemetry-schema.js';

const object = <T extends z.core.$ZodLooseShape>(shape: T) => z.strictObject(shape, expected('an object'));

const modelRef = () =>
  z.string(expected('a model ref such as "amazon-bedrock/<model id>"')).superRefine((ref, ctx) => {
    const problem = modelRefProblem(ref);
    if (problem)
      ctx.addIssue({ code: 'custom', message: `invalid model ref ${JSON.stringify(ref)}: ${problem}` });
  });

export const modelInputSchema = oneOf(['text', 'image', 'document']);

export const modelCostSchema = object({
  input: nonNegativeNumber().optional().describe('USD per million input tokens'),
  output: nonNegativeNumber().optional().describe('USD per million output tokens'),
  cacheRead: nonNegativeNumber().optional().describe('USD per million tokens read from the prompt cache'),
  cacheWrite: nonNegativeNumber().optional().describe('USD per million tokens written to the prompt cache'),
}).describe('Prices in USD per million tokens');

export const modelDefinitionSchema = object({
  id: nonEmptyString().describe('The id the provider is called with (Bedrock: model id, profile id or ARN)'),
  name: nonEmptyString().optional().describe('Display name'),
  reasoning: boolean().optional().describe('The model can think before it answers'),
  input: z
    .array(modelInputSchema, expected('an array of "text", "image", "document"'))
    .optional()
    .describe('Content the model accepts'),
  cost: modelCostSchema.optional(),
  contextWindow: positiveInt().optional().describe('Maximum tokens of input plus output'),
  maxTokens: positiveInt().optional().describe('Maximum output tokens per response'),
  headers: headers().optional().describe('Extra HTTP headers sent with requests to this model'),
}).superRefine((model, ctx) => {
  if (
    model.maxTokens !== undefined &&
    model.contextWindow !== undefined &&
    model.maxTokens > model.contextWindow
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['maxTokens'],
      message: `must not exceed contextWindow (${model.contextWindow})`,
    });
  }
});

export const providerConfigSchema = object({
  baseUrl: httpUrl()
    .optional()
    .describe('Endpoint URL (Bedrock: https://bedrock-runtime.<region>.amazonaws.com)'),
  api: nonEmptyString().optional().describe('Wire API, e.g. "bedrock-converse-stream"'),
  auth: oneOf(['aws-sdk', 'api-key', 'token', 'none']).optional().describe('How requests are authenticated'),
  apiKey: nonEmptyString()
    .optional()
    .describe('API key or token; use "${ENV_VAR}" rather than a literal secret'),
  headers: headers().optional().describe('Extra HTTP headers sent with every request'),
  region: awsRegion().optional().describe('AWS region (Bedrock); overrides AWS_REGION'),
  models: z
    .array(modelDefinitionSchema, expected('an array of model definitions'))
    .default([])
    .describe('Models of this provider'),
}).superRefine((provider, ctx) => {
  const firstIndex = new Map<string, number>();
  provider.models.forEach((model, index) => {
    const first = firstIndex.get(model.id);
    if (first === undefined) firstIndex.set(model.id, index);
    else
      ctx.addIssue({
        code: 'custom',
        path: ['models', index, 'id'],
        message: `duplicate model id ${JSON.stringify(model.id)} (first defined at models[${first}])`,
      });
  });
});

export const bedrockDiscoverySchema = object({
  enabled: boolean()
    .optional()
    .describe('true: always discover; false: never; unset: discover when AWS credentials are found'),
  region: awsRegion().optional().describe('Region to discover in (default: the resolved AWS region)'),
  providerFilter: stringArray('model provider names such as "anthropic"')
    .optional()
    .describe('Only models of these providers (e.g. "anthropic", "amazon")'),
  refreshInterval: nonNegativeInt()
    .default(3600)
    .describe('Seconds to cache discovery results; 0 = no cache'),
  defaultContextWindow: positiveInt().default(32_000).describe('Context window of models not in the table'),
  defaultMaxTokens: positiveInt().default(4096).describe('Max output tokens of models not in the table'),
});

export const modelsSchema = object({
  providers: z
    .record(
      z.string().regex(/^[^/\s]+$/, { error: 'a provider id cannot be empty or contain "/" or whitespace' }),
      providerConfigSchema,
      expected('an object of provider ids to provider configs'),
    )
    .default({})
    .describe('Model providers by id; "amazon-bedrock" is Amazon Bedrock'),
  bedrockDiscovery: bedrockDiscoverySchema.prefault({}).describe('Automatic discovery of Bedrock models'),
  routes: routesSchema,
}).superRefine((models, ctx) => {
  // A route is called as amazon-bedrock/<name>: it must not hide a configured Bedrock model of that id.
  const ids = new Set(models.providers['amazon-bedrock']?.models.map((model) => model.id) ?? []);
  for (const name of Object.keys(models.routes)) {
    if (ids.has(name))
      ctx.addIssue({
        code: 'custom',
        path: ['routes', name],
        message: `route "${name}" has the id of a configured amazon-bedrock model; rename the route`,
        params: { target: 'key' },
      });
  }
});

export const agentModelSchema = z
  .union(
    [
      modelRef(),
      object({
        primary: modelRef().optional().describe('The model to use'),
        fallbacks: z
          .array(modelRef(), expected('an array of model refs'))
          .optional()
          .describe('Models to try, in order, when the primary fails'),
      }),
    ],
    expected('a model ref or { primary, fallbacks }'),
  )
  .describe('"provider/model", an alias, or { primary, fallbacks }');

export const agentDefaultsSchema = object({
  model: agentModelSchema.optional(),
  models: z
    .record(
      z.string(),
      object({ alias: nonEmptyString().optional().describe('Short name usable wherever a model ref is') }),
      expected('an object of model refs to { alias }'),
    )
    .optional()
    .describe('Per-model settings keyed by "provider/model"'),
}).superRefine((defaults, ctx) => {
  const aliasOwner = new Map<string, string>();
  for (const [ref, entry] of Object.entries(defaults.models ?? {})) {
    const refIssue = modelRefProblem(ref);
    if (refIssue) {
      const message = `invalid model ref: ${refIssue}`;
      ctx.addIssue({ code: 'custom', path: ['models', ref], message, params: { target: 'key' } });
    }
    const alias = entry.alias;
    if (alias === undefined) continue;
    const path = ['models', ref, 'alias'];
    if (alias.includes('/') || /\s/.test(alias)) {
      ctx.addIssue({ code: 'custom', path, message: 'an alias cannot contain "/" or whitespace' });
    } else if (aliasOwner.has(alias)) {
      const owner = aliasOwner.get(alias);
      ctx.addIssue({ code: 'custom', path, message: `alias "${alias}" is already used by "${owner}"` });
    } else aliasOwner.set(alias, ref);
  }
});

/** A bearer token: a blank or placeholder-looking value is a config mistake, never a credential. */
const bearerToken = () =>
  nonEmptyString('a bearer token').superRefine((token, ctx) => {
    const problem = placeholderProblem(token);
    if (problem) ctx.addIssue({ code: 'custom', message: `a bearer token ${problem}` });
  });

/** `scheme://host[:port]` exactly as a browser sends it in `Origin` (no path, no trailing slash). */
const origin = () =>
  z.string(expected('an origin such as "https://app.example.com"')).regex(/^https?:\/\/[^\s/?#]+$/i, {
    error: 'expected an origin such as "https://app.example.com" (no path)',
  });

/** A host name or address clients may put in `Host`, without a port. */
const hostName = () =>
  z
    .string(expected('a host name such as "gateway.example.com"'))
    .regex(/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+|[0-9A-Fa-f:.]+)$/, {
      error: 'expected a host name such as "gateway.example.com" (no scheme, port or path)',
    });

export const gatewaySchema = object({
  host: nonEmptyString().default('127.0.0.1').describe('Interface to listen on'),
  port: port().default(4141).describe('TCP port (0 = any free port)'),
  allowedHosts: stringArray('host names', hostName())
    .default([])
    .describe(
      'Host names clients may use besides loopback names, IP addresses and the bind address (a DNS-rebinding guard)',
    ),
  cors: object({
    allowedOrigins: stringArray('origins', origin())
      .default([])
      .describe(
        'Browser origins allowed to call the gateway; none by default (requests with another Origin get 403)',
      ),
  })
    .prefault({})
    .describe('Browser access (CORS); off unless origins are listed'),
  auth: object({
    tokens: stringArray('bearer tokens', bearerToken())
      .default([])
      .describe('Bearer tokens clients must send; use "${ENV_VAR}" rather than literal secrets'),
    allowAnonymous: boolean()
      .default(false)
      .describe(
        'Admit requests that carry no key even when static tokens, virtual keys or an admin token exist (loopback quick start needs none of this)',
      ),
  })
    .prefault({})
    .describe(
      'Who may call the gateway; with no tokens, no virtual keys and no admin token every caller is anonymous (loopback only)',
    ),
  limits: object({
    maxBodyBytes: positiveInt().default(1_048_576).describe('Largest request body accepted'),
    bodyTimeoutMs: positiveInt()
      .default(30_000)
      .describe('A request body must arrive within this long, else 408 (slow or stalled uploads)'),
    maxConcurrentPerToken: positiveInt()
      .default(128)
      .describe('Concurrent requests per token (all callers share one budget when there are no tokens)'),
    requestsPerMinutePerToken: positiveInt()
      .optional()
      .describe('Requests a token may start per clock minute (429 beyond it); unlimited when unset'),
    drainTimeoutMs: nonNegativeInt()
      .default(10_000)
      .describe('On shutdown, how long open streams may finish'),
    firstEventTimeoutMs: positiveInt()
      .default(120_000)
      .describe('Abort when the model sends nothing for this long'),
    idleTimeoutMs: positiveInt().default(300_000).describe('Abort a stream silent for this long'),
  })
    .prefault({})
    .describe('Request limits and timeouts'),
  adminToken: nonEmptyString()
    .optional()
    .describe(
      'Bearer token for the admin API (/admin/*: keys, budgets, usage); else $OUTCROP_ADMIN_TOKEN; none = admin API off',
    ),
  database: object({
    url: z
      .string(expected('a postgres:// URL'))
      .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
      .optional()
      .describe('PostgreSQL for keys, budgets and the usage ledger; unset = embedded SQLite'),
    path: nonEmptyString()
      .optional()
      .describe('SQLite file when no url is set (default ~/.outcrop/outcrop.db)'),
    failOpen: boolean()
      .default(false)
      .describe(
        'When the database fails while running, admit budgeted keys anyway (default: refuse with 503)',
      ),
    ledgerBuffer: positiveInt()
      .default(10_000)
      .describe('Usage rows kept in memory while the database is unreachable'),
  })
    .prefault({})
    .describe('Where virtual keys, budgets and the usage ledger live'),
  budgets: object({
    warnAtPercent: positiveInt()
      .max(100)
      .default(80)
      .describe('Send x-outcrop-budget-warning once a budget is this full'),
    defaultMaxTokens: positiveInt()
      .default(4096)
      .describe('Output tokens reserved when a request sets no max_tokens and the model has no limit'),
  })
    .prefault({})
    .describe('How virtual-key budgets are admitted'),
  redis: object({
    url: z
      .string(expected('a Redis URL such as "redis://127.0.0.1:6379"'))
      .regex(/^rediss?:\/\/\S+$/, { error: 'expected a Redis URL such as "redis://127.0.0.1:6379"' })
      .optional()
      .describe(
        'Shared state for replicas (rate limits, concurrency slots, signed reasoning); use "${ENV_VAR}"',
      ),
  })
    .prefault({})
    .describe('Where replicas share state; in process memory when unset'),
  telemetry: telemetrySchema,
});

export const outcropConfigSchema = object({
  $schema: z.string(expected('a string')).optional().describe('JSON Schema for editors; ignored by Outcrop'),
  models: modelsSchema.prefault({}).describe('Model providers and Bedrock discovery (Clawdbot format)'),
  agents: object({
    defaults: agentDefaultsSchema.prefault({}).describe('Model choice for every agent and client'),
  })
    .prefault({})
    .describe('Which models to use (Clawdbot format)'),
  gateway: gatewaySchema.prefault({}).describe('The OpenAI-compatible gateway'),
});

export type ModelInput = z.output<typeof modelInputSchema>;
export type ModelCost = Required<z.output<typeof modelCostSchema>>;
export type ModelDefinition = z.output<typeof modelDefinitionSchema>;
export type ProviderConfig = z.output<typeof providerConfigSchema>;
export type BedrockDiscoveryConfig = z.output<typeof bedrockDiscoverySchema>;
export type AgentModelConfig = z.output<typeof agentModelSchema>;
export type GatewayConfig = z.output<typeof gatewaySchema>;
/** The config after validation: every default applied. */
export type OutcropConfig = z.output<typeof outcropConfigSchema>;
/** The config as a user may write it: every defaulted key optional. */
export type OutcropConfigInput = z.input<typeof outcropConfigSchema>;
export type ModelDefinitionInput = z.input<typeof modelDefinitionSchema>;
export type ProviderConfigInput = z.input<typeof providerConfigSchema>;
export type BedrockDiscoveryConfigInput = z.input<typeof bedrockDiscoverySchema>;
export type GatewayConfigInput = z.input<typeof gatewaySchema>;
