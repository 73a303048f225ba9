// Maps a request line to a Bedrock operation. Runtime and control plane sign with the same service name
// (`bedrock`), so only the path tells them apart.
import type { Operation } from './journal-entry.js';

export interface Route {
  operation: Operation;
  /** Percent-decoded `{modelId}` / `{modelIdentifier}` / `{inferenceProfileIdentifier}` label. */
  resource?: string;
  /** `{guardrailVersion}` of ApplyGuardrail. */
  version?: string;
  query: URLSearchParams;
  /** The IAM action Bedrock checks for the operation. */
  action?: string;
}

const RUNTIME =
  /^\/model\/([^/]+)\/(converse|converse-stream|invoke|invoke-with-response-stream|count-tokens)$/;

/** Operation and IAM action per runtime path suffix. CountTokens is authorized as InvokeModel. */
const RUNTIME_OPS: Record<string, [Operation, string]> = {
  converse: ['Converse', 'bedrock:InvokeModel'],
  'converse-stream': ['ConverseStream', 'bedrock:InvokeModelWithResponseStream'],
  invoke: ['InvokeModel', 'bedrock:InvokeModel'],
  'invoke-with-response-stream': ['InvokeModelWithResponseStream', 'bedrock:InvokeModelWithResponseStream'],
  'count-tokens': ['CountTokens', 'bedrock:CountTokens'],
};
/** GET /{collection}/{label}: the control-plane read of one resource. */
const SINGLE: Record<string, Operation> = {
  'foundation-models': 'GetFoundationModel',
  'inference-profiles': 'GetInferenceProfile',
  'prompt-routers': 'GetPromptRouter',
};
const APPLY_GUARDRAIL = /^\/guardrail\/([^/]+)\/version\/([^/]+)\/apply$/;

function decode(label: string): string | undefined {
  try {
    return decodeURIComponent(label);
  } catch {
    return undefined;
  }
}

export function route(method: string, url: string): Route {
  const [path = '/', rawQuery = ''] = url.split('?', 2);
  const query = new URLSearchParams(rawQuery);
  const unknown: Route = { operation: 'Unknown', query };
  const runtime = RUNTIME.exec(path);
  if (runtime) {
    const resource = decode(runtime[1]!);
    if (method !== 'POST' || resource === undefined) return unknown;
    const [operation, action] = RUNTIME_OPS[runtime[2]!]!;
    return { operation, resource, query, action };
  }
  const guardrail = APPLY_GUARDRAIL.exec(path);
  if (guardrail) {
    const resource = decode(guardrail[1]!);
    const version = decode(guardrail[2]!);
    if (method !== 'POST' || resource === undefined || version === undefined) return unknown;
    return { operation: 'ApplyGuardrail', resource, version, query, action: 'bedrock:ApplyGuardrail' };
  }
  if (method !== 'GET') return unknown;
  if (path === '/foundation-models') {
    return { operation: 'ListFoundationModels', query, action: 'bedrock:ListFoundationModels' };
  }
  if (path === '/inference-profiles') {
    return { operation: 'ListInferenceProfiles', query, action: 'bedrock:ListInferenceProfiles' };
  }
  if (path === '/prompt-routers') {
    return { operation: 'ListPromptRouters', query, action: 'bedrock:ListPromptRouters' };
  }
  const single = /^\/(foundation-models|inference-profiles|prompt-routers)\/([^/]+)$/.exec(path);
  const resource = single ? decode(single[2]!) : undefined;
  if (!single || resource === undefined) return unknown;
  const operation = SINGLE[single[1]!]!;
  return { operation, resource, query, action: `bedrock:${operation}` };
}
