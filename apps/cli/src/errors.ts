import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import type { Terminal } from './terminal.js';

/** An error the CLI knows how to explain: one line, a hint, an exit code. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const usageError = (message: string, hint?: string) => new CliError(message, ExitCode.usage, hint);

interface CodedError {
  code?: unknown;
  hint?: unknown;
  issues?: unknown;
  missingAction?: unknown;
  message?: unknown;
}

const credentialCodes = new Set([
  'no_credentials',
  'expired_credentials',
  'profile_not_found',
  'sso_session_expired',
  'authentication',
]);

const modelRefCodes = new Set([
  'model_ref_invalid',
  'model_ref_unknown',
  'model_ref_ambiguous',
  'unknown_model',
]);

const bedrockHints: Record<string, string> = {
  access_denied:
    'grant the IAM action Bedrock names (bedrock:InvokeModelWithResponseStream, bedrock:ListFoundationModels) and enable model access in the Bedrock console',
  throttled: 'wait and retry, or ask for a higher quota (Service Quotas > Amazon Bedrock)',
  not_found: 'run `outcrop models list` to see the models you can call',
  model_not_found: 'run `outcrop models list` to see the models you can call',
  validation: 'the request broke a Bedrock rule; the message names it',
  network: 'check the network and the endpoint (AWS_ENDPOINT_URL_BEDROCK*), then retry',
  timeout: 'the model did not answer in time; retry, or pick a faster model with -m',
  service_unavailable: 'Bedrock is unavailable right now; retry later or use another region',
  model_not_ready: 'the model is starting; retry in a few seconds',
};

function firstIssueLine(issues: unknown): string | undefined {
  if (!Array.isArray(issues) || issues.length === 0) return undefined;
  const issue = issues[0] as {
    path?: string;
    message?: string;
    file?: string;
    line?: number;
    column?: number;
  };
  const where = issue.file ? `${issue.file}${issue.line ? `:${issue.line}:${issue.column ?? 1}` : ''}: ` : '';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${where}${issue.path ? `${issue.path}: ` : ''}${issue.message ?? 'invalid'}${more}`;
}

/** Maps any thrown value onto a CliError by the stable `code` the packages put on their errors. */
export function toCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  const coded = (typeof error === 'object' && error !== null ? error : {}) as CodedError;
  const message = typeof coded.message === 'string' ? coded.message : String(error);
  const code = typeof coded.code === 'string' ? coded.code : undefined;
  const hint = typeof coded.hint === 'string' ? coded.hint : undefined;
  const options = { cause: error };

  if (code === 'config_invalid') {
    return new CliError(
      `invalid config: ${firstIssueLine(coded.issues) ?? message}`,
      ExitCode.config,
      'run `outcrop config validate` to list every problem',
      options,
    );
  }
  if (code && credentialCodes.has(code)) {
    return new CliError(
      message,
      ExitCode.credentials,
      hint ?? 'run `outcrop models status` to see where credentials were looked for',
      options,
    );
  }
  if (code && modelRefCodes.has(code)) {
    const candidates = Array.isArray((error as { candidates?: unknown }).candidates)
      ? ((error as { candidates: string[] }).candidates ?? [])
      : Array.isArray((error as { closestMatches?: unknown }).closestMatches)
        ? (error as { closestMatches: string[] }).closestMatches
        : [];
    const didYouMean =
      candidates.length > 0 && !message.includes(candidates[0]!)
        ? `did you mean ${candidates.slice(0, 3).join(', ')}? `
        : '';
    return new CliError(
      message,
      ExitCode.usage,
      `${didYouMean}run \`outcrop models list\` to see the refs you can use`,
      options,
    );
  }
  if (code === 'aborted') return new CliError('cancelled', ExitCode.interrupted, undefined, options);
  if (code && (code in bedrockHints || typeof coded.missingAction === 'string')) {
    const actionHint =
      typeof coded.missingAction === 'string' ? `grant ${coded.missingAction} to this identity` : undefined;
    return new CliError(message, ExitCode.bedrock, hint ?? actionHint ?? bedrockHints[code], options);
  }
  if (code && /^[a-z_]+$/.test(code) && !code.startsWith('ERR_')) {
    // A typed error from an Outcrop package we have no special wording for: still a Bedrock-side failure.
    return new CliError(message, ExitCode.bedrock, hint, options);
  }
  return new CliError(message, ExitCode.failure, hint ?? 'rerun with --debug for a stack trace', options);
}

/** Prints an error as one line plus a hint; the stack only with --debug. Returns the exit code. */
export function reportError(term: Terminal, error: unknown, debug: boolean | undefined): ExitCodeValue {
  const cli = toCliError(error);
  const c = term.err;
  term.note(`${c.red(c.bold('error'))}: ${oneLine(cli.message)}`);
  if (cli.hint) term.note(`${c.dim('hint')}: ${cli.hint}`);
  if (debug) {
    const original = cli.cause ?? cli;
    term.note(c.dim(original instanceof Error && original.stack ? original.stack : String(original)));
  }
  return cli.exitCode;
}

/** Errors are one line: collapse whitespace so multi-line upstream messages stay readable. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
