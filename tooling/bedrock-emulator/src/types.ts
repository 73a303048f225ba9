// Public types of the emulator. The shapes follow docs/ARCHITECTURE.md (tooling/bedrock-emulator).
import type { ApplicationProfile, CatalogModel, PromptRouter } from './catalog-types.js';
import type { EmulatorGuardrail } from './guardrails.js';
import type { RequestJournal } from './journal.js';

export type { JournalEntry, Operation } from './journal-entry.js';

import type { EmulatorQuotas } from './quotas.js';
import type { Recordings } from './recordings.js';
import type { Scenario } from './scenario-schema.js';

export interface EmulatorCatalog {
  models: CatalogModel[];
  /** Application inference profiles (ARN-addressed). System-defined profiles come from `CatalogModel.profiles`. */
  applicationProfiles?: ApplicationProfile[];
  /** Prompt routers (ARN-addressed): `default-prompt-router/…` and `prompt-router/…`. */
  promptRouters?: PromptRouter[];
  /** Account id used in ARNs. Default '123456789012'. */
  accountId?: string;
}

export interface EmulatorCredential {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** After this instant requests signed with the key get ExpiredTokenException. */
  expiresAt?: Date;
  /** Model ids (bare, profile id or ARN) this key may not invoke: AccessDeniedException. */
  deniedModels?: string[];
  /** IAM actions this key may not perform, e.g. 'bedrock:ListInferenceProfiles'. */
  deniedActions?: string[];
}

export interface EmulatorOptions {
  /** Default '127.0.0.1'. Only loopback addresses are accepted unless `allowNonLoopback` is set. */
  host?: string;
  /** Default 0 (ephemeral). */
  port?: number;
  /** Default region of the printed env and of bearer-token requests; SigV4 requests use their signing scope. */
  region?: string;
  /** Accepted SigV4 keys; default one generated key pair. */
  credentials?: EmulatorCredential[];
  /** Accepted Bedrock API keys; default one generated token. */
  bearerTokens?: string[];
  /** Replaces the built-in catalog. */
  catalog?: EmulatorCatalog;
  /** Default 0: no artificial delay between events. */
  eventDelayMs?: number;
  /** Keep raw response bytes of every stream for replay. */
  record?: boolean;
  /** Guardrails by id and version, for guardrailConfig and ApplyGuardrail (an unknown one is an error). */
  guardrails?: EmulatorGuardrail[];
  /** Bind a non-loopback host anyway (the emulator accepts any request that passes its own auth). */
  allowNonLoopback?: boolean;
  /** Tokens- and requests-per-minute limits per credential, region and model. Default: none. */
  quotas?: EmulatorQuotas;
  /** Milliseconds since the epoch, for quota windows. Default `Date.now`; tests inject their own. */
  clock?: () => number;
}

export interface Emulator {
  /** http://127.0.0.1:PORT (h2c and HTTP/1.1 on the same port). */
  url: string;
  region: string;
  /** The first accepted key pair (with its session token, if it has one). */
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** The first accepted bearer token. */
  bearerToken: string;
  /** AWS_ENDPOINT_URL_BEDROCK_RUNTIME, AWS_ENDPOINT_URL_BEDROCK, keys, AWS_REGION and AWS_DEFAULT_REGION. */
  env(): Record<string, string>;
  journal: RequestJournal;
  scenarios: { push(scenario: Scenario): void; clear(): void };
  /** Raw event streams captured when `record` is on, or added by hand; replay with `{ replay: id }`. */
  recordings: Recordings;
  /** Closes every socket; idempotent. */
  stop(): Promise<void>;
}
