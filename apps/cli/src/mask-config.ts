// `config show` prints the resolved config; every value that can hold a secret is masked first: by key name, by
// header name, and by origin (any value that came from `${VAR}` substitution, whatever its key).

/** Keys whose values are secrets wherever they appear. */
const SECRET_KEYS =
  /^(apiKey|api_key|token|tokens|adminToken|secret|secretAccessKey|sessionToken|password|authorization|x-api-key)$/i;

/** Header names that suggest a credential: Proxy-Authorization, Cookie, X-Auth-Token, X-Amz-Security-Token, ... */
const SECRET_HEADER = /auth|token|secret|passw|key|cookie|credential|session|security|signature|bearer/i;

export interface MaskOptions {
  /** Config paths (as segments) whose values came from `${VAR}` substitution (`LoadedConfig.substitutedPaths`). */
  substitutedPaths?: ReadonlyArray<ReadonlyArray<string | number>>;
}

const URL_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^/@:\s]*:)([^/@\s]+)@/i;

/** Deep copy of `value` with secrets replaced by `mask(secret)`. Header names are matched case-insensitively. */
export function maskConfig(
  value: unknown,
  mask: (secret: string) => string,
  options: MaskOptions = {},
): unknown {
  const substituted = new Set((options.substitutedPaths ?? []).map((path) => JSON.stringify(path)));
  const visit = (node: unknown, path: Array<string | number>, secret: boolean): unknown => {
    if (typeof node === 'string') {
      if (secret || substituted.has(JSON.stringify(path))) return mask(node);
      // A URL may carry a password (`gateway.redis.url`: redis://user:pass@host): only that part is masked.
      return node.replace(URL_PASSWORD, (_, head: string, password: string) => `${head}${mask(password)}@`);
    }
    if (Array.isArray(node)) return node.map((item, index) => visit(item, [...path, index], secret));
    if (node && typeof node === 'object') {
      const inHeaders = path.at(-1) === 'headers';
      return Object.fromEntries(
        Object.entries(node).map(([name, inner]) => [
          name,
          visit(inner, [...path, name], SECRET_KEYS.test(name) || (inHeaders && SECRET_HEADER.test(name))),
        ]),
      );
    }
    return node;
  };
  return visit(value, [], false);
}
