// No container engine or cluster runs here, so the deployment files are checked for what can be checked:
// they parse, they agree with each other and with the config, and the image starts the gateway the way the
// gateway's own tests start it, with probes that really answer.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '@outcrop/config-schema';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { redisServerMissing, startRedisServer } from '../../../apps/gateway/test/redis-server.js';
// The gateway's own test servers (real PostgreSQL and redis-server binaries on loopback ports).
import { findPostgresBin, startPostgres } from '../../../apps/gateway/test/teams/postgres-server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const deployDir = path.join(root, 'deploy');
const read = (file: string) => fs.readFileSync(path.join(deployDir, file), 'utf8');

interface Probe {
  httpGet: { path: string };
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}
interface Container {
  env: EnvVar[];
  ports: Array<{ containerPort: number }>;
  readinessProbe: Probe;
  livenessProbe: Probe;
}
/** The fields of the manifests this file checks (one loose shape for every kind). */
interface K8sDoc {
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  spec: {
    replicas?: number;
    minAvailable?: number;
    minReplicas?: number;
    scaleTargetRef?: { kind: string; name: string };
    metrics?: Array<{ resource: { name: string } }>;
    template: {
      spec: {
        terminationGracePeriodSeconds: number;
        securityContext: { runAsNonRoot: boolean };
        containers: Container[];
      };
    };
  };
}
interface ComposeService {
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  stop_grace_period?: string;
}
const k8sDocs: K8sDoc[] = fs
  .readdirSync(path.join(deployDir, 'k8s'))
  .filter((file) => file.endsWith('.yaml'))
  .flatMap((file) =>
    parseAllDocuments(read(`k8s/${file}`)).map((doc) => {
      expect(doc.errors, file).toEqual([]);
      return doc.toJS() as K8sDoc;
    }),
  );
const ofKind = (kind: string) => {
  const found = k8sDocs.filter((doc) => doc.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0] as K8sDoc;
};

/** Dockerfile instructions as [keyword, argument] pairs, with line continuations joined. */
function dockerInstructions(text: string): Array<[string, string]> {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return [keyword.toUpperCase(), rest.join(' ')];
    });
}

const containerConfigText = read('outcrop.json5');
/** The variables the config reads (`${VAR}`; `$${VAR}` is a literal). */
const configVariables = [...containerConfigText.matchAll(/(?<!\$)\$\{([A-Z_][A-Z0-9_]*)\}/g)]
  .map((m) => m[1] as string)
  .filter((name, i, all) => all.indexOf(name) === i)
  .sort();
const containerEnv = {
  AWS_REGION: 'us-east-1',
  OUTCROP_GATEWAY_TOKEN: 'deploy-check-token-5d1e',
  OUTCROP_DATABASE_URL: 'postgres://outcrop:pw@db.internal:5432/outcrop',
  OUTCROP_REDIS_URL: 'redis://redis.internal:6379',
};
const containerConfig = parseConfig(containerConfigText, {
  fileName: 'deploy/outcrop.json5',
  env: containerEnv,
});
const drainSeconds = containerConfig.gateway.limits.drainTimeoutMs / 1000;

describe('deploy/Dockerfile', () => {
  const steps = dockerInstructions(read('Dockerfile'));
  const lastFrom = steps.map(([k]) => k).lastIndexOf('FROM');
  const runtime = steps.slice(lastFrom);

  it('is multi-stage and runs as a non-root user', () => {
    expect(steps.filter(([k]) => k === 'FROM').length).toBeGreaterThanOrEqual(2);
    const user = runtime.filter(([k]) => k === 'USER').at(-1)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
  });

  it('health-checks /healthz and starts the same entry point the gateway tests start', () => {
    const healthcheck = runtime.find(([k]) => k === 'HEALTHCHECK')?.[1] ?? '';
    expect(healthcheck).toContain('/healthz');
    const cmd = JSON.parse(runtime.find(([k]) => k === 'CMD')?.[1] ?? 'null') as string[];
    expect(cmd[0]).toBe('node');
    // `pnpm deploy` copies the gateway package to WORKDIR, so the script path is relative to the package.
    const gatewayDir = path.join(root, 'apps/gateway');
    const script = path.join(gatewayDir, cmd[1] ?? '');
    expect(fs.readFileSync(path.join(gatewayDir, 'test/main.test.ts'), 'utf8')).toContain(
      `join(dirname(fileURLToPath(import.meta.url)), '..', ${path
        .relative(gatewayDir, script)
        .split(path.sep)
        .map((part) => `'${part}'`)
        .join(', ')})`,
    );
    expect(fs.existsSync(script)).toBe(true);
    // The config the image reads is the one checked below.
    expect(cmd.slice(2)).toEqual(['--config', '/etc/outcrop/outcrop.json5']);
  });
});

describe('deploy/compose.yaml', () => {
  const compose = parseYaml(read('compose.yaml')) as { services: Record<string, ComposeService> };

  it('runs the gateway beside PostgreSQL and Redis, waiting until both are healthy', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['gateway', 'postgres', 'redis']);
    const { gateway, postgres, redis } = compose.services;
    expect(gateway?.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
    expect(postgres?.healthcheck?.test).toContain('pg_isready');
    expect(redis?.healthcheck?.test).toContain('redis-cli');
    expect(gateway?.volumes).toContain('./outcrop.json5:/etc/outcrop/outcrop.json5:ro');
  });

  it("sets every variable the config reads, so the gateway uses compose's PostgreSQL and Redis", () => {
    const { gateway, postgres } = compose.services;
    const environment = gateway?.environment ?? {};
    expect(configVariables).toEqual(
      ['AWS_REGION', 'OUTCROP_DATABASE_URL', 'OUTCROP_GATEWAY_TOKEN', 'OUTCROP_REDIS_URL'].sort(),
    );
    for (const name of configVariables) expect(Object.keys(environment), name).toContain(name);
    // Compose's own interpolation: `${VAR:-default}` takes the default, `${VAR:?message}` is the caller's to set.
    const env = Object.fromEntries(
      Object.entries(environment).map(([name, value]) => [
        name,
        value.replace(/\$\{([A-Z_]+)(:-([^}]*)|:\?[^}]*)?\}/g, (_m, v: string, _d, fallback?: string) =>
          fallback !== undefined ? fallback : `compose-${v.toLowerCase()}`,
        ),
      ]),
    );
    const config = parseConfig(containerConfigText, { fileName: 'deploy/outcrop.json5', env });
    const database = new URL(config.gateway.database.url ?? '');
    expect(database.hostname).toBe('postgres'); // the service name
    expect(database.port).toBe('5432');
    const pg = postgres?.environment ?? {};
    expect([database.username, database.password, database.pathname]).toEqual([
      pg.POSTGRES_USER,
      pg.POSTGRES_PASSWORD,
      `/${pg.POSTGRES_DB}`,
    ]);
    expect(new URL(config.gateway.redis.url ?? '').hostname).toBe('redis');
  });

  it('gives the gateway longer to stop than its drain time', () => {
    const grace = compose.services.gateway?.stop_grace_period ?? '';
    expect(Number.parseInt(grace, 10)).toBeGreaterThan(drainSeconds);
  });
});

describe('deploy/k8s', () => {
  it('mounts the same config as the image and compose', () => {
    expect(ofKind('ConfigMap').data?.['outcrop.json5']?.trim()).toBe(containerConfigText.trim());
  });

  it('sets every variable the config reads, the URLs and the token from the Secret', () => {
    const container = ofKind('Deployment').spec.template.spec.containers[0] as Container;
    const env = new Map(container.env.map((e) => [e.name, e]));
    for (const name of configVariables) expect([...env.keys()], name).toContain(name);
    for (const [name, key] of [
      ['OUTCROP_GATEWAY_TOKEN', 'token'],
      ['OUTCROP_DATABASE_URL', 'database-url'],
      ['OUTCROP_REDIS_URL', 'redis-url'],
    ] as const) {
      expect(env.get(name)?.value, `${name} is a secret`).toBeUndefined();
      expect(env.get(name)?.valueFrom?.secretKeyRef, name).toEqual({ name: 'outcrop-gateway', key });
    }
  });

  it('probes readiness on /readyz and liveness on /healthz, and waits out the drain before killing', () => {
    const pod = ofKind('Deployment').spec.template.spec;
    const container = pod.containers[0] as Container;
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(drainSeconds);
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(container.ports[0]?.containerPort).toBe(containerConfig.gateway.port);
  });

  it('keeps a replica through voluntary disruptions and scales on CPU', () => {
    expect(ofKind('PodDisruptionBudget').spec.minAvailable).toBe(1);
    const hpa = ofKind('HorizontalPodAutoscaler').spec;
    expect(hpa.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'outcrop-gateway' });
    expect(hpa.metrics?.[0]?.resource.name).toBe('cpu');
    expect(hpa.minReplicas).toBe(ofKind('Deployment').spec.replicas);
  });
});

/** `INFO clients` over Redis's inline protocol: how many clients are connected. */
function redisClients(url: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write('INFO clients\r\n'));
    let reply = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      reply += chunk;
      const match = /connected_clients:(\d+)/.exec(reply);
      if (match) {
        socket.end();
        resolve(Number(match[1]));
      }
    });
    socket.on('error', reject);
  });
}

const servicesMissing =
  findPostgresBin() === undefined ? 'PostgreSQL is not installed' : redisServerMissing();

// The image's config with real PostgreSQL and Redis servers behind the two URLs (.ci/run installs both).
describe.skipIf(servicesMissing !== undefined)('the image config on a real gateway', () => {
  let child: ChildProcess | undefined;
  const stops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    child?.kill('SIGKILL');
    for (const stop of stops) await stop();
  });

  it('starts (on loopback here), answers both probe paths, and uses the PostgreSQL and Redis it is given', async () => {
    const postgres = await startPostgres();
    stops.push(() => postgres.stop());
    const redis = await startRedisServer();
    stops.push(() => redis.stop());
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'outcrop-deploy-'));
    stops.push(async () => fs.rmSync(home, { recursive: true, force: true }));
    const configPath = path.join(home, 'outcrop.json5');
    fs.writeFileSync(configPath, containerConfigText);
    const started = spawn(
      process.execPath,
      [
        path.join(root, 'apps/gateway/dist/main.js'),
        '--config',
        configPath,
        '--host',
        '127.0.0.1',
        '--port',
        '0',
      ],
      {
        env: {
          PATH: process.env.PATH,
          HOME: home,
          AWS_EC2_METADATA_DISABLED: 'true',
          LOG_LEVEL: 'warn',
          ...containerEnv,
          OUTCROP_DATABASE_URL: postgres.url,
          OUTCROP_REDIS_URL: redis.url,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child = started;
    let output = '';
    started.stdout?.on('data', (chunk) => (output += chunk));
    started.stderr?.on('data', (chunk) => (output += chunk));
    const url = await new Promise<string>((resolve, reject) => {
      const check = () => {
        // The banner's base URL (log lines also name the emulator's own URL).
        const match = /(http:\/\/127\.0\.0\.1:\d+)\/v1/.exec(output);
        if (match?.[1]) resolve(match[1]);
      };
      started.stdout?.on('data', check);
      started.on('exit', (code) => reject(new Error(`gateway exited ${code}: ${output}`)));
    });
    for (const probe of ['/healthz', '/readyz']) {
      const response = await fetch(`${url}${probe}`);
      expect(response.status, probe).toBe(200);
    }
    // The teams schema was migrated in that PostgreSQL (not in a SQLite file under HOME)...
    const psql = path.join(findPostgresBin() ?? '', 'psql');
    const versions = execFileSync(psql, [postgres.url, '-tAc', 'SELECT count(*) FROM outcrop_migrations'], {
      encoding: 'utf8',
    });
    expect(Number(versions.trim())).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(home, '.outcrop', 'outcrop.db'))).toBe(false);
    // ...and the gateway holds a connection to that Redis (ours is the other one).
    expect(await redisClients(redis.url)).toBeGreaterThanOrEqual(2);
  });
});
