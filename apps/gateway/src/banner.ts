/** What the gateway prints when it is ready: where it listens, what it serves, and a curl to paste. */
export interface BannerInfo {
  url: string;
  usingEmulator: boolean;
  credentialLabel: string;
  region: string;
  configPath?: string;
  models: string[];
  authRequired: boolean;
  /** What the curl sends after "Bearer" (see `bearerForCurl`). */
  bearer?: string;
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
    `  console:     ${info.url}/console`,
    '',
    'Try it:',
    curlExample(info.url, example, info.authRequired, info.bearer),
  ];
  if (info.usingEmulator) {
    lines.push(
      '',
      'Set AWS credentials (or AWS_BEARER_TOKEN_BEDROCK) and restart to serve real Bedrock models.',
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A curl that streams one reply. With auth, `bearer` is what follows "Bearer": a shell variable such as
 * `$GW_TOKEN`, or a placeholder; never the token itself.
 */
export function curlExample(
  url: string,
  model: string,
  authRequired: boolean,
  bearer = '$OUTCROP_GATEWAY_TOKEN',
): string {
  const body = JSON.stringify({
    model,
    stream: true,
    messages: [{ role: 'user', content: 'Say hello from Bedrock in five words.' }],
  });
  const auth = authRequired ? ` \\\n  -H "Authorization: Bearer ${bearer}"` : '';
  return `curl -N ${url}/v1/chat/completions \\\n  -H 'Content-Type: application/json'${auth} \\\n  -d '${body}'`;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * What the banner's curl sends after "Bearer": the environment variable that supplied the first token (the
 * config's `${VAR}`, after substitution), else a placeholder, since a literal token must not be printed.
 */
export function bearerForCurl(token: string | undefined, env: Record<string, string | undefined>): string {
  if (token === undefined || env.OUTCROP_GATEWAY_TOKEN === token) return '$OUTCROP_GATEWAY_TOKEN';
  const name = Object.keys(env).find((key) => ENV_NAME.test(key) && env[key] === token);
  return name ? `$${name}` : '<token from gateway.auth.tokens>';
}
