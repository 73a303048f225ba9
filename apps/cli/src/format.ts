// Small, pure formatters shared by the commands (tested in format.test.ts).

/** 200000 -> '200k', 1000000 -> '1M', 128000 and 131072 -> '128k' (powers of two read the way people say them). */
export function formatTokens(count: number | undefined): string {
  if (count === undefined || !Number.isFinite(count) || count <= 0) return '-';
  if (count >= 1_000_000) return `${trimZero(count / 1_000_000)}M`;
  if (count >= 1_000) return `${trimZero(count / (count % 1000 !== 0 && count % 1024 === 0 ? 1024 : 1000))}k`;
  return String(count);
}

function trimZero(value: number): string {
  return value >= 100 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}

/** USD with enough digits to see a cheap request: 0.000123 -> '$0.000123', 1.5 -> '$1.50'. */
export function formatUsd(value: number): string {
  if (value === 0) return '$0';
  if (value >= 0.01) return `$${value.toFixed(2)}`;
  // Three significant digits without exponent notation: 9e-7 -> $0.0000009.
  const decimals = Math.min(12, 2 - Math.floor(Math.log10(value)));
  return `$${value.toFixed(decimals).replace(/0+$/, '')}`;
}

/** 5400000 -> '1h 30m', 42000 -> '42s', 500 -> 'just now'. */
export function formatAge(ms: number | undefined): string {
  if (ms === undefined) return 'never';
  if (ms < 1000) return 'just now';
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours}h ${minutes % 60}m` : `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

/** Where a region came from, in words: the JSON keeps the raw source token. */
export function describeRegionSource(source: string, profile?: string): string {
  switch (source) {
    case 'default':
      return 'nothing set: the default';
    case 'aws-profile':
      return `from the region of AWS profile ${profile ?? 'default'} (~/.aws/config)`;
    case 'config':
      return 'from the config';
    case 'model-arn':
      return "from the model's ARN";
    case 'profile-prefix':
      return "from the model's inference-profile prefix";
    case 'base-url':
      return 'from the configured baseUrl';
    default:
      return `from ${source}`;
  }
}

/** When something happened: 'just now', '5m ago'. */
export function formatAgo(ms: number): string {
  const age = formatAge(ms);
  return age === 'just now' ? age : `${age} ago`;
}

/** 'text+image' like openclaw's Input column. */
export function formatInput(input: readonly string[] | undefined): string {
  return input && input.length > 0 ? input.join('+') : 'text';
}

const INVOCATION_LABELS: Record<string, string> = {
  'on-demand': 'on-demand',
  'inference-profile': 'inference profile',
  'application-profile': 'application profile',
  configured: 'configured',
};

export function formatInvocation(invocation: string): string {
  return INVOCATION_LABELS[invocation] ?? invocation;
}
