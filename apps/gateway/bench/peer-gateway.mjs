// Optional peer row: aws-samples/bedrock-access-gateway (Python, FastAPI + boto3), run from a checkout the caller
// provides (BENCH_PEER_GATEWAY_DIR; none of its code lives in this repository) with a Python that has its
// requirements (BENCH_PEER_PYTHON, default python3), pointed at the same emulator through boto3's standard
// AWS_ENDPOINT_URL_BEDROCK[_RUNTIME] variables. Two of its imports are stubbed, and the report says so:
//  - tiktoken: its cl100k_base file is downloaded on first use, which this machine cannot do; the peer uses it
//    only to estimate reasoning tokens and for embeddings, neither of which this benchmark exercises;
//  - mangum: the AWS Lambda adapter, imported for its Lambda handler only (not used under uvicorn).
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NOTES =
  'aws-samples/bedrock-access-gateway run locally under uvicorn (one worker) from the given checkout, ' +
  'pointed at the same emulator; its tiktoken encoder (reasoning-token estimates and embeddings only) and ' +
  "mangum (Lambda adapter) are stubbed because the encoder's data file cannot be downloaded here";

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function stubs() {
  const dir = mkdtempSync(join(tmpdir(), 'outcrop-peer-stubs-'));
  writeFileSync(
    join(dir, 'tiktoken.py'),
    [
      'class _Encoding:',
      '    def encode(self, text, **kwargs):',
      '        return list(text.encode("utf-8"))',
      '    def decode(self, tokens, **kwargs):',
      '        return bytes(tokens).decode("utf-8", "replace")',
      'def get_encoding(name):',
      '    return _Encoding()',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'mangum.py'),
    ['class Mangum:', '    def __init__(self, app, **kwargs):', '        self.app = app', ''].join('\n'),
  );
  return dir;
}

/** Starts the peer; resolves `{ skipped }` with the reason when it cannot run. */
export async function startPeerGateway({ dir, emulatorEnv, modelId, start }) {
  const src = join(dir, 'src');
  if (!existsSync(join(src, 'api', 'app.py'))) return { skipped: `no src/api/app.py under ${dir}` };
  const port = await freePort();
  const token = `peer-bench-${port}`;
  const child = start(
    ['-m', 'uvicorn', 'api.app:app', '--host', '127.0.0.1', '--port', String(port), '--log-level', 'warning'],
    {
      ...emulatorEnv,
      API_KEY: token,
      PYTHONPATH: stubs(),
      AWS_DEFAULT_REGION: emulatorEnv.AWS_REGION,
    },
    process.env.BENCH_PEER_PYTHON ?? 'python3',
    src,
  );
  const url = `http://127.0.0.1:${port}`;
  const prefix = '/api/v1';
  const deadline = Date.now() + 60_000;
  let models;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(`${url}${prefix}/models`, { headers: { authorization: `Bearer ${token}` } });
      if (res.ok) {
        models = (await res.json()).data.map((m) => m.id);
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!models) {
    child.kill('SIGTERM');
    return { skipped: 'the peer gateway did not answer /api/v1/models within 60 s (see its stderr above)' };
  }
  const base = modelId.replace(/^(us|eu|apac|global)\./, '');
  const model = models.find((id) => id === modelId) ?? models.find((id) => id.endsWith(base));
  if (!model) {
    child.kill('SIGTERM');
    return { skipped: `the peer gateway does not list ${modelId}` };
  }
  return {
    name: 'aws-samples/bedrock-access-gateway',
    url,
    prefix,
    token,
    model,
    pid: child.pid,
    notes: NOTES,
    stop: () => child.kill('SIGTERM'),
  };
}
