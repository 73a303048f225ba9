import { describe, expect, it } from 'vitest';
import { GatewayMetrics } from '../metrics.js';
import { mergeMetrics } from './merge-metrics.js';

describe('mergeMetrics', () => {
  it('sums the same series across workers and keeps series only one worker has', () => {
    const a = new GatewayMetrics();
    const b = new GatewayMetrics();
    a.requests.inc({ route: 'chat-completions', status: '200' }, 3);
    b.requests.inc({ route: 'chat-completions', status: '200' }, 2);
    b.requests.inc({ route: 'models', status: '200' }, 1);
    a.duration.observe(0.2, { route: 'chat-completions', model: 'm' });
    b.duration.observe(0.4, { route: 'chat-completions', model: 'm' });
    const merged = mergeMetrics([a.render(), b.render()]);
    expect(merged).toContain('outcrop_gateway_requests_total{route="chat-completions",status="200"} 5\n');
    expect(merged).toContain('outcrop_gateway_requests_total{route="models",status="200"} 1\n');
    expect(merged).toMatch(/outcrop_gateway_request_duration_seconds_count\{[^}]*\} 2\n/);
    expect(merged).toMatch(/outcrop_gateway_request_duration_seconds_sum\{[^}]*\} 0\.6\n/);
    // One HELP and TYPE per family, each before its samples.
    expect(merged.match(/# TYPE outcrop_gateway_requests_total /g)).toHaveLength(1);
    expect(merged.indexOf('# TYPE outcrop_gateway_requests_total')).toBeLessThan(
      merged.indexOf('outcrop_gateway_requests_total{'),
    );
  });

  it('returns one worker’s exposition unchanged in substance', () => {
    const a = new GatewayMetrics();
    a.requests.inc({ route: 'models', status: '200' }, 4);
    expect(mergeMetrics([a.render()])).toBe(a.render());
  });
});
