/** Loose views of a Converse request: validation and repair accept JSON from anywhere. */
export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The single member of a union object (`{ text: 'hi' }` -> `'text'`), or undefined if not exactly one. */
export function unionKey(block: unknown): string | undefined {
  if (!isObject(block)) return undefined;
  let found: string | undefined;
  for (const key in block) {
    if (block[key] === undefined || key === '$unknown') continue;
    if (found !== undefined) return undefined;
    found = key;
  }
  return found;
}

export const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
export const TOOL_USE_ID = /^[a-zA-Z0-9_-]{1,64}$/;
export const IMAGE_FORMATS = new Set(['png', 'jpeg', 'gif', 'webp']);
/** Bedrock: alphanumerics, whitespace (never two in a row), hyphens, parentheses, square brackets. */
export const DOCUMENT_NAME = /^(?!.*\s\s)[a-zA-Z0-9\s\-()[\]]+$/;
export const MAX_CACHE_POINTS = 4;

export const isBlank = (text: unknown): boolean => typeof text !== 'string' || text.trim().length === 0;
