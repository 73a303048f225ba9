// Figure 3: the gateway harness (apps/gateway/bench/run.mjs) runs as a child process; its JSON report becomes
// rows here. It measures like for like: one minimal client, warmed the same, straight to the emulator and through
// the gateway; levels where a client saturates its core get no "added" figure.
import { benchWorkers } from './bench-workers.js';
import { runGatewayScript } from './gateway-script.js';
import type { Figure } from './results.js';

interface Spread {
  median: number;
  min: number;
  max: number;
}
interface Side {
  p50: Spread;
  p99: Spread;
  clientShare: Spread;
  addedP50?: Spread;
  addedP99?: Spread;
  serverCpuPerTokenUs?: Spread;
  cpuRatio?: Spread;
}
interface Level {
  concurrency: number;
  requests: number;
  rounds: number;
  saturated: string[];
  direct: Side;
  outcrop: Side;
  peer?: Side;
  sdkCpuPerTokenUs: Spread;
  sdkTtftP50?: Spread;
}
interface Report {
  quick: boolean;
  saturatedShare: number;
  levels: Level[];
  rss: {
    streams: number;
    maxOpen: number;
    ok: number;
    failed: number;
    overlapped: boolean;
    allStartedMs?: number;
    firstEndMs?: number;
    baselineMb: number;
    peakMb: number;
  };
  peer: { name: string; model: string; notes: string; failed?: string } | { skipped: string };
}

const range = (s: Spread): [number, number] => [s.min, s.max];
const share = (s: Spread) => `${s.median.toFixed(2)} (${s.min.toFixed(2)} to ${s.max.toFixed(2)})`;
const GATEWAY_WORK =
  'the gateway parses the OpenAI request, calls Bedrock through the AWS SDK (SigV4, HTTP/2) and rewrites each ' +
  'event as an OpenAI chunk; the direct client sends a pre-built Bedrock request with an API key, so "added" ' +
  "includes the SDK's own per-request cost";

function sideFigures(
  group: string,
  level: Level,
  side: 'outcrop' | 'peer',
  label: string,
  shareLimit: number,
): Figure[] {
  const data = level[side];
  if (!data?.addedP50 || !data.addedP99 || !data.serverCpuPerTokenUs) return [];
  const c = `c=${level.concurrency}`;
  const saturated = level.saturated.filter((s) => s === 'direct' || s === side);
  const shares = `client CPU share of one core: direct ${share(level.direct.clientShare)}, ${label} ${share(data.clientShare)}`;
  const excluded = saturated.length
    ? `not computed: the ${saturated.join(' and ')} client used >= ${shareLimit} of a core in a round, so its TTFT ` +
      `would be its own queueing (p50 direct ${level.direct.p50.median.toFixed(2)} ms, ${label} ` +
      `${data.p50.median.toFixed(2)} ms); ${shares}`
    : undefined;
  const isOutcropC1 = side === 'outcrop' && level.concurrency === 1;
  const added = (which: 'p50' | 'p99'): Figure => {
    const spread = which === 'p50' ? data.addedP50! : data.addedP99!;
    const figure: Figure = {
      group,
      name: `${label}: added TTFT ${which}, ${c} (${level.requests} requests in ${level.rounds} rounds)`,
      value: excluded ? undefined : spread.median,
      unit: 'ms',
      kind: 'wall',
      noRatio: true,
      baseline: { name: `direct TTFT ${which}, ms`, value: level.direct[which].median },
      note:
        excluded ?? `range over rounds ${spread.min.toFixed(2)} to ${spread.max.toFixed(2)} ms; ${shares}`,
      ...(isOutcropC1 && which === 'p50'
        ? { target: '<= 2 ms added at c=1', check: { on: 'value' as const, op: '<=' as const, limit: 2 } }
        : {}),
    };
    if (!excluded) figure.range = range(spread);
    if (figure.check && figure.value !== undefined) figure.met = figure.value <= 2;
    if (isOutcropC1 && which === 'p50') figure.feature = GATEWAY_WORK;
    return figure;
  };
  const cpu: Figure = {
    group,
    name: `${label}: server CPU per token, ${c}`,
    value: data.serverCpuPerTokenUs.median,
    unit: 'µs',
    kind: 'cpu',
    baseline: { name: 'AWS SDK client calling the emulator directly', value: level.sdkCpuPerTokenUs.median },
    ...(side === 'outcrop'
      ? {
          target: '<= 1.5x the SDK client',
          check: { on: 'ratio' as const, op: '<=' as const, limit: 1.5 },
          met: data.serverCpuPerTokenUs.median <= 1.5 * level.sdkCpuPerTokenUs.median,
        }
      : {}),
  };
  return [added('p50'), added('p99'), cpu];
}

export async function benchGateway(options: {
  quick: boolean;
  log: (line: string) => void;
}): Promise<Figure[]> {
  const group = 'Gateway: the same minimal client straight to the emulator and through the gateway';
  const run = await runGatewayScript<Report>(
    { script: 'run.mjs', report: 'gateway.json', group, name: 'gateway harness', killAfterMs: 1_800_000 },
    options,
  );
  if ('failed' in run) return [run.failed];
  const data = run.report;
  const figures: Figure[] = [];
  const peerLabel = 'name' in data.peer ? `peer ${data.peer.name}` : undefined;
  for (const level of data.levels) {
    figures.push(...sideFigures(group, level, 'outcrop', 'Outcrop gateway', data.saturatedShare));
    if (level.sdkTtftP50)
      figures.push({
        group,
        name: `context: the AWS SDK client straight to the emulator, TTFT p50, c=${level.concurrency}`,
        value: level.sdkTtftP50.median,
        unit: 'ms',
        kind: 'wall',
        noRatio: true,
        range: range(level.sdkTtftP50),
        baseline: { name: 'minimal client direct TTFT p50, ms', value: level.direct.p50.median },
        note: 'no target: shows how much of what the gateway adds is the per-request cost of the SDK it calls Bedrock with',
      });
    if (peerLabel) figures.push(...sideFigures(group, level, 'peer', peerLabel, data.saturatedShare));
  }
  if ('skipped' in data.peer) {
    figures.push({
      group,
      name: 'peer gateway (aws-samples/bedrock-access-gateway)',
      value: undefined,
      unit: '',
      note: `not run: ${data.peer.skipped}. See apps/bench/README.md for how to run it.`,
    });
  } else if (peerLabel && data.peer.failed) {
    figures.push({
      group,
      name: `${peerLabel}: the rest of the levels`,
      value: undefined,
      unit: '',
      note: `the peer ${data.peer.failed}; no figures from that level on`,
    });
  }
  if (!('skipped' in data.peer) && peerLabel) {
    const first = figures.find((f) => f.name.startsWith(`${peerLabel}: added TTFT p50`));
    if (first)
      first.feature =
        'Python (FastAPI + boto3) under one uvicorn worker; the same OpenAI request and streaming reply. ' +
        data.peer.notes;
  }
  const { rss } = data;
  figures.push({
    group,
    name: `gateway RSS peak with ${rss.streams} slow streams open at once`,
    value: rss.peakMb,
    unit: 'MB',
    kind: 'memory',
    baseline: { name: 'RSS of a fresh gateway after one request, MB', value: rss.baselineMb },
    target: `<= 400 MB; all ${rss.streams} open at once and complete`,
    met: rss.peakMb <= 400 && rss.failed === 0 && rss.overlapped,
    note:
      `${rss.maxOpen} of ${rss.streams} were open at the same moment (all had their first byte by ` +
      `${Math.round(rss.allStartedMs ?? Number.NaN)} ms; the first ended at ${Math.round(rss.firstEndMs ?? Number.NaN)} ms); ` +
      `${rss.ok} completed, ${rss.failed} failed`,
  });
  const growth = rss.peakMb - rss.baselineMb;
  figures.push({
    group,
    name: `gateway RSS growth with ${rss.streams} slow streams over a fresh gateway`,
    value: growth,
    unit: 'MB',
    kind: 'memory',
    noRatio: true,
    baseline: { name: 'RSS of a fresh gateway after one request, MB', value: rss.baselineMb },
    ...(rss.streams === 1000
      ? {
          target: '<= 100 MB over idle (issue 18)',
          check: { on: 'value' as const, op: '<=' as const, limit: 100 },
          met: growth <= 100 && rss.failed === 0 && rss.overlapped,
        }
      : {}),
    note: 'the peak above less the fresh gateway beside it, measured in the same run',
  });
  figures.push(...(await benchWorkers(options)));
  return figures;
}
