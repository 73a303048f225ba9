import type { CommandContext } from './command-context.js';
import { credentialDetail, describeCredentials } from './credential-view.js';
import { type CheckResult, needsInferenceProfile, pass, problem, profileAdvice } from './doctor-checks.js';
import { CliError, oneLine } from './errors.js';
import { ExitCode } from './exit-codes.js';
import { describeRegionSource } from './format.js';
import { type BedrockSession, loadConfig, openBedrockSession } from './session.js';
import { withProgress } from './spinner.js';
import type { DiscoveryResult } from './upstream.js';
import * as upstream from './upstream.js';

export interface DoctorOptions {
  json?: boolean;
  model?: string;
}

/**
 * Runs every check against the Outcrop the other commands use: real Bedrock, or with no credentials the
 * embedded emulator, which every check then names (a warning, so right after the quick start doctor passes
 * and says what it checked). Exit 6 when any check fails; warnings do not fail.
 */
export async function runDoctor(context: CommandContext, options: DoctorOptions): Promise<number> {
  const checks = await withProgress(context.term, 'Running checks…', () => collectChecks(context, options));
  const failed = checks.some((check) => check.status === 'fail');
  if (options.json) {
    context.term.json({ ok: !failed, checks });
  } else {
    const c = context.term.out;
    const marks = { pass: c.green('✓'), warn: c.yellow('!'), fail: c.red('✗'), skip: c.dim('-') };
    for (const check of checks) {
      context.term.print(`${marks[check.status]} ${c.bold(check.title)}: ${check.detail}`);
      if (check.hint) context.term.print(`  ${c.dim(`fix: ${check.hint}`)}`);
    }
    context.term.print(failed ? c.red('Some checks failed.') : c.green('All checks passed.'));
  }
  return failed ? ExitCode.checkFailed : ExitCode.ok;
}

async function collectChecks(context: CommandContext, options: DoctorOptions): Promise<CheckResult[]> {
  const checks: CheckResult[] = [];
  const skipRest = (reason: string) => {
    for (const [id, title] of REST) checks.push(problem('skip', id, title, reason));
  };

  let loaded: Awaited<ReturnType<typeof loadConfig>>;
  try {
    loaded = await loadConfig(context);
    checks.push(
      pass('config', 'Config', loaded.path ? `${loaded.path} is valid` : 'no config file, defaults apply'),
    );
  } catch (error) {
    checks.push(
      problem(
        'fail',
        'config',
        'Config',
        oneLine(String((error as Error).message)),
        'run `outcrop config validate`',
      ),
    );
    return checks;
  }
  // The same Outcrop `chat` and `models list` run on: with no credentials, the embedded emulator (and every
  // check below says so), unless --no-emulator.
  let session: BedrockSession;
  try {
    session = await openBedrockSession(context);
  } catch (error) {
    const coded = error as { message?: string; hint?: string };
    checks.push(problem('fail', 'credentials', 'Credentials', oneLine(String(coded.message)), coded.hint));
    skipRest('needs credentials');
    return checks;
  }
  try {
    await runChecks(context, options, session, checks);
  } finally {
    await session.close();
  }
  return checks;
}

async function runChecks(
  context: CommandContext,
  options: DoctorOptions,
  session: BedrockSession,
  checks: CheckResult[],
): Promise<void> {
  const { config, connection } = session;
  const onEmulator = session.emulator ? ' (embedded emulator)' : '';
  const view = describeCredentials(connection.source);
  if (session.emulator) {
    checks.push(
      problem(
        'warn',
        'credentials',
        'Credentials',
        `none found: checked against the embedded Bedrock emulator at ${session.emulator.url} (replies are simulated)`,
        'set AWS_PROFILE or AWS_BEARER_TOKEN_BEDROCK (or run `aws sso login`) to check real Bedrock',
      ),
    );
  } else if (!view.ok) {
    const detail = view.expired
      ? `${view.label}: expired ${view.expiresAt}`
      : `none found (tried: ${(view.tried ?? []).join(', ')})`;
    checks.push(
      problem(
        'fail',
        'credentials',
        'Credentials',
        detail,
        view.hint ?? 'refresh them (e.g. `aws sso login`)',
      ),
    );
    for (const [id, title] of REST) checks.push(problem('skip', id, title, 'needs credentials'));
    return;
  } else {
    const detail = credentialDetail(view);
    checks.push(pass('credentials', 'Credentials', `${view.label}${detail ? ` (${detail})` : ''}`));
  }

  const region = connection.region;
  checks.push(
    region.source === 'default' && !session.emulator
      ? problem(
          'warn',
          'region',
          'Region',
          `${region.region} (nothing set, using the default)`,
          'set AWS_REGION or models.providers["amazon-bedrock"].region',
        )
      : pass(
          'region',
          'Region',
          `${region.region} (${describeRegionSource(region.source, context.env.AWS_PROFILE?.trim() || undefined)})${onEmulator}`,
        ),
  );

  let listing: DiscoveryResult | undefined;
  try {
    // Permissions are checked even when discovery is off for the catalog.
    const { createDiscovery } = await upstream.discovery();
    const discovery =
      session.outcrop.discovery ?? createDiscovery({ connection, config: config.models.bedrockDiscovery });
    listing = await discovery.refresh();
    const denied = listing.errors.find((error) => error.missingAction);
    checks.push(
      denied
        ? problem(
            'fail',
            'listing',
            'Listing permission',
            oneLine(denied.message),
            `grant ${denied.missingAction} to this identity`,
          )
        : pass(
            'listing',
            'Listing permission',
            `${callableSummary(listing.models, region.region)}${onEmulator}`,
          ),
    );
  } catch (error) {
    const coded = error as { message?: string; missingAction?: string };
    const hint = coded.missingAction
      ? `grant ${coded.missingAction} to this identity`
      : 'check network access to Bedrock';
    checks.push(problem('fail', 'listing', 'Listing permission', oneLine(String(coded.message)), hint));
  }

  checks.push(await probeModel(context, session, options.model));

  const { agentModels } = await upstream.configSchema();
  const { primary, fallbacks } = agentModels(config);
  const refs = [options.model ?? primary, ...fallbacks].filter((ref): ref is string => Boolean(ref));
  const advice = listing ? profileAdvice(refs, listing.models) : [];
  checks.push(
    advice.length > 0
      ? problem(
          'warn',
          'inference-profiles',
          'Inference profiles',
          advice.map((item) => `${item.ref} needs an inference profile`).join('; '),
          advice.map((item) => `use ${item.use}`).join('; '),
        )
      : listing
        ? pass('inference-profiles', 'Inference profiles', 'every configured ref can be invoked as written')
        : problem('skip', 'inference-profiles', 'Inference profiles', 'needs the model list'),
  );
}

const REST: Array<[CheckResult['id'], string]> = [
  ['region', 'Region'],
  ['listing', 'Listing permission'],
  ['model-access', 'Model access'],
  ['inference-profiles', 'Inference profiles'],
];

/** A minimal request (one output token) to the default model: proves access, region and profile. */
async function probeModel(
  context: CommandContext,
  session: BedrockSession,
  ref?: string,
): Promise<CheckResult> {
  const title = 'Model access';
  const { agentModels } = await upstream.configSchema();
  const { resolveChatModel, suggestChatModel } = await import('./chat-model.js');
  const configured = ref ?? agentModels(session.config).primary;
  // With no default set, probe the model `outcrop chat` would pick, and say that is what was probed.
  const target = configured ?? (await suggestChatModel(context, session).catch(() => undefined));
  const picked =
    (configured ? '' : ' (no default model set: the one `outcrop chat` picks)') +
    (session.emulator ? ' (embedded emulator)' : '');
  if (!target) {
    return problem(
      'warn',
      'model-access',
      title,
      'no default model to probe',
      'set agents.defaults.model, or pass -m <ref>',
    );
  }
  try {
    const model = await resolveChatModel(context, session, target);
    const signal = AbortSignal.timeout(30_000);
    for await (const part of session.outcrop.stream(
      model.spec,
      { messages: [{ role: 'user', content: 'Reply with OK.' }] },
      { maxTokens: 1, signal },
    )) {
      if (part.type === 'finish') return pass('model-access', title, `${target} answered${picked}`);
      if (part.type === 'error') return failedProbe(target, part.error);
    }
    return problem('fail', 'model-access', title, `${target}: the stream ended without an answer`);
  } catch (error) {
    return failedProbe(target, error);
  }
}

/**
 * Counted as `models list` counts (one per base model), with the refs `models list --all` shows beside it,
 * so the two commands never seem to disagree.
 */
function callableSummary(
  models: ReadonlyArray<{ id: string; baseModelId?: string }>,
  region: string,
): string {
  const distinct = new Set(models.map((model) => model.baseModelId ?? model.id)).size;
  const refs = models.length === distinct ? '' : ` (${models.length} refs with inference profiles)`;
  return `${distinct} model${distinct === 1 ? '' : 's'} callable in ${region}${refs}`;
}

function failedProbe(target: string, error: unknown): CheckResult {
  const coded = error as { code?: string; message?: string };
  const message = oneLine(String(coded.message ?? error));
  const hint =
    error instanceof CliError && error.hint
      ? error.hint // the CLI's own usage errors carry theirs (e.g. an embedding model asked to chat)
      : coded.code === 'access_denied'
        ? 'enable access to this model in the Bedrock console (Model access) and allow bedrock:InvokeModelWithResponseStream'
        : needsInferenceProfile(message)
          ? 'call it through an inference profile: `outcrop models list --all` shows its us./eu./global. ids'
          : coded.code === 'unknown_model' || coded.code?.startsWith('model_ref')
            ? 'run `outcrop models list` for the refs you can use'
            : undefined;
  const detail = message.startsWith(target) ? message : `${target}: ${message}`;
  return problem('fail', 'model-access', 'Model access', detail, hint);
}
