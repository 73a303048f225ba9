import os from 'node:os';
import type { CommandContext, GlobalOptions } from './command-context.js';
import { Command, InvalidArgumentError, Option } from './commander.js';
import { environmentText, examples, exitCodesText } from './help-text.js';
import { Terminal } from './terminal.js';

// Every command's implementation is imported only when that command runs, so `outcrop --help` loads
// commander and nothing else (no AWS SDK, no zod, no emulator). `pnpm --filter @outcrop/cli bench` measures it.
type Runner = (context: CommandContext, options: never, ...args: never[]) => Promise<number | undefined>;
type Loader = () => Promise<Runner>;

const REASONING_LEVELS = ['off', 'minimal', 'low', 'medium', 'high', 'max'];

/** Parses a whole number in [min, max] or rejects the flag as a usage error (exit 2). */
function integer(min: number, max: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!/^\d+$/.test(value.trim()) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    }
    return parsed;
  };
}

/** Repeatable options (`--image a.png --image b.png`) without swallowing the prompt after them. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function contextFor(command: Command): CommandContext {
  const globals = command.optsWithGlobals() as GlobalOptions;
  return {
    term: new Terminal(process.stdout, process.stderr, process.env, globals.color),
    globals,
    env: process.env,
    homeDir: process.env.HOME || os.homedir(),
    cwd: process.cwd(),
  };
}

/** Wraps a lazily loaded runner as a commander action; the exit code travels back through `state`. */
function lazy(state: { exitCode: number }, load: Loader) {
  return async (...params: unknown[]) => {
    const command = params[params.length - 1] as Command;
    const options = params[params.length - 2] as never;
    const args = params.slice(0, -2) as never[];
    const run = await load();
    state.exitCode = (await run(contextFor(command), options, ...args)) ?? 0;
  };
}

export function buildProgram(version: string, state: { exitCode: number }): Command {
  const errorColors = new Terminal(
    process.stdout,
    process.stderr,
    process.env,
    !process.argv.includes('--no-color'),
  ).err;
  const program = new Command('outcrop')
    .description('List, check and chat with Amazon Bedrock models.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help (every command has examples)')
    .option(
      '-c, --config <path>',
      'config file (default: $OUTCROP_CONFIG, ./outcrop.json5, ~/.outcrop/config.json5)',
    )
    .option('--debug', 'print stack traces and request ids on errors')
    .option('--no-color', 'no colour (also NO_COLOR=1)')
    .option('--no-emulator', 'fail when AWS credentials are missing instead of using the embedded emulator')
    .showHelpAfterError('hint: add --help to see usage and examples')
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true })
    .exitOverride()
    .configureOutput({
      // Commander's own usage errors get the same red "error:" as ours.
      outputError: (text, write) =>
        write(text.replace(/^error:/, errorColors.red(errorColors.bold('error')) + ':')),
    })
    .addHelpText(
      'after',
      examples(
        ['outcrop models list', 'the models you can call, with limits and how they are invoked'],
        ['outcrop models status', 'where credentials and region come from'],
        ['outcrop chat "hello"', 'stream a reply from the default model'],
        ['outcrop doctor', 'check credentials, region, permissions and model access'],
        ['outcrop gateway', 'serve Bedrock over the OpenAI Chat Completions API'],
      ) +
        exitCodesText +
        environmentText,
    );

  const models = program
    .command('models')
    .description('list the models you can call, show credentials, refresh discovery')
    .addHelpText(
      'after',
      examples(
        ['outcrop models list', 'table of models'],
        ['outcrop models status --check', 'fail if no credentials'],
      ),
    );

  models
    .command('list', { isDefault: true })
    .description(
      'list callable models: input, context window, max output, reasoning, invocation, tags; then embedding models',
    )
    .addOption(new Option('--json', 'machine-readable output on stdout').conflicts('plain'))
    .option('--plain', 'one model ref per line')
    .option('--provider <id>', 'only models of this provider (e.g. anthropic, amazon, meta)')
    .addOption(
      new Option('--kind <kind>', 'only chat models or only embedding models').choices(['chat', 'embedding']),
    )
    .option(
      '--all',
      'every way to invoke each model (bare id and each inference profile), not one row per model',
    )
    .option('--refresh', 'ignore the discovery cache and list again')
    // `list` is the default, so `outcrop models bogus` arrives here as `list bogus`: call it what it is.
    .allowExcessArguments(true)
    .hook('preAction', (command) => {
      if (command.args.length > 0) {
        command.error(
          `error: unknown command 'models ${command.args[0]}' (models has: list, status, refresh)`,
          {
            code: 'commander.unknownCommand',
          },
        );
      }
    })
    .addHelpText(
      'after',
      examples(
        ['outcrop models list', 'a table; a second run is served from ~/.outcrop/cache'],
        ['outcrop models list --provider anthropic', 'only Anthropic models'],
        ['outcrop models list --json | jq ".models[].ref"', 'refs for a script'],
        ['outcrop models list --plain', 'one ref per line'],
        ['outcrop models list --kind embedding', 'only the embedding models (dimensions, texts per call)'],
      ),
    )
    .action(lazy(state, async () => (await import('./models-list.js')).runModelsList as Runner));

  models
    .command('status')
    .description('credential source, region, caller identity, discovery cache, default model and fallbacks')
    .option('--json', 'machine-readable output on stdout')
    .option('--check', `exit 4 when credentials are missing or expired`)
    .addHelpText(
      'after',
      examples(
        ['outcrop models status', 'a readable summary'],
        ['outcrop models status --check && deploy', 'gate a script on working credentials'],
        ['outcrop models status --json', 'the same, as JSON'],
      ),
    )
    .action(lazy(state, async () => (await import('./models-status.js')).runModelsStatus as Runner));

  models
    .command('refresh')
    .description('list models from Bedrock again and rewrite the discovery cache')
    .option('--json', 'machine-readable output on stdout')
    .addHelpText('after', examples(['outcrop models refresh', 'after enabling model access in the console']))
    .action(lazy(state, async () => (await import('./models-refresh.js')).runModelsRefresh as Runner));

  program
    .command('chat')
    .description('stream a reply; a REPL when no prompt is given on a terminal; reads stdin when piped')
    .argument(
      '[prompt...]',
      'the message (else stdin when piped, else a REPL); a shell pipe or file on stdin is appended',
    )
    .option(
      '-m, --model <ref>',
      'model ref, e.g. amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    )
    .option('-s, --system <text>', 'system prompt')
    .addOption(new Option('-r, --reasoning <level>', 'reasoning effort').choices(REASONING_LEVELS))
    .option('-i, --image <file>', 'attach an image (png, jpeg, gif, webp); repeatable', collect, [])
    .option('--max-tokens <n>', 'cap the reply length', integer(1, 1_000_000))
    .option('--json', 'print one JSON object with text, reasoning, usage and cost instead of streaming')
    .option('--hide-reasoning', 'do not show the model reasoning')
    .addHelpText(
      'after',
      examples(
        ['outcrop chat "Explain SigV4 in one line"', 'stream a reply'],
        ['outcrop chat -m amazon-bedrock/amazon.nova-lite-v1:0 "hi"', 'pick a model'],
        ['git diff | outcrop chat -s "Review this diff"', 'prompt from stdin'],
        ['outcrop chat --image chart.png "What does this show?"', 'attach an image'],
        ['outcrop chat', 'a REPL (/exit or Ctrl-D to leave, Ctrl-C cancels a reply)'],
      ),
    )
    .action(lazy(state, async () => (await import('./chat.js')).runChat as Runner));

  const config = program
    .command('config')
    .description('validate, show, print the schema of, or create the config file')
    .addHelpText('after', examples(['outcrop config validate', 'check the config file']));

  config
    .command('validate')
    .description('validate the config file; errors name the file, line, column and key')
    .argument('[file]', 'file to validate (default: the config Outcrop would load)')
    .option('--json', 'machine-readable output on stdout')
    .addHelpText(
      'after',
      examples(
        ['outcrop config validate', 'the active config'],
        ['outcrop config validate ./outcrop.json5', 'a file'],
      ),
    )
    .action(lazy(state, async () => (await import('./config-validate.js')).runConfigValidate as Runner));

  config
    .command('show')
    .description('print the resolved config (defaults applied, secrets masked)')
    .option('--json', 'JSON only, without the header naming the file')
    .addHelpText('after', examples(['outcrop config show', 'what Outcrop will use']))
    .action(lazy(state, async () => (await import('./config-show.js')).runConfigShow as Runner));

  config
    .command('schema')
    .description('print the JSON Schema of the config (for editors: "$schema")')
    .addHelpText('after', examples(['outcrop config schema > outcrop.schema.json', 'save it for an editor']))
    .action(lazy(state, async () => (await import('./config-schema.js')).runConfigSchema as Runner));

  config
    .command('init')
    .description('write a starter config; asks on a terminal, uses the flags otherwise')
    .option('-o, --output <file>', 'where to write (default: ~/.outcrop/config.json5)')
    .option('--region <region>', 'AWS region for discovery and requests')
    .option('--model <ref>', 'default model ref')
    .option('--no-discovery', 'turn Bedrock model discovery off')
    .option('-y, --yes', 'do not ask; take flags and defaults')
    .option('-f, --force', 'overwrite an existing file')
    .addHelpText(
      'after',
      examples(
        ['outcrop config init', 'answer a few questions'],
        ['outcrop config init -y --region eu-west-1 -o ./outcrop.json5', 'no questions'],
      ),
    )
    .action(lazy(state, async () => (await import('./config-init.js')).runConfigInit as Runner));

  program
    .command('doctor')
    .description('check credentials, region, listing permission and access to the default model, with fixes')
    .option('--json', 'machine-readable output on stdout')
    .option('-m, --model <ref>', 'probe this model instead of the default')
    .addHelpText(
      'after',
      examples(
        ['outcrop doctor', 'run every check'],
        ['outcrop doctor --json', 'for CI: exit 6 if a check fails'],
      ),
    )
    .action(lazy(state, async () => (await import('./doctor.js')).runDoctor as Runner));

  program
    .command('gateway')
    .description('serve Bedrock models over the OpenAI Chat Completions API (emulator when no credentials)')
    .option('--host <host>', 'address to bind (default from config: 127.0.0.1)')
    .option('-p, --port <port>', 'port (default from config: 4141; 0: any free port)', integer(0, 65_535))
    .addHelpText(
      'after',
      examples(['outcrop gateway', 'start on 127.0.0.1:4141'], ['outcrop gateway -p 8080', 'another port']),
    )
    .action(lazy(state, async () => (await import('./gateway.js')).runGateway as Runner));

  program
    .command('emulator')
    .description('start the local Bedrock emulator and print the env that points the AWS SDK at it')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('-p, --port <port>', 'port (default: any free port)', integer(0, 65_535))
    .option('--region <region>', 'region of the printed env', 'us-east-1')
    .option('--json', 'print the env as one JSON object')
    .addHelpText(
      'after',
      examples(
        ['outcrop emulator', 'print export lines, keep serving until Ctrl-C'],
        ['outcrop emulator -p 4000 --json', 'fixed port, env as JSON'],
      ),
    )
    .action(lazy(state, async () => (await import('./emulator.js')).runEmulator as Runner));

  const keys = program
    .command('keys')
    .description('virtual keys for the gateway: budgets, model lists, rate limits and tags')
    .addHelpText(
      'after',
      examples(
        [
          'outcrop keys create --name alice --budget 50usd/month --models sonnet,nova --rpm 60 --tpm 200000 --tag team=x',
          'a budgeted key, printed once',
        ],
        ['outcrop keys list', 'every key with its status and budgets'],
      ),
    );
  const keysRunner = (name: string) =>
    lazy(state, async () => (await import('./keys/keys-command.js'))[name as 'runKeysList'] as Runner);
  keys
    .command('create')
    .description('create a key; it is printed once and only its hash is stored')
    .requiredOption('--name <name>', 'a unique name (shown in reports)')
    .option(
      '--budget <budget>',
      'e.g. 50usd/month, 200000tokens/day, 10usd (in total); repeatable',
      collect,
      [],
    )
    .option('--models <patterns>', 'comma-separated models the key may call (a part of the id: sonnet,nova)')
    .option('--rpm <n>', 'requests per minute', integer(1, 1_000_000_000))
    .option('--tpm <n>', 'tokens per minute', integer(1, 1_000_000_000_000))
    .option('--tag <name=value>', 'a tag reports group by and tag budgets apply to; repeatable', collect, [])
    .option('--expires <when>', 'expiry: 12h, 30d, 2w or a date')
    .option('--json', 'machine-readable output on stdout (includes the key)')
    .action(keysRunner('runKeysCreate'));
  keys
    .command('list')
    .description('list keys with status, limits and budget use')
    .option('--json', 'machine-readable output on stdout')
    .action(keysRunner('runKeysList'));
  keys
    .command('show')
    .description('one key by id or name')
    .argument('<key>', 'id or name')
    .option('--json', 'machine-readable output on stdout')
    .action(keysRunner('runKeysShow'));
  keys
    .command('rotate')
    .description('a new secret for the key (printed once); the old one stops working')
    .argument('<key>', 'id or name')
    .option('--json', 'machine-readable output on stdout (includes the key)')
    .action(keysRunner('runKeysRotate'));
  keys
    .command('revoke')
    .description('revoke a key for good')
    .argument('<key>', 'id or name')
    .action(keysRunner('runKeysRevoke'));
  keys
    .command('expire')
    .description('expire a key now, or at --at')
    .argument('<key>', 'id or name')
    .option('--at <when>', '12h, 30d, 2w or a date')
    .action(keysRunner('runKeysExpire'));
  keys
    .command('budget')
    .description('set a budget on a tag: every key with the tag draws from it')
    .requiredOption('--tag <name=value>', 'the tag, e.g. team=search')
    .requiredOption('--budget <budget>', 'e.g. 500usd/month')
    .action(keysRunner('runKeysBudget'));

  program
    .command('usage')
    .description('spend and tokens from the gateway usage ledger')
    .option('--by <group>', 'key, model, tag or day', 'key')
    .option('--since <when>', '30m, 24h, 7d, 2w or a date', '7d')
    .option('--json', 'JSON on stdout')
    .option('--csv', 'CSV on stdout')
    .addHelpText(
      'after',
      examples(
        ['outcrop usage --by key --since 7d', 'spend per key this week'],
        ['outcrop usage --by day --csv', 'for a spreadsheet'],
      ),
    )
    .action(lazy(state, async () => (await import('./usage/usage-command.js')).runUsage as Runner));

  return program;
}
