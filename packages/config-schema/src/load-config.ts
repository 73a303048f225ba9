import { open, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from './config-error.js';
import type { Env } from './env-substitution.js';
import type { PathSegment } from './json5-locator.js';
import { type ParsedConfig, parseConfigWithOrigins } from './parse-config.js';
import type { OutcropConfig } from './schema.js';

export interface LoadConfigOptions {
  /** An explicit config file; it must exist. */
  path?: string;
  /** Directory searched for `outcrop.json5`; default `process.cwd()`. */
  cwd?: string;
  /** For `OUTCROP_CONFIG` and `${VAR}` substitution; default `process.env`. */
  env?: Env;
  /** For `~/.outcrop/config.json5`; default `os.homedir()`. */
  homeDir?: string;
  /**
   * Refuse a found file that is empty. For reloads of a running process: an editor or `>` that truncates before
   * writing leaves the file empty for a moment, and an empty config (every default, so no tokens) must not serve.
   */
  refuseEmpty?: boolean;
}

export type ConfigSource = 'argument' | 'OUTCROP_CONFIG' | 'cwd' | 'home' | 'none';

export interface LoadedConfig {
  config: OutcropConfig;
  /** Absolute path of the file read; absent when none was found. */
  path?: string;
  source: ConfigSource;
  /** Config paths (as segments) whose value came from `${VAR}` substitution: secrets, as far as display goes. */
  substitutedPaths: PathSegment[][];
}

/**
 * Finds and loads the config: `options.path`, then `$OUTCROP_CONFIG`, then `./outcrop.json5`, then
 * `~/.outcrop/config.json5`. No file at all is an empty config with every default; a file named explicitly
 * (argument or OUTCROP_CONFIG) that does not exist is an error.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const homeDir = options.homeDir ?? os.homedir();
  const resolve = (file: string) => path.resolve(cwd, file.replace(/^~(?=$|[/\\])/, homeDir));

  const explicit: Array<[string | undefined, ConfigSource]> = [
    [options.path, 'argument'],
    [env.OUTCROP_CONFIG, 'OUTCROP_CONFIG'],
  ];
  for (const [file, source] of explicit) {
    if (file === undefined || file === '') continue;
    const absolute = resolve(file);
    const text = await readConfigFile(absolute, displayName(absolute, cwd), true);
    if (options.refuseEmpty) refuseEmpty(text!, displayName(absolute, cwd));
    return { ...parse(text!, absolute, cwd, env), path: absolute, source };
  }
  const conventional: Array<[string, ConfigSource]> = [
    [path.join(cwd, 'outcrop.json5'), 'cwd'],
    [path.join(homeDir, '.outcrop', 'config.json5'), 'home'],
  ];
  for (const [absolute, source] of conventional) {
    const text = await readConfigFile(absolute, displayName(absolute, cwd), false);
    if (text === undefined) continue;
    if (options.refuseEmpty) refuseEmpty(text, displayName(absolute, cwd));
    return { ...parse(text, absolute, cwd, env), path: absolute, source };
  }
  return { ...parseConfigWithOrigins('', { env }), source: 'none' };
}

function refuseEmpty(text: string, file: string): void {
  if (text.trim() === '') {
    throw new ConfigError([{ path: '', message: 'config file is empty (a save in progress?)', file }]);
  }
}

function parse(text: string, absolute: string, cwd: string, env: Env): ParsedConfig {
  return parseConfigWithOrigins(text, { fileName: displayName(absolute, cwd), env });
}

/** Relative to cwd when the file is below it (short and clickable), else absolute. */
function displayName(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
}

/** No real config comes near this; a wrong path (a log, a device such as /dev/zero) must not be read whole. */
const MAX_CONFIG_BYTES = 1024 * 1024;
const NOT_A_FILE = 'config path is not a regular file';

/** Reads at most MAX_CONFIG_BYTES, in chunks, so a file without a size (a device) is bounded too. */
async function readBounded(absolute: string, file: string): Promise<string> {
  const handle = await open(absolute, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > MAX_CONFIG_BYTES) {
        throw new ConfigError([{ path: '', message: 'config file is larger than 1 MiB', file }]);
      }
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    await handle.close();
  }
}

async function readConfigFile(
  absolute: string,
  file: string,
  required: boolean,
): Promise<string | undefined> {
  try {
    const info = await stat(absolute);
    if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    // A FIFO or socket would block the read until someone writes to it.
    if (info.isFIFO() || info.isSocket()) throw new ConfigError([{ path: '', message: NOT_A_FILE, file }]);
    return await readBounded(absolute, file);
  } catch (error) {
    if (ConfigError.isInstance(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if ((code === 'ENOENT' || code === 'ENOTDIR') && !required) return undefined;
    const reason =
      code === 'ENOENT' || code === 'ENOTDIR'
        ? 'config file not found'
        : code === 'EISDIR'
          ? 'config path is a directory, not a file'
          : `cannot read config file (${code ?? String(error)})`;
    throw new ConfigError([{ path: '', message: reason, file }]);
  }
}
