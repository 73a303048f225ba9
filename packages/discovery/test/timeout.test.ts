import { createServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createDiscovery } from '../src/index.js';
import { config, connectionTo, emulator } from './helpers.js';

describe('a control plane that never answers', () => {
  it('fails the listing with a typed timeout error instead of hanging', async () => {
    // A socket that accepts and stays silent: no emulator behaviour covers this.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const emu = await emulator();
      const connection = await connectionTo(emu, { AWS_ENDPOINT_URL_BEDROCK: `http://127.0.0.1:${port}` });
      const discovery = createDiscovery({ connection, config: config(), timeoutMs: 300 });
      await expect(discovery.list()).rejects.toMatchObject({
        name: 'DiscoveryError',
        code: 'network',
        operation: 'ListFoundationModels',
        message: expect.stringContaining('timed out after 300 ms'),
      });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
