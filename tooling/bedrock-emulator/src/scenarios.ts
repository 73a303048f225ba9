// Scenario presets and per-request selection. First match wins: the programmatic queue, then the
// `x-emulator-scenario` header, then a `[[scenario:...]]` marker in the last user message.
import { type Scenario, STREAM_EXCEPTIONS, scenarioSchema } from './scenario-schema.js';

export const STOP_REASONS = [
  'end_turn',
  'tool_use',
  'max_tokens',
  'stop_sequence',
  'guardrail_intervened',
  'content_filtered',
  'malformed_model_output',
  'malformed_tool_use',
  'model_context_window_exceeded',
] as const;

const HTTP_PRESETS: Record<string, Scenario['httpError']> = {
  'http-400': {
    status: 400,
    type: 'ValidationException',
    message: 'Malformed input request, please reformat your input and try again.',
  },
  'http-403': {
    status: 403,
    type: 'AccessDeniedException',
    message: "You don't have access to the model with the specified model ID.",
  },
  'http-404': { status: 404, type: 'ResourceNotFoundException', message: 'Model not found.' },
  'http-408': {
    status: 408,
    type: 'ModelTimeoutException',
    message: 'Model has timed out in processing the request. Try your request again.',
  },
  'http-424': {
    status: 424,
    type: 'ModelErrorException',
    message: 'The model produced an invalid response.',
  },
  'http-429': {
    status: 429,
    type: 'ThrottlingException',
    message: 'Too many requests, please wait before trying again.',
  },
  'http-500': {
    status: 500,
    type: 'InternalServerException',
    message: 'The server encountered an internal error.',
  },
  'http-503': {
    status: 503,
    type: 'ServiceUnavailableException',
    message: 'Bedrock is unable to process your request.',
  },
  'model-not-ready': {
    status: 429,
    type: 'ModelNotReadyException',
    message: 'Model is not ready to serve inference requests.',
  },
};

function buildPresets(): Record<string, Scenario> {
  const presets: Record<string, Scenario> = {
    text: {},
    'tool-call': { toolCall: {} },
    reasoning: { reasoning: true },
    'reasoning-redacted': { reasoning: 'redacted' },
    'error-frame': {
      errorFrame: { code: 'InternalFailure', message: 'An internal error occurred.', afterEvents: 3 },
    },
    truncated: { truncateAfterEvents: 3 },
    'bad-crc': { badCrcAtEvent: 2 },
    stall: { stallAfterEvents: 2 },
    'slow-first-byte': { firstByteDelayMs: 1500 },
    slow: { eventDelayMs: 50 },
    'throttle-1': { throttleAttempts: 1 },
    'throttle-2': { throttleAttempts: 2 },
  };
  for (const reason of STOP_REASONS) {
    presets[reason] = reason === 'tool_use' ? { toolCall: {} } : { stopReason: reason };
  }
  for (const [name, httpError] of Object.entries(HTTP_PRESETS)) presets[name] = { httpError };
  for (const type of STREAM_EXCEPTIONS) {
    presets[`stream-${type}`] = { streamException: { type, afterEvents: 3 } };
    presets[`first-${type}`] = { streamException: { type, afterEvents: 0 } };
  }
  for (const [name, scenario] of Object.entries(presets)) scenario.name = name;
  return presets;
}

/** Named scenarios usable in the header, the prompt marker or `scenarios.push(scenarioPresets[name])`. */
export const scenarioPresets: Readonly<Record<string, Scenario>> = buildPresets();

export class ScenarioError extends Error {
  readonly code = 'scenario_invalid';
}

/** Parses a preset name or a JSON scenario. */
export function parseScenario(text: string): Scenario {
  const trimmed = text.trim();
  const preset = scenarioPresets[trimmed];
  if (preset) return structuredClone(preset);
  if (!trimmed.startsWith('{')) {
    throw new ScenarioError(
      `Unknown scenario preset '${trimmed}'. Known: ${Object.keys(scenarioPresets).join(', ')}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    throw new ScenarioError('The scenario is neither a preset name nor valid JSON.');
  }
  const parsed = scenarioSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ScenarioError(`Invalid scenario at '${issue?.path.join('.') ?? ''}': ${issue?.message ?? ''}`);
  }
  return parsed.data;
}

const MARKER = '[[scenario:';

/** Finds `[[scenario:<preset or JSON>]]` in `text`; returns the spec and the text without the marker. */
export function findMarker(text: string): { spec: string; rest: string } | undefined {
  const start = text.indexOf(MARKER);
  if (start < 0) return undefined;
  const from = start + MARKER.length;
  // JSON may itself contain "]]": take the shortest candidate that parses.
  for (let end = text.indexOf(']]', from); end >= 0; end = text.indexOf(']]', end + 1)) {
    const spec = text.slice(from, end);
    if (!spec.trim().startsWith('{') || isJson(spec)) {
      return { spec, rest: (text.slice(0, start) + text.slice(end + 2)).trim() };
    }
  }
  return undefined;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function lastUserTexts(body: unknown): string[] {
  const messages = (body as { messages?: unknown })?.messages;
  if (!Array.isArray(messages)) return [];
  const last = [...messages].reverse().find((message) => message?.role === 'user');
  const content: unknown[] = Array.isArray(last?.content) ? last.content : [];
  return content.flatMap((block) =>
    typeof (block as { text?: unknown })?.text === 'string' ? [(block as { text: string }).text] : [],
  );
}

/** Chooses the scenario of one runtime request; remembers it per invocation so SDK retries see the same one. */
export class ScenarioSelector {
  private queue: Scenario[] = [];
  private readonly byInvocation = new Map<string, Scenario>();

  push(scenario: Scenario): void {
    this.queue.push(scenarioSchema.parse(scenario));
  }

  clear(): void {
    this.queue = [];
    this.byInvocation.clear();
  }

  select(input: { invocationId?: string; header?: string; body: unknown }): Scenario | undefined {
    const sticky = input.invocationId ? this.byInvocation.get(input.invocationId) : undefined;
    if (sticky) return sticky;
    const chosen = this.queue.shift() ?? this.fromRequest(input.header, input.body);
    if (chosen && input.invocationId) {
      this.byInvocation.set(input.invocationId, chosen);
      if (this.byInvocation.size > 10_000) this.byInvocation.delete(this.byInvocation.keys().next().value!);
    }
    return chosen;
  }

  private fromRequest(header: string | undefined, body: unknown): Scenario | undefined {
    if (header) return parseScenario(header);
    for (const text of lastUserTexts(body)) {
      const marker = findMarker(text);
      if (marker) return parseScenario(marker.spec);
    }
    return undefined;
  }
}
