import { describe, expect, it } from 'vitest';
import { Counter, GatewayMetrics, Histogram } from './metrics.js';

describe('metrics exposition', () => {
  it('renders counters with sorted, escaped labels', () => {
    const counter = new Counter('c_total', 'A counter.');
    counter.inc({ status: '200', model: 'a"b' });
    counter.inc({ model: 'a"b', status: '200' }, 2);
    expect(counter.render()).toBe(
      '# HELP c_total A counter.\n# TYPE c_total counter\nc_total{model="a\\"b",status="200"} 3\n',
    );
  });

  it('renders cumulative histogram buckets, sum and count', () => {
    const h = new Histogram('h_seconds', 'A histogram.', [0.1, 1]);
    h.observe(0.05, { model: 'm' });
    h.observe(0.5, { model: 'm' });
    h.observe(5, { model: 'm' });
    const text = h.render();
    expect(text).toContain('h_seconds_bucket{le="0.1",model="m"} 1\n');
    expect(text).toContain('h_seconds_bucket{le="1",model="m"} 2\n');
    expect(text).toContain('h_seconds_bucket{le="+Inf",model="m"} 3\n');
    expect(text).toContain('h_seconds_sum{model="m"} 5.55\n');
    expect(text).toContain('h_seconds_count{model="m"} 3\n');
  });

  it('exposes every gateway series, with active streams at zero before any request', () => {
    const text = new GatewayMetrics().render();
    for (const name of [
      'outcrop_gateway_requests_total',
      'outcrop_gateway_time_to_first_token_seconds',
      'outcrop_gateway_request_duration_seconds',
      'outcrop_gateway_tokens_total',
      'outcrop_gateway_upstream_errors_total',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(text).toContain('outcrop_gateway_active_streams 0\n');
  });
});
