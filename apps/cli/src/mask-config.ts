// `config show` prints the resolved config; every value that can hold a secret is masked first.

/** Keys whose values are secrets wherever they appear. */
const SECRET_KEYS =
  /^(apiKey|api_key|token|tokens|adminToken|secret|secretAccessKey|sessionToken|password|authorization|x-api-key)$/i;

/** A URL's password (`postgres://user:password@host/db`, gateway.database.url). */
const URL_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^/@:\s]+:)([^/@\s]+)(@)/i;

/** Deep copy of `value` with secrets replaced by `mask(secret)`. Header names are matched case-insensitively. */
export function maskConfig(value: unknown, mask: (secret: string) => string, key = ''): unknown {
  if (typeof value === 'string') {
    if (SECRET_KEYS.test(key)) return mask(value);
    return value.replace(
      URL_PASSWORD,
      (_m, head: string, secret: string, at: string) => `${head}${mask(secret)}${at}`,
    );
  }
  if (Array.isArray(value)) {
    return value.map((item) =>
      SECRET_KEYS.test(key) && typeof item === 'string' ? mask(item) : maskConfig(item, mask),
    );
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([name, inner]) => [name, maskConfig(inner, mask, name)]),
    );
  }
  return value;
}
