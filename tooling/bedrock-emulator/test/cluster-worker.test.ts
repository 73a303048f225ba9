// Inside a node:cluster worker (the gateway's --workers), every emulator must own its port.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

// Cluster shares a worker's n-th listen(0) handle with every other worker's n-th listen(0) unless it is exclusive,
// so the emulators of two gateway workers would answer on one port, each rejecting the other's random keys.
const script = `
import cluster from 'node:cluster';
if (cluster.isPrimary) {
  const urls = [];
  const workers = [cluster.fork(), cluster.fork()];
  for (const worker of workers) {
    worker.on('message', (url) => {
      urls.push(url);
      if (urls.length < 2) return;
      console.log(JSON.stringify(urls));
      for (const w of workers) w.send('stop');
    });
  }
} else {
  const { startEmulator } = await import(${JSON.stringify(dist)});
  const emulator = await startEmulator();
  // Both stay up until both have listened.
  process.on('message', async () => {
    await emulator.stop();
    process.disconnect();
  });
  process.send(emulator.url);
}`;

it('the emulators of two cluster workers listen on two ports', async () => {
  // A file, not -e: cluster workers re-run the primary's script.
  const dir = mkdtempSync(join(tmpdir(), 'emulator-cluster-'));
  try {
    writeFileSync(join(dir, 'run.mjs'), script);
    const { stdout } = await promisify(execFile)(process.execPath, [join(dir, 'run.mjs')]);
    const [a, b] = (JSON.parse(stdout) as string[]).map((url) => new URL(url).port);
    expect(a).toMatch(/^\d+$/);
    expect(b).not.toBe(a);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
