import type { ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';

type Handler = (args: { request?: unknown }) => Promise<unknown>;

/**
 * The SDK numbers attempts itself, but we retry outside it (`maxAttempts: 1`). Rewriting the
 * retry headers before signing keeps one `amz-sdk-invocation-id` across our attempts and an
 * honest `amz-sdk-request: attempt=N; max=M`, so server-side logs can count them.
 */
export function setAttemptHeaders(
  command: ConverseStreamCommand,
  invocationId: string,
  attempt: number,
  max: number,
): void {
  command.middlewareStack.addRelativeTo(
    ((next: Handler) => async (args: { request?: unknown }) => {
      const request = args.request as { headers?: Record<string, string> } | undefined;
      if (request?.headers) {
        request.headers['amz-sdk-invocation-id'] = invocationId;
        request.headers['amz-sdk-request'] = `attempt=${attempt}; max=${max}`;
      }
      return next(args);
    }) as unknown as Parameters<ConverseStreamCommand['middlewareStack']['addRelativeTo']>[0],
    {
      relation: 'before',
      toMiddleware: 'httpSigningMiddleware',
      name: 'outcropAttemptHeaders',
      override: true,
    },
  );
}
