import { resolvePrompt } from './chat-input.js';
import { resolveChatModel } from './chat-model.js';
import type { ChatOptions } from './chat-options.js';
import { runRepl } from './chat-repl.js';
import { runTurn, type TurnResult, usageLine } from './chat-turn.js';
import type { CommandContext } from './command-context.js';
import { CliError, toCliError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import { readImage } from './image-input.js';
import { withBedrockSession } from './session.js';

export async function runChat(
  context: CommandContext,
  options: ChatOptions,
  promptArgs: string[] = [],
): Promise<number> {
  const input = await resolvePrompt(promptArgs, context.term.stdinIsTty);
  if (input.mode === 'repl' && options.json) {
    throw new CliError('--json needs a prompt', ExitCode.usage, 'pass a prompt or pipe one on stdin');
  }
  const images = await Promise.all((options.image ?? []).map((file) => readImage(file, context.cwd)));
  return withBedrockSession(context, async (session) => {
    const model = await resolveChatModel(context, session, options.model);
    if (input.mode === 'repl') return runRepl(context, session, model, options, images);

    const cancel = cancelOnSigint();
    const started = Date.now();
    try {
      const content = images.length
        ? [...images, { type: 'text' as const, text: input.prompt }]
        : input.prompt;
      const parts = session.outcrop.stream(
        model.spec,
        { system: options.system, messages: [{ role: 'user', content }] },
        { signal: cancel.signal, reasoning: options.reasoning, maxTokens: options.maxTokens },
      );
      const result = await runTurn(context.term, parts, {
        live: !options.json,
        hideReasoning: options.hideReasoning === true,
      });
      return finishTurn(context, options, model.ref, result, Date.now() - started, {
        emulator: session.emulator !== undefined,
      });
    } finally {
      cancel.dispose();
    }
  });
}

/** Prints the end of a one-shot turn (usage line or the JSON object) and picks the exit code. */
function finishTurn(
  context: CommandContext,
  options: ChatOptions,
  ref: string,
  result: TurnResult,
  elapsedMs: number,
  upstreamInfo: { emulator: boolean },
): number {
  const { term } = context;
  if (result.error?.code === 'aborted') {
    term.note(term.err.yellow('cancelled'));
    return ExitCode.interrupted;
  }
  if (options.json) {
    term.json({
      model: ref,
      text: result.text,
      reasoning: options.hideReasoning ? undefined : result.reasoning || undefined,
      finishReason: result.finish?.finishReason ?? 'error',
      rawStopReason: result.finish?.rawStopReason ?? null,
      usage: result.finish?.usage ?? null,
      cost: result.finish?.cost ?? null,
      latencyMs: result.finish?.latencyMs ?? elapsedMs,
      requestId: result.finish?.response.requestId ?? null,
      warnings: result.warnings,
      // A script reading only stdout must still be able to tell a simulated reply from Bedrock's.
      emulator: upstreamInfo.emulator,
      error: result.error ? { code: result.error.code, message: result.error.message } : undefined,
    });
  } else if (result.finish) {
    term.note(term.err.dim(usageLine(result.finish, elapsedMs)));
  }
  if (result.error) throw toCliError(result.error);
  return ExitCode.ok;
}

/**
 * Ctrl-C aborts the upstream request (the SDK resets the stream, Bedrock stops generating); a second
 * Ctrl-C exits at once.
 */
export function cancelOnSigint(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(ExitCode.interrupted);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}
