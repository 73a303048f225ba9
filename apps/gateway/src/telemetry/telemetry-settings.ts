// What `gateway.telemetry` and the standard OTEL_* variables ask for, resolved once at start-up. Off is the
// default: no endpoint anywhere, `enabled: false`, OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none.
import type { TelemetryConfig } from '@outcrop/config-schema';

export type Env = Record<string, string | undefined>;

export interface TelemetrySettings {
  /** Full traces URL (…/v1/traces). */
  url: string;
  protocol: 'http/protobuf' | 'http/json';
  /** Never logged. */
  headers: Record<string, string>;
  serviceName: string;
  timeoutMs: number;
  sampleRatio: number;
  /** Where the endpoint came from, for the start-up log line. */
  endpointSource: 'config' | 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' | 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'default';
}

/** A telemetry setting the gateway cannot honour; names the setting or variable at fault. */
export class TelemetryConfigError extends Error {
  override readonly name = 'TelemetryConfigError';
  readonly code = 'telemetry_config_invalid';
  constructor(
    message: string,
    readonly setting: string,
  ) {
    super(message);
  }
}

const DEFAULT_ENDPOINT = 'http://localhost:4318';
const TRACES_PATH = '/v1/traces';

/** The settings to export with, or undefined when telemetry is off. */
export function resolveTelemetrySettings(config: TelemetryConfig, env: Env): TelemetrySettings | undefined {
  if (config.enabled === false) return undefined;
  if (value(env, 'OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return undefined;
  if (value(env, 'OTEL_TRACES_EXPORTER')?.toLowerCase() === 'none') return undefined;
  const endpoint = resolveEndpoint(config, env);
  if (!endpoint) return undefined;
  return {
    ...endpoint,
    protocol: resolveProtocol(config, env),
    headers: {
      ...parseHeaderList(value(env, 'OTEL_EXPORTER_OTLP_HEADERS'), 'OTEL_EXPORTER_OTLP_HEADERS'),
      ...parseHeaderList(
        value(env, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS'),
        'OTEL_EXPORTER_OTLP_TRACES_HEADERS',
      ),
      ...config.otlp.headers,
    },
    serviceName: config.serviceName ?? value(env, 'OTEL_SERVICE_NAME') ?? 'outcrop-gateway',
    timeoutMs: config.otlp.timeoutMs,
    sampleRatio: config.sampleRatio,
  };
}

function resolveEndpoint(
  config: TelemetryConfig,
  env: Env,
): Pick<TelemetrySettings, 'url' | 'endpointSource'> | undefined {
  if (config.otlp.endpoint) return { url: tracesUrl(config.otlp.endpoint), endpointSource: 'config' };
  // The signal-specific variable is used as given; the generic one is a base URL (OTLP exporter spec).
  const traces = value(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  if (traces)
    return {
      url: checkedUrl(traces, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'),
      endpointSource: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    };
  const base = value(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  if (base) {
    checkedUrl(base, 'OTEL_EXPORTER_OTLP_ENDPOINT');
    return { url: tracesUrl(base), endpointSource: 'OTEL_EXPORTER_OTLP_ENDPOINT' };
  }
  if (config.enabled === true) return { url: tracesUrl(DEFAULT_ENDPOINT), endpointSource: 'default' };
  return undefined;
}

function resolveProtocol(config: TelemetryConfig, env: Env): TelemetrySettings['protocol'] {
  if (config.otlp.protocol) return config.otlp.protocol;
  for (const name of ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL']) {
    const protocol = value(env, name);
    if (protocol === undefined) continue;
    if (protocol === 'http/protobuf' || protocol === 'http/json') return protocol;
    throw new TelemetryConfigError(
      `${name}=${protocol} is not supported: the gateway exports OTLP over HTTP ("http/protobuf" or "http/json"); set ${name} or gateway.telemetry.otlp.protocol to one of them`,
      name,
    );
  }
  return 'http/protobuf';
}

function tracesUrl(base: string): string {
  const trimmed = base.replace(/\/+$/, '');
  return trimmed.endsWith(TRACES_PATH) ? trimmed : `${trimmed}${TRACES_PATH}`;
}

function checkedUrl(url: string, name: string): string {
  if (!/^https?:\/\/[^\s/]+/i.test(url)) {
    throw new TelemetryConfigError(`${name} must be an http(s) URL such as http://127.0.0.1:4318`, name);
  }
  return url;
}

/** `key1=value1,key2=value2`, values percent-encoded (the OTLP exporter spec's W3C Baggage-like format). */
export function parseHeaderList(text: string | undefined, name: string): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!text) return headers;
  for (const item of text.split(',')) {
    if (!item.trim()) continue;
    const at = item.indexOf('=');
    const key = at > 0 ? item.slice(0, at).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(key)) {
      // The value may be a secret: the message names the variable and the entry's position only.
      throw new TelemetryConfigError(`${name} has an entry that is not key=value`, name);
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(item.slice(at + 1).trim());
    } catch {
      throw new TelemetryConfigError(`${name}: the value of ${key} is not valid percent-encoding`, name);
    }
    if (/[\r\n]/.test(decoded))
      throw new TelemetryConfigError(`${name}: the value of ${key} has a line break`, name);
    headers[key.toLowerCase()] = decoded;
  }
  return headers;
}

function value(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}
