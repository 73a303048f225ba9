import { connect, type Socket } from 'node:net';

/** An upload that sends its headers and a few body bytes, then stalls with the socket open. */
export interface StalledUpload {
  socket: Socket;
  /** Everything the server sent until it closed the connection (or the test destroyed the socket). */
  response: Promise<string>;
  /** Resolves once the server has read the headers (it answered `Expect: 100-continue`). */
  accepted: Promise<void>;
}

export interface StalledUploadOptions {
  /** Default `/v1/chat/completions`. */
  path?: string;
  /** Added to (or replacing) host, content-type, content-length and `expect: 100-continue`. */
  headers?: Record<string, string>;
  /** The content-length announced (default 1,000); only 10 bytes are ever sent. */
  declaredBytes?: number;
}

/** A POST over a raw socket: headers first, 10 body bytes once the server answers 100 Continue, then nothing. */
export function stalledUpload(url: string, options: StalledUploadOptions = {}): StalledUpload {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port) });
  const headers = {
    host: `${hostname}:${port}`,
    'content-type': 'application/json',
    'content-length': String(options.declaredBytes ?? 1_000),
    expect: '100-continue',
    ...options.headers,
  };
  const head = [
    `POST ${options.path ?? '/v1/chat/completions'} HTTP/1.1`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    '',
    '',
  ].join('\r\n');
  socket.write(head);
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

/** The status code of a raw HTTP/1.1 response text, 0 when there was none. */
export function statusOf(response: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);
}
