// Deterministic helpers for replies: a seeded PRNG, word chunking, JSON splitting and token counts.
import { createHash } from 'node:crypto';

/** Token approximation used everywhere in the emulator: ceil(characters / 4). */
export function tokenCount(text: string): number {
  return Math.ceil(text.length / 4);
}

/** xorshift32 seeded from a string: the same request always gets the same chunking. */
export function seededRandom(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32BE(0) || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
}

/** Splits text into chunks of 1 to 4 words, whitespace kept with the word before it. */
export function wordChunks(text: string, random: () => number): string[] {
  const words = text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);
  const chunks: string[] = [];
  for (let i = 0; i < words.length; ) {
    const size = 1 + Math.floor(random() * 4);
    chunks.push(words.slice(i, i + size).join(''));
    i += size;
  }
  return chunks;
}

/** Cuts a string at arbitrary points (1 to 12 characters), never inside a surrogate pair. */
export function arbitraryChunks(text: string, random: () => number): string[] {
  const chunks: string[] = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + 1 + Math.floor(random() * 12));
    const code = text.charCodeAt(end - 1);
    if (end < text.length && code >= 0xd800 && code <= 0xdbff) end += 1;
    chunks.push(text.slice(at, end));
    at = end;
  }
  return chunks;
}

export function digest(text: string, encoding: 'hex' | 'base64' = 'hex'): string {
  return createHash('sha256').update(text).digest(encoding);
}
