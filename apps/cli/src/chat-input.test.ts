import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readStdin, resolvePrompt } from './chat-input.js';
import { ExitCode } from './exit-codes.js';

describe('resolvePrompt', () => {
  it('uses the arguments on a terminal, else the REPL', async () => {
    await expect(resolvePrompt(['hello', 'there'], true)).resolves.toEqual({
      mode: 'once',
      prompt: 'hello there',
    });
    await expect(resolvePrompt([], true)).resolves.toEqual({ mode: 'repl' });
  });

  it('joins an argument and piped stdin as instruction + material', async () => {
    const result = await resolvePrompt(
      ['review'],
      false,
      async () => 'diff --git a b\n',
      () => true,
    );
    expect(result).toEqual({ mode: 'once', prompt: 'review\n\ndiff --git a b' });
  });

  it('with an argument, does not wait on a stdin that is not a pipe or a file', async () => {
    const never = () => new Promise<string>(() => {});
    await expect(resolvePrompt(['hi'], false, never, () => false)).resolves.toEqual({
      mode: 'once',
      prompt: 'hi',
    });
  });

  it('fails with a usage error when nothing was given', async () => {
    await expect(resolvePrompt([], false, async () => '  \n')).rejects.toMatchObject({
      exitCode: ExitCode.usage,
    });
  });
});

describe('readStdin', () => {
  it('reads a stream and refuses one over the limit', async () => {
    await expect(readStdin(Readable.from([Buffer.from('ab'), Buffer.from('c')]))).resolves.toBe('abc');
    await expect(readStdin(Readable.from([Buffer.alloc(10)]), 5)).rejects.toMatchObject({
      exitCode: ExitCode.usage,
    });
  });
});
