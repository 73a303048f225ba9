import { createHash, randomBytes } from 'node:crypto';

/**
 * Virtual keys look like `ocp_<12 hex id>_<43 base64url secret>`. The id finds the row without a scan and names
 * the key in logs and reports; only a SHA-256 of the whole key is stored (256 random bits need no slow hash).
 */
const KEY = /^ocp_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
export const KEY_PREFIX = 'ocp_';

export function newKeyId(): string {
  return randomBytes(6).toString('hex');
}

export function newKeySecret(id: string): string {
  return `${KEY_PREFIX}${id}_${randomBytes(32).toString('base64url')}`;
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The id of a well-formed virtual key, else undefined. */
export function keyIdOf(key: string): string | undefined {
  return KEY.exec(key)?.[1];
}

export function looksLikeVirtualKey(token: string): boolean {
  return token.startsWith(KEY_PREFIX);
}
