// Model refs are `provider/model`. Only the first `/` splits: Bedrock application inference profile ARNs
// (`arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc`) contain `/` themselves.
export const BEDROCK_PROVIDER_ID = 'amazon-bedrock';
export const BEDROCK_API = 'bedrock-converse-stream';

export interface ModelRef {
  provider: string;
  model: string;
}

export type ModelRefErrorCode = 'model_ref_invalid' | 'model_ref_unknown' | 'model_ref_ambiguous';

const MODEL_REF_ERROR = Symbol.for('outcrop.config-schema.ModelRefError');

export class ModelRefError extends Error {
  override readonly name = 'ModelRefError';
  readonly [MODEL_REF_ERROR] = true;
  constructor(
    readonly code: ModelRefErrorCode,
    readonly ref: string,
    message: string,
    /** Refs the caller may have meant, closest first. */
    readonly candidates: string[] = [],
  ) {
    super(message);
  }

  /** True for a ModelRefError from any copy of this package. */
  static isInstance(value: unknown): value is ModelRefError {
    return typeof value === 'object' && value !== null && MODEL_REF_ERROR in value;
  }
}

/** A bare Bedrock ARN (`arn:aws:bedrock:...`) names a Bedrock model on its own; its `/` is not a separator. */
function isBedrockArn(ref: string): boolean {
  return /^arn:aws[a-z-]*:bedrock:/.test(ref);
}

/** Why `ref` cannot be a model ref or a bare model id / alias, or undefined when it can. */
export function modelRefProblem(ref: string): string | undefined {
  if (ref.length === 0) return 'a model ref cannot be empty';
  if (ref.trim() !== ref || /\s/.test(ref)) return 'a model ref cannot contain whitespace';
  const slash = ref.indexOf('/');
  if (slash === -1 || isBedrockArn(ref)) return undefined;
  if (slash === 0) return 'the provider before "/" is empty';
  if (slash === ref.length - 1) return 'the model after "/" is empty';
  return undefined;
}

/** True when `ref` names its provider (`provider/model`, or a bare Bedrock ARN). */
export function hasProvider(ref: string): boolean {
  return ref.includes('/') || isBedrockArn(ref);
}

/**
 * Splits `provider/model` on the first `/`. A bare Bedrock ARN is read as `amazon-bedrock/<arn>`. A bare model
 * id has no provider: resolve it with `resolveModelRef`.
 */
export function parseModelRef(ref: string): ModelRef {
  const problem = modelRefProblem(ref);
  if (problem) throw new ModelRefError('model_ref_invalid', ref, `invalid model ref "${ref}": ${problem}`);
  if (isBedrockArn(ref)) return { provider: BEDROCK_PROVIDER_ID, model: ref };
  const slash = ref.indexOf('/');
  if (slash === -1) {
    throw new ModelRefError(
      'model_ref_invalid',
      ref,
      `model ref "${ref}" names no provider: write "provider/${ref}" (for example "${BEDROCK_PROVIDER_ID}/${ref}")`,
    );
  }
  return { provider: ref.slice(0, slash), model: ref.slice(slash + 1) };
}

/** The inverse of `parseModelRef`: `parseModelRef(formatModelRef(ref))` equals `ref`. */
export function formatModelRef(ref: ModelRef): string {
  if (ref.provider.length === 0 || ref.provider.includes('/')) {
    throw new ModelRefError(
      'model_ref_invalid',
      `${ref.provider}/${ref.model}`,
      `invalid provider id "${ref.provider}": it must be non-empty and contain no "/"`,
    );
  }
  const text = `${ref.provider}/${ref.model}`;
  parseModelRef(text); // same rules both ways, so a formatted ref always parses back
  return text;
}
