import { createInterface, type Interface } from 'node:readline';
import type { ChatModel } from './chat-model.js';
import type { ChatOptions } from './chat-options.js';
import { runTurn, usageLine } from './chat-turn.js';
import type { CommandContext } from './command-context.js';
import { reportError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import type { readImage } from './image-input.js';
import type { BedrockSession } from './session.js';
import type * as upstream from './upstream.js';

type Image = Awaited<ReturnType<typeof readImage>>;
type Message = upstream.Message;

const HELP = `/exit or Ctrl-D leaves · Ctrl-C cancels a reply (twice at an empty prompt: leave) · /clear forgets the conversation · /model <ref> switches model`;

/**
 * The interactive chat: one conversation, each reply streamed; Ctrl-C cancels the reply in flight and
 * returns to the prompt. Images given with --image go with the first message.
 */
export async function runRepl(
  context: CommandContext,
  session: BedrockSession,
  initialModel: ChatModel,
  options: ChatOptions,
  images: Image[],
): Promise<number> {
  const { term } = context;
  const stream = session.outcrop.stream;
  let model = initialModel;
  let messages: Message[] = [];
  let pendingImages = images;
  let inFlight: AbortController | undefined;
  let exitCode: number = ExitCode.ok;
  let interruptedAtPrompt = false;

  const rl = createInterface({
    input: process.stdin,
    output: process.stderr,
    terminal: true,
    historySize: 200,
  });
  const closed = new Promise<null>((resolve) => rl.once('close', () => resolve(null)));
  const onInterrupt = () => {
    if (inFlight) {
      inFlight.abort();
      return;
    }
    if (rl.line.length > 0) {
      rl.write(null, { ctrl: true, name: 'u' });
      interruptedAtPrompt = false;
      return;
    }
    if (interruptedAtPrompt) {
      exitCode = ExitCode.interrupted;
      rl.close();
      return;
    }
    interruptedAtPrompt = true;
    term.note(term.err.dim('\n(Ctrl-C again or Ctrl-D to leave)'));
    rl.prompt();
  };
  rl.on('SIGINT', onInterrupt);
  process.on('SIGINT', onInterrupt);

  term.note(term.err.dim(`outcrop chat · ${model.ref}${session.emulator ? ' · emulator' : ''} · ${HELP}`));
  try {
    for (;;) {
      const line = await Promise.race([ask(rl, term.err.cyan('› ')), closed]);
      if (line === null) break;
      interruptedAtPrompt = false;
      const text = line.trim();
      if (!text) continue;
      if (text === '/exit' || text === '/quit') break;
      if (text === '/help') {
        term.note(HELP);
        continue;
      }
      if (text === '/clear') {
        messages = [];
        term.note(term.err.dim('conversation cleared'));
        continue;
      }
      if (text.startsWith('/model')) {
        model = await switchModel(context, session, model, text.slice('/model'.length).trim());
        continue;
      }

      const content = pendingImages.length ? [...pendingImages, { type: 'text' as const, text }] : text;
      pendingImages = [];
      const turnMessages: Message[] = [...messages, { role: 'user', content }];
      inFlight = new AbortController();
      const started = Date.now();
      const result = await runTurn(
        term,
        stream(
          model.spec,
          { system: options.system, messages: turnMessages },
          { signal: inFlight.signal, reasoning: options.reasoning, maxTokens: options.maxTokens },
        ),
        { live: true, hideReasoning: options.hideReasoning === true },
      );
      inFlight = undefined;
      if (result.error?.code === 'aborted') {
        term.note(term.err.yellow('cancelled'));
        continue; // the cancelled exchange is not kept
      }
      if (result.error) {
        reportError(term, result.error, context.globals.debug);
        continue;
      }
      messages = [...turnMessages, { role: 'assistant', content: result.blocks.filter(keepBlock) }];
      if (result.finish) term.note(term.err.dim(usageLine(result.finish, Date.now() - started)));
    }
  } finally {
    process.off('SIGINT', onInterrupt);
    rl.close();
  }
  return exitCode;
}

function ask(rl: Interface, prompt: string): Promise<string> {
  return new Promise((resolve) => rl.question(prompt, resolve));
}

/** Empty text blocks are rejected by Bedrock on replay; reasoning is kept with its signature. */
function keepBlock(block: { type: string; text: string; redactedData?: string }) {
  return block.type === 'reasoning' ? true : block.text.length > 0;
}

async function switchModel(
  context: CommandContext,
  session: BedrockSession,
  current: ChatModel,
  ref: string,
): Promise<ChatModel> {
  if (!ref) {
    context.term.note(`model: ${current.ref}`);
    return current;
  }
  try {
    const { resolveChatModel } = await import('./chat-model.js');
    const next = await resolveChatModel(context, session, ref);
    context.term.note(context.term.err.dim(`model: ${next.ref}`));
    return next;
  } catch (error) {
    reportError(context.term, error, context.globals.debug);
    return current;
  }
}
