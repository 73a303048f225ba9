// A seeded PRNG (mulberry32) so fuzz runs are reproducible: the same seed gives the same inputs.

export interface Prng {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
  /** n random bytes. */
  bytes(n: number): Uint8Array;
}

export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    seed: seed >>> 0,
    next,
    int,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(items.length)]!;
    },
    chance: (p) => next() < p,
    bytes: (n) => {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = int(256);
      return out;
    },
  };
}

/** The seed from `OUTCROP_FUZZ_SEED` when set, else one derived from the clock (printed by the caller). */
export function seedFromEnv(env: Record<string, string | undefined> = process.env): number {
  const given = env.OUTCROP_FUZZ_SEED;
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!Number.isInteger(seed) || seed < 0)
      throw new Error(`OUTCROP_FUZZ_SEED must be a non-negative integer, got "${given}"`);
    return seed >>> 0;
  }
  return Date.now() >>> 0;
}

/** Flips, inserts, deletes or overwrites a few bytes of `input`. */
export function mutateBytes(input: Uint8Array, prng: Prng, edits = 1 + prng.int(4)): Uint8Array {
  let out = Array.from(input);
  for (let i = 0; i < edits; i++) {
    const at = out.length === 0 ? 0 : prng.int(out.length);
    switch (prng.int(5)) {
      case 0:
        if (out.length > 0) out[at] = out[at]! ^ (1 << prng.int(8));
        break;
      case 1:
        out.splice(at, 0, prng.int(256));
        break;
      case 2:
        out.splice(at, 1 + prng.int(8));
        break;
      case 3:
        if (out.length > 0) out[at] = prng.pick([0, 0xff, 0x7f, 0x80]);
        break;
      default:
        out = out.slice(0, at);
    }
  }
  return Uint8Array.from(out);
}

/** Mutates text: deletes, duplicates or inserts characters likely to matter to a parser. */
export function mutateText(input: string, prng: Prng, edits = 1 + prng.int(4)): string {
  const specials = [
    '{',
    '}',
    '[',
    ']',
    '"',
    ',',
    ':',
    '\\',
    '\n',
    '/*',
    '//',
    '${',
    '\u0000',
    'null',
    '-1',
    '1e999',
    '\ud800',
  ];
  let out = input;
  for (let i = 0; i < edits; i++) {
    const at = prng.int(out.length + 1);
    switch (prng.int(4)) {
      case 0:
        out = out.slice(0, at) + out.slice(at + 1 + prng.int(6));
        break;
      case 1:
        out = out.slice(0, at) + prng.pick(specials) + out.slice(at);
        break;
      case 2: {
        const from = prng.int(out.length + 1);
        out = out.slice(0, at) + out.slice(from, from + prng.int(20)) + out.slice(at);
        break;
      }
      default:
        out = out.slice(0, at);
    }
  }
  return out;
}
