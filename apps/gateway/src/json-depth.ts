// JSON from a caller is walked by many recursive functions downstream (the request schema, the mappings to the
// provider context and to Bedrock's request, the SDK's document serializer). Bounding the depth once, where the body
// is parsed, keeps every one of them far from the stack limit, so a deep tool schema is a 400 and never a 500.

export type JsonPath = Array<string | number>;

/** Far deeper than any real request (a tool schema 20 objects deep is ~45 levels), far below the stack limit. */
export const MAX_JSON_DEPTH = 128;

/** The path of the first value nested deeper than `limit`, found without recursion. */
export function pathDeeperThan(root: unknown, limit: number = MAX_JSON_DEPTH): JsonPath | undefined {
  const stack: Array<{ value: unknown; path: JsonPath }> = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (path.length > limit) return path;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
    } else {
      for (const [key, child] of Object.entries(value)) stack.push({ value: child, path: [...path, key] });
    }
  }
  return undefined;
}

/** `['tools', 0, 'function', 'parameters']` -> `tools[0].function.parameters`, as OpenAI names a `param`. */
export function formatJsonPath(path: JsonPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** The deepest nesting of `[` and `{` in JSON text (strings skipped), in one pass and without parsing. */
export function jsonTextDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/**
 * JSON the caller sends inside strings, which the request mapping parses and hands on: the `arguments` of
 * assistant tool calls. Returns the path of the first one nested deeper than `limit`.
 */
export function embeddedJsonDeeperThan(body: unknown, limit: number = MAX_JSON_DEPTH): JsonPath | undefined {
  const messages = (body as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages)) return undefined;
  for (const [i, message] of messages.entries()) {
    const calls = (message as { tool_calls?: unknown } | null)?.tool_calls;
    if (!Array.isArray(calls)) continue;
    for (const [j, call] of calls.entries()) {
      const args = (call as { function?: { arguments?: unknown } } | null)?.function?.arguments;
      if (typeof args === 'string' && jsonTextDepth(args) > limit) {
        return ['messages', i, 'tool_calls', j, 'function', 'arguments'];
      }
    }
  }
  return undefined;
}
