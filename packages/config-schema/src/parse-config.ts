import JSON5 from 'json5';
import { ConfigError, type ConfigIssue, formatConfigPath } from './config-error.js';
import { type Env, substituteEnv } from './env-substitution.js';
import {
  indexJson5,
  isBlankJson5,
  type Json5Document,
  locatePath,
  type PathSegment,
} from './json5-locator.js';
import { type OutcropConfig, outcropConfigSchema } from './schema.js';
import { translateIssues } from './zod-issues.js';

export interface ParseConfigOptions {
  /** Shown in issue locations, e.g. `outcrop.json5` -> `(outcrop.json5:14:25)`. */
  fileName?: string;
  /** For `${VAR}` substitution; default `process.env`. */
  env?: Env;
}

/** Deeper than any valid config; stops pathological input before the recursive steps below. */
const MAX_DEPTH = 64;

/**
 * Parses JSON5 config text, substitutes `${VAR}`s and validates it. Throws a ConfigError that lists every
 * problem with its config path and file:line:column. Text with nothing but whitespace and comments is an
 * empty config.
 */
export function parseConfig(text: string, options: ParseConfigOptions = {}): OutcropConfig {
  return parseConfigWithOrigins(text, options).config;
}

/** A parsed config and where its values came from. */
export interface ParsedConfig {
  config: OutcropConfig;
  /** Config paths (as segments) whose string value took text from a `${VAR}` substitution. */
  substitutedPaths: PathSegment[][];
}

/** `parseConfig`, also reporting which values came from the environment (to mask them when shown). */
export function parseConfigWithOrigins(text: string, options: ParseConfigOptions = {}): ParsedConfig {
  const { fileName, env = process.env } = options;
  let parsed: unknown = {};
  if (!isBlankJson5(text)) {
    try {
      parsed = JSON5.parse(text);
    } catch (error) {
      throw new ConfigError([syntaxIssue(error, text, fileName)]);
    }
  }
  const tooDeep = pathDeeperThan(parsed, MAX_DEPTH);
  if (tooDeep) {
    const message = `nested deeper than ${MAX_DEPTH} levels`;
    throw new ConfigError([
      { path: formatConfigPath(tooDeep), message, ...(fileName ? { file: fileName } : {}) },
    ]);
  }
  const substituted = substituteEnv(parsed, env);
  const result = outcropConfigSchema.safeParse(substituted.value);
  if (result.success && substituted.problems.length === 0) {
    return { config: result.data, substitutedPaths: substituted.substituted };
  }

  // Only a failed load pays for the position map.
  const document = indexJson5(text);
  const located: Array<ConfigIssue & { offset?: number }> = [];
  const report = (path: PathSegment[], message: string, offset: number | undefined) =>
    located.push({ path: formatConfigPath(path), message, ...where(document, offset, fileName) });
  for (const problem of substituted.problems) {
    report(problem.path, problem.message, referenceOffset(document, problem.path, problem.variable));
  }
  // A value whose variable is missing still holds `${VAR}`: checks of that text would only repeat the problem.
  const unresolved = new Set(substituted.problems.map((problem) => formatConfigPath(problem.path)));
  for (const issue of result.success ? [] : translateIssues(result.error.issues, outcropConfigSchema)) {
    if (unresolved.has(formatConfigPath(issue.path))) continue;
    const found = locatePath(document.root, issue.path);
    const offset =
      issue.target === 'key' && found?.exact ? (found.keyStart ?? found.value.start) : found?.value.start;
    report(issue.path, issue.message, offset);
  }
  // In file order, so the list reads top to bottom like the file.
  located.sort((a, b) => (a.offset ?? Number.MAX_SAFE_INTEGER) - (b.offset ?? Number.MAX_SAFE_INTEGER));
  throw new ConfigError(located.map(({ offset: _offset, ...issue }) => issue));
}

/** The path of the first value nested deeper than `limit`, found without recursion. */
function pathDeeperThan(root: unknown, limit: number): PathSegment[] | undefined {
  const stack: Array<{ value: unknown; path: PathSegment[] }> = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (path.length > limit) return path;
    if (value === null || typeof value !== 'object') continue;
    const entries = Array.isArray(value)
      ? value.map((item, index) => [index, item] as const)
      : Object.entries(value);
    for (const [key, child] of entries) stack.push({ value: child, path: [...path, key] });
  }
  return undefined;
}

function where(document: Json5Document, offset: number | undefined, file: string | undefined) {
  const position = offset === undefined ? undefined : document.position(offset);
  return {
    ...(file === undefined ? {} : { file }),
    ...(position ? { line: position.line, column: position.column, offset } : {}),
  };
}

/** Offset of `${VARIABLE}` inside the string at `path`, or of the string when escapes make that uncertain. */
function referenceOffset(document: Json5Document, path: PathSegment[], variable: string): number | undefined {
  const found = locatePath(document.root, path);
  if (!found?.exact) return found?.value.start;
  const raw = document.text.slice(found.value.start, found.value.end);
  const match = new RegExp(`(^|[^$])\\$\\{${variable}\\}`).exec(raw);
  if (!match || raw.slice(0, match.index).includes('\\')) return found.value.start;
  return found.value.start + match.index + match[1]!.length;
}

/** json5 says `JSON5: invalid character 'x' at 2:6`; keep the words, move the place into the location. */
function syntaxIssue(error: unknown, text: string, file: string | undefined): ConfigIssue {
  const details = error as { message?: string; lineNumber?: number; columnNumber?: number };
  const words = String(details.message ?? error)
    .replace(/^JSON5: /, '')
    .replace(/ at \d+:\d+$/, '')
    .replace("'\\n'", 'line break (unterminated string?)');
  let line = details.lineNumber;
  let column = details.columnNumber;
  if (line !== undefined && column === 0 && line > 1) {
    // json5 reports a bad line break as column 0 of the next line; point at the end of the line it ends.
    line -= 1;
    column = (text.split('\n')[line - 1]?.length ?? 0) + 1;
  }
  return {
    path: '',
    message: `invalid JSON5: ${words}`,
    ...(file === undefined ? {} : { file }),
    ...(line === undefined || column === undefined ? {} : { line, column }),
  };
}
