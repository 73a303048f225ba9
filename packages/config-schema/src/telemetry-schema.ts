// biome-ignore-all lint/suspicious/noTemplateCurlyInString: descriptions show users the literal ${ENV_VAR} syntax
// `gateway.telemetry`: OpenTelemetry traces over OTLP. Off unless an endpoint is configured here or in the
// standard OTEL_EXPORTER_OTLP_* variables; the gateway loads no OpenTelemetry code while it is off.
import { z } from 'zod';
import { boolean, expected, headers, httpUrl, nonEmptyString, oneOf, positiveInt } from './schema-fields.js';

const object = <T extends z.core.$ZodLooseShape>(shape: T) => z.strictObject(shape, expected('an object'));

export const telemetrySchema = object({
  enabled: boolean()
    .optional()
    .describe(
      'Export traces; default: on when otlp.endpoint or OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT is set. false turns them off',
    ),
  serviceName: nonEmptyString()
    .optional()
    .describe('service.name of the traces (default $OTEL_SERVICE_NAME, else "outcrop-gateway")'),
  otlp: object({
    endpoint: httpUrl()
      .optional()
      .describe(
        'OTLP/HTTP collector base URL such as "http://127.0.0.1:4318" (/v1/traces is appended unless present)',
      ),
    protocol: oneOf(['http/protobuf', 'http/json'])
      .optional()
      .describe('OTLP encoding (default $OTEL_EXPORTER_OTLP_PROTOCOL, else "http/protobuf")'),
    headers: headers()
      .default({})
      .describe('Headers sent with every export, e.g. an API key as "${ENV_VAR}"; never logged'),
    timeoutMs: positiveInt().default(10_000).describe('How long one export may take'),
  })
    .prefault({})
    .describe('Where traces go'),
  sampleRatio: z
    .number(expected('a number from 0 to 1'))
    .min(0, 'expected a number from 0 to 1')
    .max(1, 'expected a number from 0 to 1')
    .default(1)
    .describe("Share of requests traced (a caller's sampled traceparent is always followed)"),
})
  .prefault({})
  .describe('OpenTelemetry traces (GenAI semantic conventions); no prompt or answer text is recorded');

export type TelemetryConfig = z.output<typeof telemetrySchema>;
