import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL server on a loopback port for the tests, from Debian's `postgresql` package (which
 * `.ci/run` installs).
 */
export interface PostgresServer {
  url: string;
  stop(): Promise<void>;
}

export function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = join(root, v, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'postgres'))) return bin;
  }
  return undefined;
}

function postgresUserIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'outcrop-pg-'));
  chmodSync(dir, 0o755);
  const data = join(dir, 'data');
  // PostgreSQL refuses to run as root: as root, its processes take the postgres user's ids directly (not through
  // runuser or su, which would stand between the test and the server and not pass on the stop signal).
  const ids: { uid?: number; gid?: number } = process.getuid?.() === 0 ? postgresUserIds() : {};
  if (ids.uid !== undefined) chownSync(dir, ids.uid, ids.gid!);
  execFileSync(
    join(bin, 'initdb'),
    ['-D', data, '-U', 'outcrop', '--auth=trust', '--no-sync', '-E', 'UTF8'],
    { stdio: 'pipe', ...ids },
  );
  const port = await freePort();
  const args = ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir];
  args.push('-c', 'fsync=off', '-c', 'max_connections=200');
  const child: ChildProcess = spawn(join(bin, 'postgres'), args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    ...ids,
  });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (log.length < 20_000) log += chunk.toString();
  });
  const url = `postgres://outcrop@127.0.0.1:${port}/postgres`;
  const pg = await import('pg');
  // Bounded: 150 tries, 100 ms apart.
  for (let attempt = 0; ; attempt++) {
    const client = new pg.default.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      break;
    } catch (err) {
      await client.end().catch(() => {});
      if (attempt >= 150 || child.exitCode !== null) {
        child.kill('SIGKILL');
        throw new Error(`PostgreSQL did not start: ${(err as Error).message}\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGINT'); // fast shutdown: ends the sessions still open
        // A server that has not stopped after a generous wait is killed, so a test run can never hang on it.
        const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(kill);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
