// Generic request validation against the AWS API model (required, length, range, pattern, enum, union),
// answered as Coral services do: `N validation error(s) detected: Value '…' at '…' failed to satisfy
// constraint: …; …`. Paths use Coral's form: list items are `name.<1-based index>.member`.
// Format seen in AWS answers quoted by peers (e.g. DynamoDB: "2 validation errors detected: Value null at
// '…provisionedThroughput.writeCapacityUnits' failed to satisfy constraint: Member must not be null; Value null
// at '…'"); sensitive members are reported without their value ("Value at 'username'", Cognito).
import { type AwsError, awsError } from './http-io.js';
import { type Shape, serviceModel } from './service-model.js';

type Service = 'bedrock-runtime' | 'bedrock';
const patterns = new Map<string, RegExp>();

function pattern(source: string): RegExp {
  let compiled = patterns.get(source);
  if (!compiled) {
    // Java's String.matches: the whole value must match.
    compiled = new RegExp(`^(?:${source})$`);
    patterns.set(source, compiled);
  }
  return compiled;
}

/** Java-like rendering of a value, as Coral prints it in a violation. */
function render(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(render).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}=${render(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

class Walker {
  readonly violations: string[] = [];
  /** A body whose JSON types do not fit the model: Bedrock cannot deserialize it. */
  malformed?: string;

  constructor(
    private readonly shapes: Record<string, Shape>,
    /** Walk URI-label and query members too. */
    private readonly located = false,
  ) {}

  private violation(value: unknown, at: string, rule: string, sensitive: boolean): void {
    const shown = sensitive
      ? 'Value'
      : value === null || value === undefined
        ? 'Value null'
        : `Value '${render(value)}'`;
    this.violations.push(`${shown} at '${at}' failed to satisfy constraint: ${rule}`);
  }

  private mismatch(at: string, expected: string): void {
    this.malformed ??= `Malformed input request: ${at} must be ${expected}, please reformat your input and try again.`;
  }

  walk(name: string, value: unknown, at: string, sensitive: boolean): void {
    const shape = this.shapes[name];
    if (!shape || shape.document || value === undefined || value === null) return;
    const hidden = sensitive || shape.sensitive === true;
    switch (shape.type) {
      case 'structure':
        this.structure(shape, value, at, hidden);
        return;
      case 'list':
        if (!Array.isArray(value)) {
          this.mismatch(at, 'a list');
          return;
        }
        this.length(shape, value.length, value, at, hidden);
        for (const [i, item] of value.entries())
          this.walk(shape.member!.shape, item, `${at}.${i + 1}.member`, hidden);
        return;
      case 'map':
        this.map(shape, value, at, hidden);
        return;
      case 'string':
        if (typeof value !== 'string') {
          this.mismatch(at, 'a string');
          return;
        }
        this.length(shape, value.length, value, at, hidden);
        if (shape.pattern && !pattern(shape.pattern).test(value)) {
          this.violation(
            value,
            at,
            `Member must satisfy regular expression pattern: ${shape.pattern}`,
            hidden,
          );
        }
        if (shape.enum && !shape.enum.includes(value) && at === 'serviceTier.type') {
          // Bedrock's own answer here (NousResearch/hermes-agent #34476), not Coral's enum form.
          this.malformed ??= 'service tier provided is invalid';
        } else if (shape.enum && !shape.enum.includes(value)) {
          this.violation(value, at, `Member must satisfy enum value set: [${shape.enum.join(', ')}]`, hidden);
        }
        return;
      case 'blob':
        // JSON carries blobs as base64; its validity and decoded size are checked in media-checks.ts.
        if (typeof value !== 'string') {
          this.mismatch(at, 'a base64-encoded string');
          return;
        }
        this.length(shape, Math.floor((value.replace(/=+$/, '').length * 3) / 4), value, at, hidden);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') this.mismatch(at, 'a boolean');
        return;
      default:
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          this.mismatch(at, 'a number');
          return;
        }
        if ((shape.type === 'integer' || shape.type === 'long') && !Number.isInteger(value)) {
          this.mismatch(at, 'an integer');
          return;
        }
        if (shape.min !== undefined && value < shape.min) {
          this.violation(value, at, `Member must have value greater than or equal to ${shape.min}`, hidden);
        }
        if (shape.max !== undefined && value > shape.max) {
          this.violation(value, at, `Member must have value less than or equal to ${shape.max}`, hidden);
        }
    }
  }

  private length(shape: Shape, length: number, value: unknown, at: string, hidden: boolean): void {
    if (shape.min !== undefined && length < shape.min) {
      this.violation(value, at, `Member must have length greater than or equal to ${shape.min}`, hidden);
    }
    if (shape.max !== undefined && length > shape.max) {
      this.violation(value, at, `Member must have length less than or equal to ${shape.max}`, hidden);
    }
  }

  private structure(shape: Shape, value: unknown, at: string, hidden: boolean): void {
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.mismatch(at, 'a structure');
      return;
    }
    const record = value as Record<string, unknown>;
    const members = shape.members ?? {};
    const prefix = at ? `${at}.` : '';
    for (const required of shape.required ?? []) {
      if (members[required]?.location && !this.located) continue; // a URI label: present by routing
      if (record[required] === undefined || record[required] === null) {
        this.violation(null, `${prefix}${required}`, 'Member must not be null', hidden);
      }
    }
    if (shape.union) {
      const set = Object.keys(members).filter((key) => record[key] !== undefined && record[key] !== null);
      // Wording not verified against Bedrock (see README): a union needs exactly one member.
      if (set.length !== 1) {
        this.malformed ??= `Malformed input request: ${at || 'the request'} must have exactly one member set (${set.length} set), please reformat your input and try again.`;
      }
    }
    for (const [key, member] of Object.entries(members)) {
      if (member.location && !this.located) continue;
      this.walk(member.shape, record[key], `${prefix}${key}`, hidden);
    }
  }

  private map(shape: Shape, value: unknown, at: string, hidden: boolean): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.mismatch(at, 'a map');
      return;
    }
    const entries = Object.entries(value);
    this.length(shape, entries.length, value, at, hidden);
    // Coral reports key and value constraints on the map itself, e.g. "Map keys must satisfy constraint:
    // [Member must have length less than or equal to 256]" (form not verified against Bedrock, see README).
    for (const [part, ref] of [
      ['keys', shape.key],
      ['value', shape.value],
    ] as const) {
      const inner = new Walker(this.shapes);
      for (const [k, v] of entries) inner.walk(ref!.shape, part === 'keys' ? k : v, at, true);
      if (inner.malformed) this.malformed ??= inner.malformed;
      const rules = [
        ...new Set(inner.violations.map((text) => text.replace(/^.*failed to satisfy constraint: /, ''))),
      ];
      if (rules.length > 0) {
        this.violation(value, at, `Map ${part} must satisfy constraint: [${rules.join(', ')}]`, hidden);
      }
    }
  }
}

/**
 * The ValidationException Bedrock answers for a request body that breaks its API model, if any. `located`: the
 * input also holds the URI-label and query members (control-plane GETs, which have no body).
 */
export function checkModelConstraints(
  service: Service,
  operation: string,
  body: unknown,
  located = false,
): AwsError | undefined {
  const model = serviceModel().services[service];
  const input = model.operations[operation];
  if (!input) return undefined;
  const walker = new Walker(model.shapes, located);
  walker.walk(input, body ?? {}, '', false);
  if (walker.malformed) return awsError('ValidationException', walker.malformed);
  const count = walker.violations.length;
  if (count === 0) return undefined;
  return awsError(
    'ValidationException',
    `${count} validation error${count === 1 ? '' : 's'} detected: ${walker.violations.join('; ')}`,
  );
}
