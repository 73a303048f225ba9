import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors.js';
import { toBase64 } from './handler.js';
import { MAX_INPUTS, parseEmbeddingsRequest } from './request.js';

const failure = (body: unknown) => {
  try {
    parseEmbeddingsRequest(body);
  } catch (err) {
    if (err instanceof GatewayError) return err;
    throw err;
  }
  throw new Error('expected a GatewayError');
};

describe('parseEmbeddingsRequest', () => {
  it('takes a string or an array of strings, float by default, with the extra fields', () => {
    expect(parseEmbeddingsRequest({ model: 'm', input: 'one' })).toEqual({
      model: 'm',
      inputs: ['one'],
      encoding: 'float',
      ignored: [],
    });
    expect(
      parseEmbeddingsRequest({
        model: 'm',
        input: ['a', 'b'],
        encoding_format: 'base64',
        dimensions: 256,
        input_type: 'search_query',
        normalize: false,
        user: 'u',
        extra: 1,
      }),
    ).toEqual({
      model: 'm',
      inputs: ['a', 'b'],
      encoding: 'base64',
      dimensions: 256,
      inputType: 'search_query',
      normalize: false,
      ignored: ['ignored(extra)'],
    });
  });

  it('names the field at fault in param', () => {
    expect(failure({ input: 'x' }).param).toBe('model');
    expect(failure({ model: 'm' }).param).toBe('input');
    expect(failure({ model: 'm', input: '' }).param).toBe('input');
    expect(failure({ model: 'm', input: [] }).param).toBe('input');
    expect(failure({ model: 'm', input: ['ok', ''] }).param).toBe('input[1]');
    expect(failure({ model: 'm', input: ['ok', { text: 'x' }] }).param).toBe('input[1]');
    expect(failure({ model: 'm', input: 'x', dimensions: 0 }).param).toBe('dimensions');
    expect(failure({ model: 'm', input: 'x', encoding_format: 'int8' }).param).toBe('encoding_format');
    expect(failure({ model: 'm', input: 'x', input_type: 'query' }).param).toBe('input_type');
    expect(failure(null).param).toBeNull();
  });

  it('refuses token arrays and more than MAX_INPUTS texts', () => {
    expect(failure({ model: 'm', input: [1, 2] })).toMatchObject({
      code: 'unsupported_parameter',
      param: 'input',
    });
    expect(failure({ model: 'm', input: [[1], [2]] })).toMatchObject({ code: 'unsupported_parameter' });
    const many = failure({ model: 'm', input: Array.from({ length: MAX_INPUTS + 1 }, () => 'x') });
    expect(many).toMatchObject({ code: 'invalid_request', param: 'input' });
    expect(
      parseEmbeddingsRequest({ model: 'm', input: Array.from({ length: MAX_INPUTS }, () => 'x') }).inputs,
    ).toHaveLength(MAX_INPUTS);
  });
});

describe('toBase64', () => {
  it('is little-endian float32, as OpenAI sends it', () => {
    const bytes = Buffer.from(toBase64([1, -0.5, 0.25]), 'base64');
    expect(Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, 3))).toEqual([1, -0.5, 0.25]);
    expect(bytes.readFloatLE(4)).toBe(-0.5);
  });
});
