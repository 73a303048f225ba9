// The fault matrix: every emulator fault, before the first token and mid-stream, with the outcome a client
// must see. Scenarios travel as a `[[scenario:…]]` marker in the prompt, so every retry meets the same fault
// (a fault that persists), through the provider, the gateway and the CLI alike.
import type { Scenario } from '@outcrop/bedrock-emulator';

/** The deterministic reply: 12 words, streamed in 1 to 4 word chunks (so >= 3 text events). */
export const REPLY = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima';

/** Event 0 is messageStart; 1 leaves the stream before any text, 4 after three text deltas. */
const BEFORE = 1;
const MID = 4;

export type Phase = 'before first token' | 'mid-stream';

export interface FaultCase {
  name: string;
  phase: Phase;
  scenario: Scenario;
  /** undefined: the full reply arrives; otherwise the typed error code every surface reports. */
  code?: string;
  /** A stall: only a timeout (provider, gateway) or Ctrl-C (the CLI has no timeout setting) ends it. */
  stall?: boolean;
  /** The fault outlasts the surfaces' small timeouts, not the CLI's default ones. */
  slowOnly?: boolean;
}

const HTTP_ERRORS: Array<[number, string, string]> = [
  [400, 'ValidationException', 'validation'],
  [400, 'ServiceQuotaExceededException', 'throttled'],
  [403, 'AccessDeniedException', 'access_denied'],
  [404, 'ResourceNotFoundException', 'not_found'],
  [408, 'ModelTimeoutException', 'model_timeout'],
  [424, 'ModelErrorException', 'model_error'],
  [429, 'ThrottlingException', 'throttled'],
  [429, 'ModelNotReadyException', 'model_not_ready'],
  [500, 'InternalServerException', 'internal'],
  [503, 'ServiceUnavailableException', 'service_unavailable'],
];

const STREAM_EXCEPTIONS: Array<[NonNullable<Scenario['streamException']>['type'], string]> = [
  ['internalServerException', 'internal'],
  ['modelStreamErrorException', 'model_error'],
  ['validationException', 'validation'],
  ['throttlingException', 'throttled'],
  ['serviceUnavailableException', 'service_unavailable'],
];

function both(
  name: string,
  make: (afterEvents: number) => Scenario,
  code: string | undefined,
  extra: Partial<FaultCase> = {},
): FaultCase[] {
  return [
    { name, phase: 'before first token', scenario: make(BEFORE), ...(code ? { code } : {}), ...extra },
    { name, phase: 'mid-stream', scenario: make(MID), ...(code ? { code } : {}), ...extra },
  ];
}

export const FAULT_CASES: FaultCase[] = [
  // An HTTP error comes before any event: there is no mid-stream variant of it.
  ...HTTP_ERRORS.map(
    ([status, type, code]): FaultCase => ({
      name: `HTTP ${status} ${type}`,
      phase: 'before first token',
      scenario: { httpError: { status, type, message: `emulated ${type}` } },
      code,
    }),
  ),
  ...STREAM_EXCEPTIONS.flatMap(([type, code]) =>
    both(`stream exception ${type}`, (afterEvents) => ({ streamException: { type, afterEvents } }), code),
  ),
  ...both(
    'error frame',
    (afterEvents) => ({
      errorFrame: { code: 'InternalFailure', message: 'emulated error frame', afterEvents },
    }),
    'internal',
  ),
  ...both('truncated frame', (afterEvents) => ({ truncateAfterEvents: afterEvents }), 'truncated'),
  ...both('bad CRC', (afterEvents) => ({ badCrcAtEvent: afterEvents }), 'protocol'),
  ...both('stall', (afterEvents) => ({ stallAfterEvents: afterEvents }), 'timeout', { stall: true }),
  // Slow first byte: beyond the small first-event timeout a timeout; within it the full reply.
  {
    name: 'slow first byte (3 s)',
    phase: 'before first token',
    scenario: { firstByteDelayMs: 3_000 },
    code: 'timeout',
    slowOnly: true,
  },
  { name: 'slow first byte (300 ms)', phase: 'before first token', scenario: { firstByteDelayMs: 300 } },
  { name: 'slow events (100 ms apart)', phase: 'mid-stream', scenario: { eventDelayMs: 100 } },
  // Throttling for K attempts: fewer than the attempts allowed is retried away; as many is the error.
  { name: 'throttling for 2 attempts', phase: 'before first token', scenario: { throttleAttempts: 2 } },
  {
    name: 'throttling for 3 attempts',
    phase: 'before first token',
    scenario: { throttleAttempts: 3 },
    code: 'throttled',
  },
];

/** A prompt that selects the scenario (with the reply) and is unique per surface and case. */
export function promptFor(surface: string, index: number, fault: FaultCase): string {
  return `[${surface} case ${index}] tell me [[scenario:${JSON.stringify({ reply: REPLY, ...fault.scenario })}]]`;
}

/** The text a client saw must be the reply (no fault) or a prefix of it: nothing lost, nothing repeated. */
export function checkText(fault: FaultCase, text: string): string | undefined {
  const seen = text.trimEnd();
  if (!fault.code)
    return seen === REPLY ? undefined : `expected the whole reply, got ${JSON.stringify(text)}`;
  if (!REPLY.startsWith(seen)) return `text is not a prefix of the reply: ${JSON.stringify(text)}`;
  if (fault.phase === 'before first token' && seen !== '')
    return `text before the first token: ${JSON.stringify(text)}`;
  if (fault.phase === 'mid-stream' && seen === '') return 'the text sent before the fault was lost';
  return undefined;
}

/**
 * The HTTP status a gateway client must get for each code before the first token, written out here rather than
 * read from the gateway's own table. Faults that are the caller's keep Bedrock's status (400, 403, 404, 429:
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html#API_runtime_ConverseStream_Errors,
 * a ServiceQuotaExceededException is a quota, so 429); faults of the model or the wire are the gateway's upstream
 * failing (RFC 9110 15.6: 502 Bad Gateway for an invalid or failed upstream reply, 503 for an upstream not ready
 * or unavailable, 504 Gateway Timeout for an upstream that did not answer in time).
 */
export const GATEWAY_STATUS: Record<string, number> = {
  validation: 400,
  access_denied: 403,
  not_found: 404,
  throttled: 429,
  // Bedrock's InternalServerException is the upstream failing, not the gateway: 502 (500 is for gateway bugs).
  internal: 502,
  model_error: 502,
  truncated: 502,
  protocol: 502,
  model_not_ready: 503,
  service_unavailable: 503,
  model_timeout: 504,
  timeout: 504,
};

/** The expected gateway status of a failing case; a case without its code in the table is a test bug. */
export function gatewayStatus(fault: FaultCase): number {
  const status = fault.code ? GATEWAY_STATUS[fault.code] : undefined;
  if (status === undefined) throw new Error(`no expected status for ${caseLabel(fault)}`);
  return status;
}

/**
 * The error code a gateway client sees: the provider's, except that Bedrock's own internal failure is named
 * `upstream_error` so a client never mistakes it for a gateway bug.
 */
export function gatewayCode(fault: FaultCase): string | undefined {
  return fault.code === 'internal' ? 'upstream_error' : fault.code;
}

export const caseLabel = (fault: FaultCase) => `${fault.name}, ${fault.phase}`;
