import { fstatSync } from 'node:fs';
import { usageError } from './errors.js';

/**
 * Whether stdin carries material for the prompt: a shell pipe (`git diff | outcrop chat …`) or a redirected
 * file. A socket is what a parent process leaves when it spawns us with a pipe it may never close; reading it
 * next to a prompt argument could wait forever, so it counts only when there is no prompt argument.
 */
export function stdinHasMaterial(fd = 0): boolean {
  try {
    // bigint: Node 20's plain fstatSync on a socket stdin left later ESM resolution failing to find
    // packages (seen as "Cannot find module '@smithy/core/config'"); the bigint variant does not.
    const stat = fstatSync(fd, { bigint: true });
    return stat.isFIFO() || stat.isFile();
  } catch {
    return false;
  }
}

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
  material: () => boolean = () => stdinHasMaterial(),
): Promise<{ mode: 'once'; prompt: string } | { mode: 'repl' }> {
  const fromArgs = args.join(' ').trim();
  if (stdinIsTty) return fromArgs ? { mode: 'once', prompt: fromArgs } : { mode: 'repl' };
  if (fromArgs && !material()) return { mode: 'once', prompt: fromArgs };
  const piped = (await read()).trim();
  const prompt = [fromArgs, piped].filter(Boolean).join('\n\n');
  if (!prompt) {
    const why = args.length > 0 ? 'the prompt is blank and stdin was empty' : 'stdin was empty';
    throw usageError(`no prompt: ${why}`, 'pass a prompt: outcrop chat "hello"');
  }
  return { mode: 'once', prompt };
}
