// The json5 parser reports no positions, so this maps config paths back to the text. It reads only text that
// JSON5.parse has already accepted, so it can be lenient; it must still never loop or throw on odd input.

export interface TextPosition {
  offset: number;
  /** 1-based; only "\n" ends a line, as in json5's own syntax errors. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
}

export interface LocatedValue {
  kind: 'object' | 'array' | 'scalar';
  start: number;
  end: number;
  /** Object members by decoded key; a repeated key keeps its last occurrence, as JSON5.parse does. */
  members?: Map<string, { keyStart: number; value: LocatedValue }>;
  items?: LocatedValue[];
}

export type PathSegment = string | number;

export interface Json5Document {
  text: string;
  root: LocatedValue | undefined;
  position(offset: number): TextPosition;
}

const WHITESPACE = /[\s\uFEFF]/;
const SIMPLE_ESCAPES: Record<string, string> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '0': '\0',
};

export function indexJson5(text: string): Json5Document {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const position = (offset: number): TextPosition => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { offset, line: low + 1, column: offset - lineStarts[low]! + 1 };
  };
  let root: LocatedValue | undefined;
  try {
    root = new Reader(text).document();
  } catch {
    root = undefined; // issues then carry no line:column rather than failing the load
  }
  return { text, root, position };
}

/** True when `text` holds nothing but whitespace and comments. */
export function isBlankJson5(text: string): boolean {
  try {
    return new Reader(text).isBlank();
  } catch {
    return false; // an unterminated comment: let JSON5.parse report it
  }
}

/**
 * The value at `path`, or the deepest ancestor that exists (a missing key points at the object that lacks it).
 * `exact` says whether the whole path was found; `keyStart` is the offset of the last key when there is one.
 */
export function locatePath(
  root: LocatedValue | undefined,
  path: readonly PathSegment[],
): { value: LocatedValue; keyStart?: number; exact: boolean } | undefined {
  if (!root) return undefined;
  let value = root;
  let keyStart: number | undefined;
  for (const segment of path) {
    const next = typeof segment === 'number' ? value.items?.[segment] : value.members?.get(segment)?.value;
    if (!next) return { value, exact: false };
    keyStart = typeof segment === 'number' ? undefined : value.members?.get(segment)?.keyStart;
    value = next;
  }
  return { value, exact: true, ...(keyStart === undefined ? {} : { keyStart }) };
}

class Reader {
  private pos = 0;
  constructor(private readonly text: string) {}

  document(): LocatedValue {
    this.skipTrivia();
    return this.value();
  }

  isBlank(): boolean {
    this.skipTrivia();
    return this.pos >= this.text.length;
  }

  private value(): LocatedValue {
    const char = this.text[this.pos];
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    const start = this.pos;
    if (char === '"' || char === "'") this.string();
    else this.scalar();
    return { kind: 'scalar', start, end: this.pos };
  }

  private object(): LocatedValue {
    const start = this.pos++;
    const members = new Map<string, { keyStart: number; value: LocatedValue }>();
    for (this.skipTrivia(); this.pos < this.text.length && this.text[this.pos] !== '}'; this.skipTrivia()) {
      const keyStart = this.pos;
      const key =
        this.text[keyStart] === '"' || this.text[keyStart] === "'" ? this.string() : this.identifier();
      this.skipTrivia();
      this.expect(':');
      this.skipTrivia();
      members.delete(key); // re-insert so a repeated key keeps its last position
      members.set(key, { keyStart, value: this.value() });
      this.skipTrivia();
      if (this.text[this.pos] === ',') this.pos++;
    }
    this.expect('}');
    return { kind: 'object', start, end: this.pos, members };
  }

  private array(): LocatedValue {
    const start = this.pos++;
    const items: LocatedValue[] = [];
    for (this.skipTrivia(); this.pos < this.text.length && this.text[this.pos] !== ']'; this.skipTrivia()) {
      items.push(this.value());
      this.skipTrivia();
      if (this.text[this.pos] === ',') this.pos++;
    }
    this.expect(']');
    return { kind: 'array', start, end: this.pos, items };
  }

  /** Reads a quoted string and returns its decoded value. */
  private string(): string {
    const quote = this.text[this.pos++];
    let out = '';
    while (this.pos < this.text.length) {
      const char = this.text[this.pos++]!;
      if (char === quote) return out;
      if (char !== '\\') {
        out += char;
        continue;
      }
      const escaped = this.text[this.pos++] ?? '';
      if (escaped === 'x' || escaped === 'u') {
        const length = escaped === 'x' ? 2 : 4;
        out += String.fromCharCode(Number.parseInt(this.text.slice(this.pos, this.pos + length), 16));
        this.pos += length;
      } else if (escaped === '\r') {
        if (this.text[this.pos] === '\n') this.pos++; // line continuation
      } else if (escaped !== '\n' && escaped !== '\u2028' && escaped !== '\u2029') {
        out += SIMPLE_ESCAPES[escaped] ?? escaped;
      }
    }
    throw new Error('unterminated string');
  }

  /** An unquoted key: identifier characters, possibly with \uXXXX escapes. */
  private identifier(): string {
    let out = '';
    while (this.pos < this.text.length) {
      const char = this.text[this.pos]!;
      if (
        char === ':' ||
        WHITESPACE.test(char) ||
        this.text.startsWith('/*', this.pos) ||
        this.text.startsWith('//', this.pos)
      ) {
        break;
      }
      if (char === '\\' && this.text[this.pos + 1] === 'u') {
        out += String.fromCharCode(Number.parseInt(this.text.slice(this.pos + 2, this.pos + 6), 16));
        this.pos += 6;
      } else {
        out += char;
        this.pos++;
      }
    }
    if (out.length === 0) throw new Error(`expected a key at ${this.pos}`);
    return out;
  }

  /** Numbers, true, false, null, Infinity, NaN: everything up to the next delimiter. */
  private scalar(): void {
    const start = this.pos;
    while (this.pos < this.text.length) {
      const char = this.text[this.pos]!;
      if (char === ',' || char === '}' || char === ']' || WHITESPACE.test(char) || char === '/') break;
      this.pos++;
    }
    if (this.pos === start) throw new Error(`expected a value at ${start}`);
  }

  private skipTrivia(): void {
    while (this.pos < this.text.length) {
      const char = this.text[this.pos]!;
      if (WHITESPACE.test(char)) this.pos++;
      else if (this.text.startsWith('//', this.pos)) {
        const end = this.text.indexOf('\n', this.pos);
        this.pos = end === -1 ? this.text.length : end + 1;
      } else if (this.text.startsWith('/*', this.pos)) {
        const end = this.text.indexOf('*/', this.pos + 2);
        if (end === -1) throw new Error('unterminated comment');
        this.pos = end + 2;
      } else return;
    }
  }

  private expect(char: string): void {
    if (this.text[this.pos] !== char) throw new Error(`expected "${char}" at ${this.pos}`);
    this.pos++;
  }
}
