// One TCP port serving cleartext HTTP/2 (prior knowledge, as the runtime client speaks it) and HTTP/1.1 (the
// control-plane client). The first bytes decide: the h2 preface starts with "PRI". node:http and node:http2
// read a net.Socket's native handle directly, so the sniffed bytes cannot be unshifted back; each connection
// is handed over as a JS Duplex that replays them (see bedrock-wire.md §6).
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import { Duplex } from 'node:stream';
import type { ServerReply, ServerRequest } from './http-io.js';

export type Handler = (req: ServerRequest, res: ServerReply) => void;

export interface Transport {
  port: number;
  close(): Promise<void>;
}

function bridge(sock: net.Socket, head: Buffer): Duplex {
  const duplex = new Duplex({
    read() {
      sock.resume();
    },
    write(chunk, encoding, callback) {
      sock.write(chunk, encoding, callback);
    },
    writev(chunks, callback) {
      // Hand the callback to the last write so backpressure reaches http2/http.
      sock.cork();
      chunks.forEach(({ chunk, encoding }, i) => {
        if (i === chunks.length - 1) sock.write(chunk, encoding, callback);
        else sock.write(chunk, encoding);
      });
      sock.uncork();
    },
    final(callback) {
      sock.end(callback);
    },
    destroy(error, callback) {
      sock.destroy(error ?? undefined);
      callback(error);
    },
  });
  // http/http2 call these on the socket they are given.
  const shim = duplex as Duplex & Record<string, unknown>;
  shim.remoteAddress = sock.remoteAddress;
  shim.remotePort = sock.remotePort;
  shim.localAddress = sock.localAddress;
  shim.localPort = sock.localPort;
  shim.setTimeout = (...args: Parameters<net.Socket['setTimeout']>) => {
    sock.setTimeout(...args);
    return duplex;
  };
  shim.setNoDelay = () => duplex;
  shim.setKeepAlive = () => duplex;
  sock.on('data', (chunk) => {
    if (!duplex.push(chunk)) sock.pause();
  });
  sock.on('end', () => duplex.push(null));
  sock.on('error', (error) => duplex.destroy(error));
  sock.on('close', () => duplex.destroy());
  duplex.push(head);
  return duplex;
}

export async function listen(host: string, port: number, handler: Handler): Promise<Transport> {
  const h1 = http.createServer({ keepAliveTimeout: 5000 }, handler);
  // Many concurrent streams on one session (the SDK multiplexes every call over one), each with buffered frames.
  const h2 = http2.createServer(
    { settings: { maxConcurrentStreams: 100_000 }, maxSessionMemory: 64 },
    handler,
  );
  const sessions = new Set<http2.ServerHttp2Session>();
  h2.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
    session.on('error', () => {});
  });
  h1.on('clientError', (_error, socket) => socket.destroy());

  const sockets = new Set<net.Socket>();
  const front = net.createServer((sock) => {
    sockets.add(sock);
    sock.setNoDelay(true);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => {});
    // Three bytes decide the protocol; they almost always arrive together, but wait if they do not.
    let head = Buffer.alloc(0);
    const sniff = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      if (head.length < 3) return;
      sock.off('data', sniff);
      sock.pause();
      const isH2 = head.subarray(0, 3).toString('latin1') === 'PRI';
      (isH2 ? h2 : h1).emit('connection', bridge(sock, head));
    };
    sock.on('data', sniff);
  });

  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    // Exclusive: under node:cluster (the gateway's --workers) a shared handle would put every worker's emulator
    // on one port, and each would reject the random keys of the others.
    front.listen({ port, host, exclusive: true }, () => {
      front.off('error', reject);
      resolve();
    });
  });
  const address = front.address() as net.AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    port: address.port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        front.close(() => resolve());
        for (const session of sessions) session.destroy();
        for (const sock of sockets) sock.destroy();
        h1.closeAllConnections();
      });
      return closing;
    },
  };
}
