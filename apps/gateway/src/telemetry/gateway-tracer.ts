// The gateway's tracer: the no-op one while telemetry is off, so that nothing from OpenTelemetry is imported; the
// SDK (otel-tracer.ts) is loaded only when settings exist.
import type { Logger } from '../logging.js';
import { type GatewayTracer, NOOP_TRACER } from './request-trace.js';
import type { TelemetrySettings } from './telemetry-settings.js';

/** The tracer for these settings; undefined settings (telemetry off) load nothing. */
export async function openGatewayTracer(
  settings: TelemetrySettings | undefined,
  log: Logger,
): Promise<GatewayTracer> {
  if (!settings) return NOOP_TRACER;
  const { createOtelTracer } = await import('./otel-tracer.js');
  return createOtelTracer(settings, log);
}
