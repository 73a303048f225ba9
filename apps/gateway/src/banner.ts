/** What the gateway prints when it is ready: where it listens, what it serves, and a curl to paste. */
export interface BannerInfo {
  url: string;
  usingEmulator: boolean;
  credentialLabel: string;
  region: string;
  configPath?: string;
  models: string[];
  authRequired: boolean;
}

export function renderBanner(info: BannerInfo): string {
  const example = info.models[0] ?? '<model>';
  const lines = [
    `Outcrop gateway listening on ${info.url}`,
    info.usingEmulator
      ? '  upstream:    EMULATOR (no AWS credentials found; replies come from the embedded Bedrock emulator)'
      : `  upstream:    Amazon Bedrock in ${info.region}`,
    `  credentials: ${info.usingEmulator ? 'none (emulator keys)' : info.credentialLabel}`,
    `  config:      ${info.configPath ?? 'none (defaults)'}`,
    `  models:      ${info.models.length} (GET ${info.url}/v1/models)`,
    `  metrics:     ${info.url}/metrics`,
    '',
    'Try it:',
    curlExample(info.url, example, info.authRequired),
  ];
  if (info.usingEmulator) {
    lines.push(
      '',
      'Set AWS credentials (or AWS_BEARER_TOKEN_BEDROCK) and restart to serve real Bedrock models.',
    );
  }
  return `${lines.join('\n')}\n`;
}

export function curlExample(url: string, model: string, authRequired: boolean): string {
  const body = JSON.stringify({
    model,
    stream: true,
    messages: [{ role: 'user', content: 'Say hello from Bedrock in five words.' }],
  });
  const auth = authRequired ? ` \\\n  -H "Authorization: Bearer $OUTCROP_GATEWAY_TOKEN"` : '';
  return `curl -N ${url}/v1/chat/completions \\\n  -H 'Content-Type: application/json'${auth} \\\n  -d '${body}'`;
}
