import { describe, expect, it } from 'vitest';
import { DiscoveryError, toDiscoveryError } from './errors.js';

const sdkError = (name: string, status?: number, message = 'upstream said no') =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status, requestId: 'req-9' } });

describe('toDiscoveryError', () => {
  it('names the missing IAM action on AccessDenied', () => {
    const models = toDiscoveryError(
      sdkError('AccessDeniedException', 403),
      'ListFoundationModels',
      'us-east-1',
    );
    expect(models).toMatchObject({
      code: 'access_denied',
      missingAction: 'bedrock:ListFoundationModels',
      httpStatus: 403,
      requestId: 'req-9',
      retryable: false,
    });
    expect(models.message).toContain('bedrock:ListFoundationModels');
    expect(models.message).toContain('us-east-1');
    const profiles = toDiscoveryError(
      sdkError('AccessDeniedException', 403),
      'ListInferenceProfiles',
      'eu-west-1',
    );
    expect(profiles.missingAction).toBe('bedrock:ListInferenceProfiles');
  });

  it('classifies rejected credentials, throttling, server faults, bad requests and network failures', () => {
    const unrecognized = toDiscoveryError(
      sdkError('UnrecognizedClientException', 403),
      'ListFoundationModels',
      'r',
    );
    expect(unrecognized).toMatchObject({ code: 'access_denied', missingAction: undefined });
    expect(toDiscoveryError(sdkError('ExpiredTokenException', 400), 'ListFoundationModels', 'r').code).toBe(
      'access_denied',
    );
    expect(toDiscoveryError(sdkError('ThrottlingException', 429), 'ListFoundationModels', 'r')).toMatchObject(
      {
        code: 'throttled',
        retryable: true,
      },
    );
    expect(toDiscoveryError(sdkError('InternalServerException', 500), 'ListFoundationModels', 'r').code).toBe(
      'network',
    );
    expect(toDiscoveryError(sdkError('ValidationException', 400), 'ListFoundationModels', 'r').code).toBe(
      'invalid_response',
    );
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    expect(toDiscoveryError(refused, 'ListFoundationModels', 'r')).toMatchObject({
      code: 'network',
      retryable: true,
    });
    expect(toDiscoveryError('weird', 'ListFoundationModels', 'r').code).toBe('network');
  });

  it('never repeats the canonical request of a signature error (it can hold a session token)', () => {
    const message =
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'GET\n/foundation-models\n\nx-amz-security-token:IQoJb3JpZ2luX2VjEXAMPLETOKEN\n'";
    const error = toDiscoveryError(
      sdkError('InvalidSignatureException', 403, message),
      'ListFoundationModels',
      'r',
    );
    expect(error.code).toBe('access_denied');
    expect(error.message).toContain('signature we calculated does not match');
    expect(error.message).not.toContain('IQoJb3JpZ2luX2VjEXAMPLETOKEN');
    const long = toDiscoveryError(
      sdkError('ValidationException', 400, 'x'.repeat(5_000)),
      'ListFoundationModels',
      'r',
    );
    expect(long.message.length).toBeLessThan(500);
  });

  it('is recognisable across package copies and serialises without its cause', () => {
    const error = new DiscoveryError('throttled', 'slow down', { cause: { secret: 'x' } });
    expect(DiscoveryError.isInstance(error)).toBe(true);
    expect(DiscoveryError.isInstance(new Error('x'))).toBe(false);
    expect(JSON.stringify(error)).not.toContain('secret');
  });
});
