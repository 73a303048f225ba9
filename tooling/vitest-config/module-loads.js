// Which modules does a piece of code load? Runs an ESM script in a fresh Node process with loader hooks
// that log every resolved module URL. Used to prove, for example, that an entry point loads no AWS SDK.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

const hooks = pathToFileURL(path.join(import.meta.dirname, 'load-recorder.mjs')).href;

/**
 * @param {string} script ESM source, run with `--input-type=module` from `options.cwd`
 * @param {{ cwd: string; env?: Record<string, string | undefined> }} options
 * @returns {Promise<string[]>} every module URL the script loaded, in order. Asynchronous, so a server in
 *   the calling process (the emulator) keeps answering the script.
 */
export async function modulesLoadedBy(script, options) {
  const work = await mkdtemp(path.join(tmpdir(), 'outcrop-module-loads-'));
  try {
    const logFile = path.join(work, 'loads.log');
    const register = `import { register } from 'node:module'; register(${JSON.stringify(hooks)}, { data: { logFile: ${JSON.stringify(logFile)} } });`;
    await run(
      process.execPath,
      [
        '--import',
        `data:text/javascript,${encodeURIComponent(register)}`,
        '--input-type=module',
        '-e',
        script,
      ],
      {
        cwd: options.cwd,
        // A safety net, not a bound: loading the AWS SDK with every load recorded took over 15 s at load 49.
        timeout: 45_000,
        env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', ...options.env },
      },
    );
    return (await readFile(logFile, 'utf8')).split('\n').filter(Boolean);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** A module of the AWS SDK or its Smithy/crypto runtime. */
export const isAwsModule = (url) => /\/(@aws-sdk|@smithy|@aws-crypto)\//.test(url);
