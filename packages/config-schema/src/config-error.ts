import type { PathSegment } from './json5-locator.js';

export interface ConfigIssue {
  /** Config path such as `models.providers.amazon-bedrock.models[0].contextWindow`; '' for the whole file. */
  path: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

const CONFIG_ERROR = Symbol.for('outcrop.config-schema.ConfigError');

/** A config that cannot be used. `issues` lists every problem found, not only the first. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'config_invalid' as const;
  readonly [CONFIG_ERROR] = true;

  constructor(readonly issues: ConfigIssue[]) {
    super(issues.map(formatIssue).join('\n'));
  }

  /** One line per issue: `path: message (file:line:column)`. */
  format(): string {
    return this.issues.map(formatIssue).join('\n');
  }

  /** True for a ConfigError from any copy of this package. */
  static isInstance(value: unknown): value is ConfigError {
    return typeof value === 'object' && value !== null && CONFIG_ERROR in value;
  }
}

export function formatIssue(issue: ConfigIssue): string {
  const where = [issue.file, issue.line, issue.column].filter((part) => part !== undefined).join(':');
  return `${issue.path ? `${issue.path}: ` : ''}${issue.message}${where ? ` (${where})` : ''}`;
}

/** `['models', 'providers', 'amazon-bedrock', 'models', 0]` -> `models.providers.amazon-bedrock.models[0]`. */
export function formatConfigPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
