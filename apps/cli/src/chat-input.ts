import { usageError } from './errors.js';

/** Reads all of stdin (a piped prompt), bounded so `outcrop chat < /dev/zero` cannot eat the machine. */
export async function readStdin(
  stream: NodeJS.ReadableStream = process.stdin,
  maxBytes = 8_000_000,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.byteLength;
    if (size > maxBytes)
      throw usageError(`stdin is larger than ${maxBytes / 1e6} MB`, 'pass a smaller prompt');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Where the prompt comes from: the arguments; else stdin when it is piped (a prompt argument and piped
 * stdin together make "instruction + material", like `git diff | outcrop chat "review this"`);
 * else, on a terminal, the REPL.
 */
export async function resolvePrompt(
  args: string[],
  stdinIsTty: boolean,
  read: () => Promise<string> = () => readStdin(),
): Promise<{ mode: 'once'; prompt: string } | { mode: 'repl' }> {
  const fromArgs = args.join(' ').trim();
  if (stdinIsTty) return fromArgs ? { mode: 'once', prompt: fromArgs } : { mode: 'repl' };
  const piped = (await read()).trim();
  const prompt = [fromArgs, piped].filter(Boolean).join('\n\n');
  if (!prompt) throw usageError('no prompt: stdin was empty', 'pass a prompt: outcrop chat "hello"');
  return { mode: 'once', prompt };
}
