import { type BedrockConnection, resolveRegion } from '@outcrop/credentials';

/**
 * The region to call `modelId` in: the region inside an ARN, or the region an inference-profile
 * prefix requires when the connection's region cannot serve it (`eu.` from us-east-1), else the
 * connection's own region. The connection's region stands in for the environment here, so this
 * reads nothing from process.env or ~/.aws.
 */
export function regionForModel(connection: BedrockConnection, modelId: string): string {
  const resolved = resolveRegion({ modelId, env: { AWS_REGION: connection.region.region } });
  return resolved.source === 'model-arn' || resolved.source === 'profile-prefix'
    ? resolved.region
    : connection.region.region;
}
