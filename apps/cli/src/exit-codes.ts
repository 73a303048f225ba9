/**
 * Exit codes of `outcrop`. They are part of the public surface: scripts branch on them, so a code never
 * changes meaning. Documented in `outcrop --help` and in the README.
 */
export const ExitCode = {
  ok: 0,
  /** An unexpected failure: a bug or an environment problem with no better code. */
  failure: 1,
  /** Bad arguments or flags (unknown option, missing prompt, unreadable file, unknown model ref). */
  usage: 2,
  /** The config file is missing where named, unreadable or invalid. */
  config: 3,
  /** No AWS credentials, or they are expired (also `models status --check`). */
  credentials: 4,
  /** Bedrock refused or failed the request: access denied, throttled, unknown model, network. */
  bedrock: 5,
  /** `doctor` ran and at least one check failed. */
  checkFailed: 6,
  /** Interrupted with Ctrl-C (128 + SIGINT). */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** The table printed by `outcrop --help`; keep in step with the README. */
export const exitCodeHelp: ReadonlyArray<readonly [ExitCodeValue, string]> = [
  [ExitCode.ok, 'success'],
  [ExitCode.failure, 'unexpected error (rerun with --debug for a stack trace)'],
  [ExitCode.usage, 'bad arguments or flags, or a model ref that names no model'],
  [ExitCode.config, 'config file invalid or unreadable'],
  [ExitCode.credentials, 'AWS credentials missing or expired'],
  [ExitCode.bedrock, 'Bedrock refused or failed the request (access, throttling, model error, network)'],
  [ExitCode.checkFailed, 'doctor: at least one check failed'],
  [ExitCode.interrupted, 'interrupted (Ctrl-C)'],
];
