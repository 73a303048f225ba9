// `${VAR}` in any string value is replaced by the environment variable VAR (names `[A-Z_][A-Z0-9_]*`, as in
// Clawdbot); `$${VAR}` is the escape for a literal `${VAR}`. Keys are never substituted, and substituted text
// is not scanned again. A missing or empty variable is an error: a silent "" would send an empty API key.
import type { PathSegment } from './json5-locator.js';

export type Env = Record<string, string | undefined>;

export interface EnvProblem {
  path: PathSegment[];
  variable: string;
  message: string;
}

const REFERENCE = /(\$?)\$\{([A-Z_][A-Z0-9_]*)\}/g;

export interface Substitution {
  value: unknown;
  problems: EnvProblem[];
  /** Paths of the strings that took at least one value from the environment (`config show` masks them). */
  substituted: PathSegment[][];
}

export function substituteEnv(value: unknown, env: Env): Substitution {
  const problems: EnvProblem[] = [];
  const substituted: PathSegment[][] = [];
  const visit = (node: unknown, path: PathSegment[]): unknown => {
    if (typeof node === 'string') {
      const before = problems.length;
      const out = substituteString(node, env, path, problems);
      if (out.replaced && problems.length === before) substituted.push(path);
      return out.text;
    }
    if (Array.isArray(node)) return node.map((item, index) => visit(item, [...path, index]));
    if (node !== null && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) {
        // defineProperty: a "__proto__" key stays a plain (and then rejected) key, never a prototype
        const value = visit(child, [...path, key]);
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return node;
  };
  return { value: visit(value, []), problems, substituted };
}

function substituteString(
  text: string,
  env: Env,
  path: PathSegment[],
  problems: EnvProblem[],
): { text: string; replaced: boolean } {
  let replaced = false;
  const out = text.replace(REFERENCE, (match, dollar: string, variable: string) => {
    if (dollar) return match.slice(1); // `$${VAR}` is a literal `${VAR}`
    const resolved = env[variable];
    if (resolved !== undefined && resolved !== '') {
      replaced = true;
      return resolved;
    }
    problems.push({
      path,
      variable,
      message: `environment variable ${variable} is ${resolved === undefined ? 'not set' : 'empty'}`,
    });
    return match;
  });
  return { text: out, replaced };
}
