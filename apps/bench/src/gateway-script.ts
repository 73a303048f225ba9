// Runs one of the gateway's bench scripts (apps/gateway/bench/*.mjs) as a child process and reads the JSON report
// it writes to bench-results/; a script that fails becomes one figure saying why instead of a report.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Figure } from './results.js';
import { runNode } from './spawn-node.js';
import { packageDir } from './workspace.js';

export interface GatewayScript {
  /** The script's file in apps/gateway/bench. */
  script: string;
  /** The file it writes in bench-results. */
  report: string;
  /** The figures' section, and the name of the figure that says the script failed. */
  group: string;
  name: string;
  killAfterMs: number;
}

export async function runGatewayScript<T>(
  spec: GatewayScript,
  options: { quick: boolean; log: (line: string) => void },
): Promise<{ report: T } | { failed: Figure }> {
  const dir = packageDir('@outcrop/gateway');
  const env = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
  const run = await runNode([path.join(dir, 'bench', spec.script), ...(options.quick ? ['--quick'] : [])], {
    env,
    cwd: dir,
    killAfterMs: spec.killAfterMs,
  });
  for (const line of run.stdout.trim().split('\n')) options.log(`  ${line}`);
  if (run.code !== 0) {
    const reason = (run.stderr.trim().split('\n').at(-1) ?? `exit ${run.code}`).slice(0, 200);
    const note = `the harness failed: ${reason}`;
    return { failed: { group: spec.group, name: spec.name, value: undefined, unit: '', note } };
  }
  const file = path.join(dir, '..', '..', 'bench-results', spec.report);
  return { report: JSON.parse(readFileSync(file, 'utf8')) as T };
}
