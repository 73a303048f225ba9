import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { CommandContext } from './command-context.js';
import { CliError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import { starterConfig } from './starter-config.js';
import * as upstream from './upstream.js';

export interface ConfigInitOptions {
  output?: string;
  region?: string;
  model?: string;
  discovery: boolean;
  yes?: boolean;
  force?: boolean;
}

/** Writes a starter config: asks on a terminal (each question shows its default), takes flags otherwise. */
export async function runConfigInit(context: CommandContext, options: ConfigInitOptions): Promise<number> {
  const { resolveRegion } = await upstream.credentials();
  let answers = {
    file: path.resolve(context.cwd, options.output ?? path.join(context.homeDir, '.outcrop', 'config.json5')),
    region: options.region ?? resolveRegion({ env: context.env, homeDir: context.homeDir }).region,
    model: options.model ?? '',
    discovery: options.discovery,
  };
  const interactive = !options.yes && context.term.stdinIsTty && context.term.stderrIsTty;
  if (interactive) answers = await ask(answers);

  if (!options.force && (await exists(answers.file))) {
    throw new CliError(`${answers.file} already exists`, ExitCode.usage, 'pass --force to overwrite it');
  }
  const text = starterConfig(answers);
  // Check what we write with the real parser, so `init` can never produce a config `validate` rejects.
  const { parseConfig } = await upstream.configSchema();
  try {
    parseConfig(text, { fileName: answers.file, env: {} });
  } catch (error) {
    throw badAnswer(error, answers, interactive) ?? error;
  }
  await mkdir(path.dirname(answers.file), { recursive: true });
  await writeFile(answers.file, text, { mode: 0o600 });
  context.term.print(`Wrote ${answers.file}`);
  context.term.note(context.term.err.dim('next: `outcrop doctor` checks credentials and model access'));
  return ExitCode.ok;
}

async function ask<T extends { file: string; region: string; model: string; discovery: boolean }>(
  defaults: T,
): Promise<T> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const question = async (text: string, fallback: string) =>
      (await rl.question(`${text}${fallback ? ` (${fallback})` : ''}: `)).trim() || fallback;
    const file = await question('Config file', defaults.file);
    const region = await question('AWS region', defaults.region);
    const model = await question('Default model ref (empty: decide later)', defaults.model);
    const discovery = /^y/i.test(
      await question('Discover Bedrock models automatically? y/n', defaults.discovery ? 'y' : 'n'),
    );
    return { ...defaults, file, region, model, discovery };
  } finally {
    rl.close();
  }
}

/** Config paths the answers are written to, and the flag that sets each one. */
const ANSWER_FLAGS: Record<string, { flag: string; answer: 'region' | 'model' }> = {
  'models.providers.amazon-bedrock.region': { flag: '--region', answer: 'region' },
  'agents.defaults.model.primary': { flag: '--model', answer: 'model' },
};

/**
 * A rejected answer is a usage error naming the flag (or question) and the value given, not an "invalid
 * config": no file was written, so `config validate` would have nothing to check.
 */
function badAnswer(
  error: unknown,
  answers: { region: string; model: string },
  interactive: boolean,
): CliError | undefined {
  const issues = (error as { issues?: Array<{ path: string; message: string }> }).issues ?? [];
  const issue = issues.find((candidate) => candidate.path in ANSWER_FLAGS);
  const source = issue && ANSWER_FLAGS[issue.path];
  if (!issue || !source) return undefined;
  const value = JSON.stringify(answers[source.answer]);
  const named = interactive ? `${source.answer} ${value}` : `${source.flag} ${value}`;
  return new CliError(`${named}: ${issue.message}; nothing was written`, ExitCode.usage);
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
