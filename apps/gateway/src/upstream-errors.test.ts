import { ProviderError } from '@outcrop/provider';
import { describe, expect, it } from 'vitest';
import { fromProviderError } from './upstream-errors.js';

const count = (text: string, word: string) => text.split(word).length - 1;

describe('fromProviderError names the upstream exception once', () => {
  it('puts the provider’s own words beside the name', () => {
    const error = new ProviderError('internal', 'Bedrock InternalServerException (HTTP 500): boom', {
      upstreamName: 'InternalServerException',
      upstreamMessage: 'boom',
    });
    const reply = fromProviderError(error);
    expect(reply).toMatchObject({ code: 'upstream_error', status: 502 });
    expect(reply.message).toBe('Amazon Bedrock failed (InternalServerException): boom');
  });

  it('quotes a message that already names it as it is', () => {
    const error = new ProviderError(
      'access_denied',
      'Bedrock AccessDeniedException: no access to the model',
      {
        upstreamName: 'AccessDeniedException',
      },
    );
    const reply = fromProviderError(error);
    expect(reply.message).toBe(
      "Amazon Bedrock denied the gateway's AWS identity: Bedrock AccessDeniedException: no access to the model",
    );
    expect(count(reply.message, 'AccessDeniedException')).toBe(1);
  });

  it('names it in parentheses when the message does not', () => {
    const error = new ProviderError(
      'authentication',
      'The security token included in the request is expired.',
      {
        upstreamName: 'ExpiredTokenException',
      },
    );
    const reply = fromProviderError(error);
    expect(reply).toMatchObject({ code: 'upstream_credentials', status: 503 });
    expect(reply.message).toMatch(
      /^The gateway's own AWS credentials failed \(ExpiredTokenException\): The security token included in the request is expired\. Fix /,
    );
  });

  it('keeps a provider failure without an upstream name a 500 (the gateway’s own bug)', () => {
    const reply = fromProviderError(new ProviderError('internal', 'mapper blew up'));
    expect(reply).toMatchObject({ code: 'internal', status: 500, message: 'mapper blew up' });
  });
});
