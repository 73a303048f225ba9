import { ConverseStreamError } from './errors.js';

export interface ToolInputAccumulator {
  /** Appends one `toolUseDelta.input` chunk: O(chunk), no parsing. */
  push(chunk: string): void;
  /** The whole input so far (joined once, then cached). */
  text(): string;
  /** Parses the whole input once; an empty input is `{}`. Throws `model_error` on invalid JSON. */
  parse(): unknown;
}

/**
 * Accumulates a tool call's partial-JSON input linearly: chunks are kept as a list and joined
 * once, and JSON is parsed once at the end, never per delta.
 */
export function createToolInputAccumulator(): ToolInputAccumulator {
  let chunks: string[] = [];
  let length = 0;
  const text = (): string => {
    if (chunks.length > 1) chunks = [chunks.join('')];
    return chunks[0] ?? '';
  };
  return {
    push(chunk) {
      if (chunk.length === 0) return;
      chunks.push(chunk);
      length += chunk.length;
    },
    text,
    parse() {
      const all = text();
      if (all.trim().length === 0) return {};
      try {
        return JSON.parse(all);
      } catch (error) {
        throw new ConverseStreamError({
          code: 'model_error',
          message: `The model's tool input is not valid JSON (${length} characters): ${(error as Error).message}`,
          cause: error,
        });
      }
    },
  };
}
