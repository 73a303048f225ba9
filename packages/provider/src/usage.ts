// Token usage of one call, shared by stream parts and errors (a failed call still reports what it used).

/** Cache writes and reads of one TTL, as Bedrock reports them in `usage.cacheDetails`. */
export interface CacheDetail {
  ttl: '5m' | '1h' | string;
  /** Tokens written to the cache with this TTL. */
  cacheWriteTokens: number;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** input + output + cache read + cache write, unless the provider reports its own total. */
  totalTokens: number;
  /** Cache writes per TTL, when the provider reports them (Bedrock `cacheDetails`). */
  cacheDetails?: CacheDetail[];
}
