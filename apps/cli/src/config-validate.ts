import type { CommandContext } from './command-context.js';
import { ExitCode } from './exit-codes.js';
import * as upstream from './upstream.js';

interface Issue {
  path: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** Validates the config and lists every problem, each located as file:line:column and config path. */
export async function runConfigValidate(
  context: CommandContext,
  options: { json?: boolean },
  file?: string,
): Promise<number> {
  const { loadConfig, ConfigError } = await upstream.configSchema();
  const { term } = context;
  try {
    const loaded = await loadConfig({
      path: file ?? context.globals.config,
      cwd: context.cwd,
      env: context.env,
      homeDir: context.homeDir,
    });
    // An `api` no provider implements would only fail on the first request: name it here, as start-up does.
    const { unknownApiIssues, BEDROCK_CONVERSE_STREAM_API } = await upstream.provider();
    const apiIssues = unknownApiIssues(loaded.config, [BEDROCK_CONVERSE_STREAM_API], loaded.path);
    if (apiIssues.length > 0) throw new ConfigError(apiIssues);
    if (options.json) {
      term.json({ valid: true, path: loaded.path ?? null, source: loaded.source, issues: [] });
    } else if (loaded.path) {
      term.print(`${term.out.green('✓')} ${loaded.path} is valid`);
    } else {
      term.print('No config file found (./outcrop.json5, ~/.outcrop/config.json5): the defaults apply.');
      term.note(term.err.dim('hint: `outcrop config init` writes a starter config'));
    }
    return ExitCode.ok;
  } catch (error) {
    if (!ConfigError.isInstance(error)) throw error;
    const issues: Issue[] = error.issues;
    if (options.json) {
      term.json({ valid: false, path: issues[0]?.file ?? file ?? null, issues });
    } else {
      const c = term.out;
      term.print(`${c.red('✗')} ${issues.length} problem${issues.length === 1 ? '' : 's'}:`);
      for (const issue of issues) {
        const where = issue.file
          ? `${issue.file}${issue.line ? `:${issue.line}:${issue.column ?? 1}` : ''}`
          : '';
        term.print(
          `  ${c.cyan(where)}${where ? '  ' : ''}${issue.path ? `${c.bold(issue.path)}: ` : ''}${issue.message}`,
        );
      }
    }
    return ExitCode.config;
  }
}
