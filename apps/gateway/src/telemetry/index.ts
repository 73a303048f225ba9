// Traces for the gateway (OpenTelemetry, GenAI conventions). Only gateway-tracer.ts's loader reaches the SDK.
export { openGatewayTracer } from './gateway-tracer.js';
export { OPERATION_BY_ROUTE, SEMCONV_VERSION } from './gen-ai-attributes.js';
export {
  type GatewayTracer,
  NOOP_TRACER,
  type RequestTrace,
  type RequestTraceStart,
} from './request-trace.js';
export {
  resolveTelemetrySettings,
  TelemetryConfigError,
  type TelemetrySettings,
} from './telemetry-settings.js';
export { tracedBackend } from './traced-backend.js';
