// The server's retry hint on a throttled call, read from the AWS SDK error kept as a cause
// (`x-amz-retry-after` in ms, `retry-after` in seconds or an HTTP date).
export function retryAfterMs(error: unknown, now: number): number | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    const headers = (e as { $response?: { headers?: Record<string, string | undefined> } }).$response
      ?.headers;
    if (headers) return fromHeaders(headers, now);
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function fromHeaders(headers: Record<string, string | undefined>, now: number): number | undefined {
  const amz = headers['x-amz-retry-after']?.trim();
  if (amz && /^\d+$/.test(amz)) return Number(amz);
  const standard = headers['retry-after']?.trim();
  if (!standard) return undefined;
  if (/^\d+(\.\d+)?$/.test(standard)) return Math.round(Number(standard) * 1000);
  const at = Date.parse(standard);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
