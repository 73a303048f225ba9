import { type Agent, type IncomingHttpHeaders, request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RawRequestOptions {
  method?: string;
  path: string;
  /** Sent exactly as given: no defaults are added beyond what node:http itself sends. */
  headers?: Record<string, string>;
  body?: string | Buffer;
  agent?: Agent;
  /** The client's safety net against a hung server (default 30 s): a failed test, not a hung run. */
  timeoutMs?: number;
}

/** One request through node:http (so a test controls sockets and headers); the whole response body as text. */
export function rawRequest(url: string, options: RawRequestOptions): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${options.path}`,
      {
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
        ...(options.agent ? { agent: options.agent } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(options.timeoutMs ?? 30_000, () => req.destroy(new Error('client safety timeout')));
    req.on('error', reject);
    req.end(options.body);
  });
}
