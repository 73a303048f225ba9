import { describe, expect, it } from 'vitest';
import { CredentialsError, credentialsErrorFromSdk } from './credentials-error.js';

function sdkError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

describe('credentialsErrorFromSdk', () => {
  const source = 'env: AWS_PROFILE (dev)';
  it('cuts the signed request an STS signature error echoes, so a session token in it never reaches the message', () => {
    const error = credentialsErrorFromSdk(
      sdkError(
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided.\n\nThe Canonical String ' +
          "for this request should have been\n'POST\n/\n\nx-amz-security-token:IQoJb3JpZ2lu-short\n'",
      ),
      { source, profile: 'dev' },
    );
    expect(error.message).toBe(
      `Could not load credentials from ${source}: The request signature we calculated does not match the signature you provided.`,
    );
    expect(error.detail).toBe(
      'The request signature we calculated does not match the signature you provided.',
    );
  });

  it('recognises an expired SSO session', () => {
    const error = credentialsErrorFromSdk(
      sdkError(
        'CredentialsProviderError',
        'The SSO session token associated with profile=dev was not found or is expired',
      ),
      { source, profile: 'dev' },
    );
    expect(error).toMatchObject({
      code: 'sso_session_expired',
      source,
      sdkErrorName: 'CredentialsProviderError',
    });
    expect(error.hint).toBe('Run `aws sso login --profile dev` and try again.');
  });
  it('recognises expired session credentials', () => {
    expect(
      credentialsErrorFromSdk(
        sdkError('ExpiredTokenException', 'The security token included in the request is expired'),
        { source },
      ).code,
    ).toBe('expired_credentials');
  });
  it('recognises a missing profile', () => {
    const error = credentialsErrorFromSdk(
      sdkError(
        'CredentialsProviderError',
        'Could not resolve credentials using profile: [dev] in configuration/credentials file(s).',
      ),
      { source, profile: 'dev' },
    );
    expect(error.code).toBe('profile_not_found');
  });
  it('falls back to no_credentials, quoting the SDK message redacted', () => {
    const error = credentialsErrorFromSdk(sdkError('Error', 'process printed AKIAIOSFODNN7EXAMPLE'), {
      source,
    });
    expect(error.code).toBe('no_credentials');
    expect(error.message).toContain('AKIA…MPLE');
    expect(error.message).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });
  it('passes a CredentialsError through unchanged and recognises copies by marker', () => {
    const original = new CredentialsError('no_credentials', 'x', { hint: 'y' });
    expect(credentialsErrorFromSdk(original, { source })).toBe(original);
    expect(CredentialsError.isInstance(original)).toBe(true);
    expect(CredentialsError.isInstance(new Error('x'))).toBe(false);
    expect(
      CredentialsError.isInstance({ name: 'CredentialsError', [Symbol.for('outcrop.error')]: true }),
    ).toBe(true);
  });
});
