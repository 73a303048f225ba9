import { describe, expect, it } from 'vitest';
import { CliError, oneLine, reportError, toCliError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import { Terminal } from './terminal.js';

function capture() {
  const lines: string[] = [];
  const sink = { isTTY: false, write: (text: string) => lines.push(text) > 0 };
  return { term: new Terminal(sink, sink, {}), text: () => lines.join('') };
}

function coded(code: string, message: string, extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(message), { code, ...extra });
}

describe('toCliError', () => {
  it('maps config errors to exit 3 with the first located issue', () => {
    const error = coded('config_invalid', 'bad', {
      issues: [
        { path: 'gateway.port', message: 'expected a number', file: 'a.json5', line: 3, column: 9 },
        { path: 'x', message: 'y' },
      ],
    });
    const cli = toCliError(error);
    expect(cli.exitCode).toBe(ExitCode.config);
    expect(cli.message).toBe('invalid config: a.json5:3:9: gateway.port: expected a number (and 1 more)');
  });

  it('maps credential errors to exit 4 and keeps their hint', () => {
    const cli = toCliError(coded('expired_credentials', 'The session expired', { hint: 'aws sso login' }));
    expect(cli.exitCode).toBe(ExitCode.credentials);
    expect(cli.hint).toBe('aws sso login');
  });

  it('maps Bedrock-side codes to exit 5 with a hint', () => {
    const denied = toCliError(
      coded('access_denied', 'denied', { missingAction: 'bedrock:ListInferenceProfiles' }),
    );
    expect(denied.exitCode).toBe(ExitCode.bedrock);
    expect(denied.hint).toContain('bedrock:ListInferenceProfiles');
    expect(toCliError(coded('throttled', 'slow down')).hint).toMatch(/quota/);
  });

  it('maps aborted to 130 and anything else to 1', () => {
    expect(toCliError(coded('aborted', 'x')).exitCode).toBe(ExitCode.interrupted);
    expect(toCliError(new TypeError('boom')).exitCode).toBe(ExitCode.failure);
    expect(toCliError('a string').message).toBe('a string');
  });

  it('keeps a CliError as it is', () => {
    const error = new CliError('no prompt', ExitCode.usage, 'pass one');
    expect(toCliError(error)).toBe(error);
  });
});

describe('reportError', () => {
  it('prints one line and a hint, no stack unless --debug', () => {
    const { term, text } = capture();
    const code = reportError(term, new CliError('line one\n  line two', ExitCode.usage, 'do this'), false);
    expect(code).toBe(ExitCode.usage);
    expect(text()).toBe('error: line one line two\nhint: do this\n');
  });

  it('prints the stack with --debug', () => {
    const { term, text } = capture();
    reportError(term, new TypeError('boom'), true);
    expect(text()).toContain('TypeError: boom\n    at ');
  });
});

describe('oneLine', () => {
  it('collapses newlines', () => expect(oneLine(' a\n\n b ')).toBe('a b'));
});
