// Raw sockets for the hardening probes: uploads that stall after their headers, and requests with any headers.
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface StalledUpload {
  socket: Socket;
  /** Everything the server sent until the connection closed. */
  response: Promise<string>;
  /** Resolves once the server has read the headers (it answered `Expect: 100-continue`). */
  accepted: Promise<void>;
}

/** POSTs headers and 10 body bytes of a 1,000-byte body, then sends nothing more. */
export function stalledUpload(url: string, headers: Record<string, string> = {}): StalledUpload {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port) });
  const head = Object.entries({
    host: `${hostname}:${port}`,
    'content-type': 'application/json',
    'content-length': '1000',
    expect: '100-continue',
    ...headers,
  }).map(([name, value]) => `${name}: ${value}`);
  socket.write(`POST /v1/chat/completions HTTP/1.1\r\n${head.join('\r\n')}\r\n\r\n`);
  let accept!: () => void;
  const accepted = new Promise<void>((resolve) => {
    accept = resolve;
  });
  const response = new Promise<string>((resolve) => {
    let text = '';
    let continued = false;
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (!continued && text.startsWith('HTTP/1.1 100')) {
        continued = true;
        text = text.slice(text.indexOf('\r\n\r\n') + 4);
        socket.write('{"model":"');
        accept();
      }
    });
    socket.on('close', () => resolve(text));
    socket.on('error', () => {});
  });
  return { socket, response, accepted };
}

export const statusOf = (response: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with exactly these headers (Host included when given); a 30 s client safety timeout. */
export function send(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}${options.path}`,
      { method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('client safety timeout')));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Polls (bounded) until `check` holds. */
export async function eventually(check: () => boolean | Promise<boolean>, attempts = 800): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('condition never held');
}
