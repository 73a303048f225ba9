/**
 * A small Prometheus text exposition (format 0.0.4): counters, gauges and histograms with labels. The gateway
 * needs a handful of series, which does not justify a dependency.
 */

type Labels = Record<string, string>;

function labelKey(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '';
  return `{${keys.map((k) => `${k}="${escapeLabel(labels[k]!)}"`).join(',')}}`;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function formatNumber(n: number): string {
  if (n === Number.POSITIVE_INFINITY) return '+Inf';
  return Number.isInteger(n) ? String(n) : n.toPrecision(12).replace(/\.?0+$/, '');
}

interface Metric {
  render(): string;
}

abstract class Family implements Metric {
  constructor(
    protected readonly name: string,
    protected readonly help: string,
    private readonly kind: 'counter' | 'gauge' | 'histogram',
  ) {}

  render(): string {
    return `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} ${this.kind}\n${this.samples()}`;
  }

  protected abstract samples(): string;
}

export class Counter extends Family {
  private readonly values = new Map<string, number>();

  constructor(name: string, help: string) {
    super(name, help, 'counter');
  }

  inc(labels: Labels = {}, by = 1): void {
    const key = labelKey(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }

  get(labels: Labels = {}): number {
    return this.values.get(labelKey(labels)) ?? 0;
  }

  protected samples(): string {
    let out = '';
    for (const [key, value] of this.values) out += `${this.name}${key} ${formatNumber(value)}\n`;
    return out;
  }
}

export class Gauge extends Family {
  private readonly values = new Map<string, number>();

  constructor(name: string, help: string) {
    super(name, help, 'gauge');
  }

  add(by: number, labels: Labels = {}): void {
    const key = labelKey(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }

  get(labels: Labels = {}): number {
    return this.values.get(labelKey(labels)) ?? 0;
  }

  protected samples(): string {
    if (this.values.size === 0) return `${this.name} 0\n`;
    let out = '';
    for (const [key, value] of this.values) out += `${this.name}${key} ${formatNumber(value)}\n`;
    return out;
  }
}

interface HistogramSeries {
  labels: Labels;
  counts: number[];
  sum: number;
  count: number;
}

export class Histogram extends Family {
  private readonly series = new Map<string, HistogramSeries>();

  constructor(
    name: string,
    help: string,
    private readonly buckets: readonly number[],
  ) {
    super(name, help, 'histogram');
  }

  observe(value: number, labels: Labels = {}): void {
    const key = labelKey(labels);
    let s = this.series.get(key);
    if (!s) {
      s = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, s);
    }
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]!) s.counts[i]!++;
    s.sum += value;
    s.count++;
  }

  protected samples(): string {
    let out = '';
    for (const s of this.series.values()) {
      this.buckets.forEach((le, i) => {
        out += `${this.name}_bucket${labelKey({ ...s.labels, le: formatNumber(le) })} ${s.counts[i]}\n`;
      });
      out += `${this.name}_bucket${labelKey({ ...s.labels, le: '+Inf' })} ${s.count}\n`;
      out += `${this.name}_sum${labelKey(s.labels)} ${formatNumber(s.sum)}\n`;
      out += `${this.name}_count${labelKey(s.labels)} ${s.count}\n`;
    }
    return out;
  }
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/** The gateway's series. One instance per gateway, so tests can read it without a global registry. */
export class GatewayMetrics {
  readonly requests = new Counter(
    'outcrop_gateway_requests_total',
    'HTTP requests by route, model and status.',
  );
  readonly ttft = new Histogram(
    'outcrop_gateway_time_to_first_token_seconds',
    'Time from request to the first content token, by model.',
    SECONDS,
  );
  readonly duration = new Histogram(
    'outcrop_gateway_request_duration_seconds',
    'Time from request to the end of the response, by route and model.',
    SECONDS,
  );
  readonly tokens = new Counter(
    'outcrop_gateway_tokens_total',
    'Tokens by model and direction (input, output).',
  );
  readonly upstreamErrors = new Counter('outcrop_gateway_upstream_errors_total', 'Upstream errors by code.');
  readonly routed = new Counter(
    'outcrop_gateway_routed_calls_total',
    'Calls of routed models by route, the target that answered, and whether it was moved from another.',
  );
  readonly activeStreams = new Gauge('outcrop_gateway_active_streams', 'Chat completions in flight.');
  // Teams (virtual keys): at most 100 key labels, the rest as key="other" (see teams/teams-runtime.ts).
  readonly spend = new Counter(
    'outcrop_gateway_spend_usd_total',
    'Spend in USD by virtual key (bounded labels).',
  );
  readonly databaseErrors = new Counter(
    'outcrop_gateway_database_errors_total',
    'Failed reads and writes of the keys, budgets and usage database.',
  );
  /** 1 per process, so a view merged over workers says how many it covers. */
  readonly processes = new Gauge(
    'outcrop_gateway_processes',
    'Gateway processes this view covers (workers merged).',
  );

  constructor() {
    this.processes.add(1);
  }

  render(): string {
    const families: Metric[] = [
      this.requests,
      this.ttft,
      this.duration,
      this.tokens,
      this.upstreamErrors,
      this.routed,
      this.activeStreams,
      this.spend,
      this.databaseErrors,
      this.processes,
    ];
    return families.map((f) => f.render()).join('');
  }
}

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
