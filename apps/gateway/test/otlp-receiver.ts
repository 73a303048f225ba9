// A tiny OTLP/HTTP JSON collector on 127.0.0.1 for tests: decodes what the exporter posts to /v1/traces.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';

type AnyValue = {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: AnyValue[] };
};
type KeyValue = { key: string; value: AnyValue };

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP SpanKind: 2 SERVER, 3 CLIENT. */
  kind: number;
  attributes: Record<string, unknown>;
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  status: { code: number; message?: string };
  resource: Record<string, unknown>;
}

/** OTLP SpanKind values. */
export const SERVER = 2;
export const CLIENT = 3;

/** One request's spans: its only SERVER span and the CLIENT spans under it, in attempt order. */
export function requestSpans(spans: readonly ReceivedSpan[]): {
  request: ReceivedSpan;
  attempts: ReceivedSpan[];
} {
  const servers = spans.filter((s) => s.kind === SERVER);
  expect(servers).toHaveLength(1);
  const request = servers[0]!;
  const attempts = spans
    .filter((s) => s.kind === CLIENT && s.parentSpanId === request.spanId)
    .sort(
      (a, b) =>
        Number(a.attributes['outcrop.attempt.number']) - Number(b.attributes['outcrop.attempt.number']),
    );
  return { request, attempts };
}

export interface OtlpReceiver {
  /** Base URL, e.g. http://127.0.0.1:PORT (the exporter appends /v1/traces). */
  url: string;
  spans: ReceivedSpan[];
  /** Every request body as received, for checks that something never appears. */
  bodies: string[];
  headers: IncomingHttpHeaders[];
  clear(): void;
  stop(): Promise<void>;
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const received: Omit<OtlpReceiver, 'url' | 'stop' | 'clear'> = { spans: [], bodies: [], headers: [] };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      received.bodies.push(body);
      received.headers.push(req.headers);
      received.spans.push(...decode(JSON.parse(body)));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ...received,
    clear() {
      received.spans.length = 0;
      received.bodies.length = 0;
      received.headers.length = 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface ExportRequest {
  resourceSpans?: {
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: {
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind: number;
        attributes?: KeyValue[];
        status?: { code?: number; message?: string };
      }[];
    }[];
  }[];
}

function decode(request: ExportRequest): ReceivedSpan[] {
  const out: ReceivedSpan[] = [];
  for (const rs of request.resourceSpans ?? []) {
    const resource = attributes(rs.resource?.attributes);
    for (const ss of rs.scopeSpans ?? []) {
      for (const span of ss.spans ?? []) {
        out.push({
          traceId: span.traceId,
          spanId: span.spanId,
          ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
          name: span.name,
          kind: span.kind,
          attributes: attributes(span.attributes),
          status: {
            code: span.status?.code ?? 0,
            ...(span.status?.message ? { message: span.status.message } : {}),
          },
          resource,
        });
      }
    }
  }
  return out;
}

function attributes(list: KeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, decodeValue(value)]));
}

function decodeValue(value: AnyValue): unknown {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(decodeValue);
  return undefined;
}
