// `POST /v1/embeddings` bodies, as OpenAI's Embeddings API and its SDKs send them, validated with zod. The first
// issue becomes an OpenAI-style error whose `param` names the caller's field.
import type { EmbeddingInputType } from '@outcrop/provider';
import { z } from 'zod';
import { GatewayError } from '../errors.js';
import { parseOpenAIBody } from '../openai-request.js';

/** OpenAI's own limit on the texts of one request; the provider then batches within the model's limit. */
export const MAX_INPUTS = 2048;

const INPUT_TYPES = ['search_document', 'search_query', 'classification', 'clustering'] as const;
const KNOWN = new Set(['model', 'input', 'encoding_format', 'dimensions', 'user', 'input_type', 'normalize']);

const embeddingsRequestSchema = z.object({
  model: z.string().min(1, 'model is required'),
  // Checked by hand (textsOf): a union's issue would not say which text is wrong.
  input: z.unknown().refine((value) => value !== undefined, 'input is required'),
  encoding_format: z.enum(['float', 'base64']).optional(),
  dimensions: z.number().int().positive().optional(),
  user: z.string().optional(),
  // Extra body fields (the SDKs' `extra_body` / extra keys): Cohere's input type and Titan's normalize.
  input_type: z.enum(INPUT_TYPES).optional(),
  normalize: z.boolean().optional(),
});

export interface EmbeddingsRequest {
  model: string;
  inputs: string[];
  encoding: 'float' | 'base64';
  dimensions?: number;
  inputType?: EmbeddingInputType;
  normalize?: boolean;
  /** Body fields the gateway does not know, for `x-outcrop-warnings`. */
  ignored: string[];
}

/** Validates a parsed JSON body into the texts to embed and the settings. */
export function parseEmbeddingsRequest(body: unknown): EmbeddingsRequest {
  const request = parseOpenAIBody(embeddingsRequestSchema, body);
  const inputs = textsOf(request.input);
  const ignored = Object.keys(body as object)
    .filter((key) => !KNOWN.has(key))
    .map((key) => `ignored(${key})`);
  return {
    model: request.model,
    inputs,
    encoding: request.encoding_format ?? 'float',
    ...(request.dimensions !== undefined ? { dimensions: request.dimensions } : {}),
    ...(request.input_type !== undefined ? { inputType: request.input_type } : {}),
    ...(request.normalize !== undefined ? { normalize: request.normalize } : {}),
    ignored,
  };
}

/** The texts of `input`: a string or an array of strings, none empty, at most MAX_INPUTS. */
function textsOf(input: unknown): string[] {
  const invalid = (param: string, message: string) => new GatewayError('invalid_request', message, { param });
  const tokenArrays = () =>
    new GatewayError(
      'unsupported_parameter',
      'Token arrays are not supported: Bedrock embedding models take text, so send input as strings.',
      { param: 'input' },
    );
  if (typeof input === 'string') {
    if (input === '') throw invalid('input', "Invalid value for 'input': it cannot be an empty string.");
    return [input];
  }
  if (!Array.isArray(input)) {
    throw invalid('input', "Invalid value for 'input': expected a string or an array of strings.");
  }
  if (input.length === 0) throw invalid('input', "Invalid value for 'input': give at least one text.");
  if (input.length > MAX_INPUTS) {
    throw invalid('input', `input has ${input.length} texts; one request takes at most ${MAX_INPUTS}.`);
  }
  return input.map((item: unknown, index) => {
    if (typeof item === 'string') {
      if (item === '')
        throw invalid(
          `input[${index}]`,
          `Invalid value for 'input[${index}]': it cannot be an empty string.`,
        );
      return item;
    }
    if (typeof item === 'number' || Array.isArray(item)) throw tokenArrays();
    throw invalid(`input[${index}]`, `Invalid value for 'input[${index}]': expected a string.`);
  });
}
