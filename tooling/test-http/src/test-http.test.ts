import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, rawRequest, stalledUpload, statusOf } from './index.js';

let server: Server | undefined;

async function listen(handler: (req: IncomingMessage, res: import('node:http').ServerResponse) => void) {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

describe('rawRequest', () => {
  it('sends the method, path, headers and body given and returns status, headers and the whole body', async () => {
    const url = await listen((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      req.on('end', () => {
        res.writeHead(201, { 'x-seen': `${req.method} ${req.url} ${req.headers['x-probe']}` });
        res.write('first ');
        res.end(`and ${body}`);
      });
    });
    const reply = await rawRequest(url, {
      method: 'PUT',
      path: '/a?b=1',
      headers: { 'x-probe': 'yes' },
      body: Buffer.from('bytes'),
    });
    expect(reply).toMatchObject({ status: 201, body: 'first and bytes' });
    expect(reply.headers['x-seen']).toBe('PUT /a?b=1 yes');
  });

  it('fails with a client safety timeout when the server never answers', async () => {
    const url = await listen(() => {});
    await expect(rawRequest(url, { path: '/', timeoutMs: 200 })).rejects.toThrow('client safety timeout');
  });
});

describe('stalledUpload', () => {
  it('sends headers, then 10 body bytes after 100 Continue, and collects what the server sends', async () => {
    const seen: string[] = [];
    const url = await listen((req, res) => {
      req.once('data', (chunk: Buffer) => {
        seen.push(`${req.url} ${req.headers['content-length']} ${req.headers['x-request-id']} ${chunk}`);
        res.writeHead(408, { connection: 'close' });
        res.end();
      });
    });
    const upload = stalledUpload(url, {
      path: '/v1/messages',
      headers: { 'x-request-id': 'r1' },
      declaredBytes: 50,
    });
    await upload.accepted;
    expect(statusOf(await upload.response)).toBe(408);
    expect(seen).toEqual(['/v1/messages 50 r1 {"model":"']);
  });

  it('statusOf is 0 when the server sent nothing', () => {
    expect(statusOf('')).toBe(0);
  });
});

describe('eventually', () => {
  it('returns once the check holds', async () => {
    let calls = 0;
    await eventually(async () => ++calls === 3);
    expect(calls).toBe(3);
  });

  it('throws after the bounded number of attempts', async () => {
    let calls = 0;
    await expect(eventually(() => ++calls < 0, 4)).rejects.toThrow('condition never held');
    expect(calls).toBe(4);
  });
});
