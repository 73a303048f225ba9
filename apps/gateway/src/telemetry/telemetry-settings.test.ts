import { parseConfig } from '@outcrop/config-schema';
import { describe, expect, it } from 'vitest';
import { parseHeaderList, resolveTelemetrySettings, TelemetryConfigError } from './telemetry-settings.js';

const telemetry = (section: Record<string, unknown> = {}) =>
  parseConfig(JSON.stringify({ gateway: { telemetry: section } }), { env: {} }).gateway.telemetry;

describe('resolveTelemetrySettings', () => {
  it('is off with no endpoint anywhere', () => {
    expect(resolveTelemetrySettings(telemetry(), {})).toBeUndefined();
  });

  it('takes the config endpoint as a base URL and appends /v1/traces once', () => {
    const a = resolveTelemetrySettings(telemetry({ otlp: { endpoint: 'http://collector:4318/' } }), {});
    expect(a).toMatchObject({
      url: 'http://collector:4318/v1/traces',
      protocol: 'http/protobuf',
      serviceName: 'outcrop-gateway',
      endpointSource: 'config',
      sampleRatio: 1,
      timeoutMs: 10_000,
    });
    const b = resolveTelemetrySettings(
      telemetry({ otlp: { endpoint: 'http://collector:4318/v1/traces' } }),
      {},
    );
    expect(b?.url).toBe('http://collector:4318/v1/traces');
  });

  it('honours the standard variables: the traces endpoint as given, the generic one as a base', () => {
    expect(
      resolveTelemetrySettings(telemetry(), {
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://a:4318/custom/traces',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://b:4318',
      }),
    ).toMatchObject({
      url: 'http://a:4318/custom/traces',
      endpointSource: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    });
    expect(
      resolveTelemetrySettings(telemetry(), {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://b:4318',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_SERVICE_NAME: 'svc',
        OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Basic%20abc,x-team=rocks',
      }),
    ).toMatchObject({
      url: 'http://b:4318/v1/traces',
      protocol: 'http/json',
      serviceName: 'svc',
      headers: { authorization: 'Basic abc', 'x-team': 'rocks' },
    });
  });

  it('config wins over the environment; enabled: false and OTEL_SDK_DISABLED turn it off', () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://b:4318', OTEL_SERVICE_NAME: 'env-name' };
    expect(
      resolveTelemetrySettings(
        telemetry({ serviceName: 'cfg', otlp: { endpoint: 'http://c:4318', headers: { 'x-key': 'k' } } }),
        { ...env, OTEL_EXPORTER_OTLP_HEADERS: 'x-key=env' },
      ),
    ).toMatchObject({ url: 'http://c:4318/v1/traces', serviceName: 'cfg', headers: { 'x-key': 'k' } });
    expect(resolveTelemetrySettings(telemetry({ enabled: false }), env)).toBeUndefined();
    expect(resolveTelemetrySettings(telemetry(), { ...env, OTEL_SDK_DISABLED: 'true' })).toBeUndefined();
    expect(resolveTelemetrySettings(telemetry(), { ...env, OTEL_TRACES_EXPORTER: 'none' })).toBeUndefined();
  });

  it('enabled: true without an endpoint uses the OTLP default, localhost:4318', () => {
    expect(resolveTelemetrySettings(telemetry({ enabled: true }), {})).toMatchObject({
      url: 'http://localhost:4318/v1/traces',
      endpointSource: 'default',
    });
  });

  it('refuses gRPC and bad variables with an error naming the variable, never a header value', () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://b:4317', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' };
    expect(() => resolveTelemetrySettings(telemetry(), env)).toThrow(TelemetryConfigError);
    expect(() => resolveTelemetrySettings(telemetry(), env)).toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL=grpc/);
    expect(() =>
      resolveTelemetrySettings(telemetry(), { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }),
    ).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL/);
    let message = '';
    try {
      parseHeaderList('secret-value-without-key', 'OTEL_EXPORTER_OTLP_HEADERS');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('OTEL_EXPORTER_OTLP_HEADERS');
    expect(message).not.toContain('secret-value');
  });

  it('the config schema rejects a sample ratio outside 0..1 and a non-http endpoint, located', () => {
    expect(() => telemetry({ sampleRatio: 2 })).toThrow(/gateway\.telemetry\.sampleRatio/);
    expect(() => telemetry({ otlp: { endpoint: 'grpc://x:4317' } })).toThrow(
      /gateway\.telemetry\.otlp\.endpoint/,
    );
  });
});
