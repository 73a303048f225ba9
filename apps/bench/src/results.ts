// The committed results file. Performance figures (value, baseline, ratio, target, met?) are medians over several
// full runs with their range; correctness claims are not figures at all: they are tests, listed with their files.
import os from 'node:os';
import { median } from './stats.js';

/** What a target is measured in: CPU time is stable on a shared machine, wall time is not. */
export type FigureKind = 'cpu' | 'memory' | 'wall';

/** How a target is checked, so it can be re-checked on the median of several full runs. */
export type TargetCheck =
  | { on: 'ratio'; op: '<=' | '>='; limit: number }
  | { on: 'value'; op: '<=' | '>='; limit: number };

export interface Figure {
  /** Section, e.g. 'Stream path'. */
  group: string;
  name: string;
  value: number | undefined;
  unit: string;
  /** What the value is compared with, measured in the same run. */
  baseline?: { name: string; value: number };
  /** The target as text, e.g. '<= 1.2x raw SDK'. */
  target?: string;
  check?: TargetCheck;
  /** Whether the target was met; undefined when there is no target or no value. */
  met?: boolean;
  kind?: FigureKind;
  /** The run stopped early: the true value is at least this (printed with "≥"). */
  lowerBound?: boolean;
  /** The value is a difference (e.g. added ms), so a ratio to the baseline means nothing. */
  noRatio?: boolean;
  /** A difference in the work the compared code does, stated beside the figure. */
  feature?: string;
  /** Why a value is missing, or anything a reader must know to read it right. */
  note?: string;
  /** Set by `aggregate`: full runs behind the figure, the range of its value and of its ratio over them. */
  runs?: number;
  range?: [number, number];
  ratio?: number;
  ratioRange?: [number, number];
}

export interface MachineFacts {
  node: string;
  cpu: string;
  cores: number;
  memoryGb: number;
  platform: string;
  date: string;
}

export function machineFacts(now = new Date()): MachineFacts {
  const cpus = os.cpus();
  return {
    node: process.version,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    date: now.toISOString(),
  };
}

/** Formats a number with sensible precision for a table cell. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

/** value / baseline, when both exist and a ratio means something. */
export function ratioOf(figure: Figure): number | undefined {
  if (figure.ratio !== undefined) return figure.ratio;
  if (figure.noRatio || figure.value === undefined || !figure.baseline || figure.baseline.value === 0)
    return undefined;
  return figure.value / figure.baseline.value;
}

/** Whether `check` holds for a figure's value or ratio. */
export function meets(check: TargetCheck, figure: Figure): boolean | undefined {
  const x = check.on === 'ratio' ? ratioOf(figure) : figure.value;
  if (x === undefined) return undefined;
  return check.op === '<=' ? x <= check.limit : x >= check.limit;
}

const spanOf = (values: number[]): [number, number] | undefined =>
  values.length > 1 ? [Math.min(...values), Math.max(...values)] : undefined;

/**
 * Folds the figures of several full runs into one per name: the median value and ratio with their ranges. A target
 * with a `check` is re-checked on the medians; one without is met only if every run met it. A lower bound in any
 * run makes the figure a lower bound.
 */
export function aggregate(runs: readonly (readonly Figure[])[]): Figure[] {
  const keys: string[] = [];
  const byKey = new Map<string, Figure[]>();
  for (const figures of runs) {
    for (const figure of figures) {
      const key = `${figure.group}\u0000${figure.name}`;
      if (!byKey.has(key)) {
        keys.push(key);
        byKey.set(key, []);
      }
      byKey.get(key)!.push(figure);
    }
  }
  return keys.map((key) => {
    const all = byKey.get(key)!;
    const last = all.at(-1)!;
    const measured = all.filter((f) => f.value !== undefined);
    const values = measured.map((f) => f.value!);
    const ratios = measured.map(ratioOf).filter((r): r is number => r !== undefined);
    const baselines = measured.flatMap((f) => (f.baseline ? [f.baseline.value] : []));
    const out: Figure = { ...last, runs: all.length };
    // With one run, a range the figure brought (e.g. over rounds within the run) stays.
    if (all.length > 1) {
      delete out.range;
      delete out.ratioRange;
    }
    out.value = values.length ? median(values) : undefined;
    if (last.baseline && baselines.length) out.baseline = { ...last.baseline, value: median(baselines) };
    const range = spanOf(values);
    if (range) out.range = range;
    if (ratios.length) out.ratio = median(ratios);
    else delete out.ratio;
    const ratioRange = spanOf(ratios);
    if (ratioRange) out.ratioRange = ratioRange;
    if (out.value === undefined) delete out.range;
    if (all.some((f) => f.lowerBound)) out.lowerBound = true;
    // Notes carry run-specific detail (client CPU shares, where a budget stopped): the last run's stands for all.
    const notes = new Set(all.map((f) => f.note).filter((n): n is string => Boolean(n)));
    if (notes.size > 1 && last.note) out.note = `last run: ${last.note}`;
    if (out.check) {
      const met = meets(out.check, out);
      if (met === undefined) delete out.met;
      else out.met = met;
    } else if (all.some((f) => f.met !== undefined)) {
      out.met = all.every((f) => f.met === true);
    }
    return out;
  });
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const ratioText = (r: number) => `${r < 0.1 ? r.toPrecision(2) : r.toFixed(2)}x`;

function valueCell(figure: Figure): string {
  if (figure.value === undefined) return 'not measured';
  const bound = figure.lowerBound ? '≥ ' : '';
  const range = figure.range ? ` [${formatNumber(figure.range[0])} to ${formatNumber(figure.range[1])}]` : '';
  return `${bound}${formatNumber(figure.value)} ${figure.unit}${range}`.trim();
}

function ratioCell(figure: Figure): string {
  const ratio = ratioOf(figure);
  if (ratio === undefined) return '-';
  const bound = figure.lowerBound ? '≥ ' : '';
  const range = figure.ratioRange
    ? ` [${ratioText(figure.ratioRange[0])} to ${ratioText(figure.ratioRange[1])}]`
    : '';
  return `${bound}${ratioText(ratio)}${range}`;
}

function rowOf(figure: Figure): string[] {
  return [
    figure.name,
    valueCell(figure),
    figure.baseline ? `${formatNumber(figure.baseline.value)} (${figure.baseline.name})` : '-',
    ratioCell(figure),
    figure.target ?? '-',
    figure.met === undefined ? '-' : figure.met ? 'yes' : '**no**',
  ].map(cell);
}

/** A markdown table with padded columns (the layout the repository's formatter keeps). */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, 3, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** Claims that are about behaviour, not speed: each is a test that can fail, run by `pnpm test`. */
export const CORRECTNESS_CHECKS: ReadonlyArray<{ claim: string; test: string }> = [
  {
    claim:
      'The provider parses a 1 MB tool input once at the end (one JSON.parse of the whole document), never per delta',
    test: 'apps/bench/test/bench-claims.test.ts',
  },
  {
    claim: '100 concurrent callers of a cold discovery cause the same control-plane calls as one caller',
    test: 'apps/bench/test/bench-claims.test.ts',
  },
  {
    claim: '`outcrop models list` makes no ListFoundationModels call while its discovery cache is warm',
    test: 'apps/bench/test/bench-claims.test.ts',
  },
];

const KIND_ORDER: FigureKind[] = ['cpu', 'memory', 'wall'];
const KIND_LABEL: Record<FigureKind, string> = {
  cpu: 'CPU time',
  memory: 'memory',
  wall: 'wall time',
};

export function renderResults(figures: readonly Figure[], machine: MachineFacts, preface = ''): string {
  const lines = [
    '# Outcrop benchmark results',
    '',
    'Written by `pnpm bench` (apps/bench) against the local Bedrock emulator with delays off. Each value is the',
    'median over several full runs of the benchmark, with its range over those runs in brackets; each ratio is',
    'taken within a run (value and baseline measured side by side) and then the median and range over runs. "≥"',
    'marks a lower bound (a run stopped at its time budget). See `apps/bench/README.md` for what each figure means.',
    '',
    `- Node ${machine.node}; CPU ${machine.cpu}, ${machine.cores} cores; ${machine.memoryGb} GB RAM; ${machine.platform}`,
    `- Date ${machine.date}`,
  ];
  if (preface) lines.push(preface);
  lines.push('');

  const targeted = figures.filter((f) => f.target);
  const kindOf = (f: Figure): FigureKind => f.kind ?? 'wall';
  const met = targeted.filter((f) => f.met === true).length;
  const judged = targeted.filter((f) => f.met !== undefined).length;
  const perKind = KIND_ORDER.flatMap((kind) => {
    const of = targeted.filter((f) => kindOf(f) === kind && f.met !== undefined);
    return of.length ? [`${KIND_LABEL[kind]} ${of.filter((f) => f.met).length} of ${of.length}`] : [];
  });
  lines.push(
    '## Performance targets',
    '',
    `Met: ${met} of ${judged}${perKind.length ? ` (${perKind.join('; ')})` : ''}. CPU-time targets come first: they`,
    'hold on a shared machine; wall-time targets move with whatever else runs on it.',
    '',
  );
  const ordered = KIND_ORDER.flatMap((kind) => targeted.filter((f) => kindOf(f) === kind));
  lines.push(
    ...table(
      ['kind', 'figure', 'value', 'ratio', 'target', 'met?'],
      ordered.map((f) =>
        [
          KIND_LABEL[kindOf(f)],
          f.name,
          valueCell(f),
          ratioCell(f),
          f.target ?? '-',
          f.met === undefined ? 'not measured' : f.met ? 'yes' : '**no**',
        ].map(cell),
      ),
    ),
    '',
  );

  const groups = [...new Set(figures.map((f) => f.group))];
  for (const group of groups) {
    const rows = figures.filter((f) => f.group === group);
    lines.push(
      `## ${group}`,
      '',
      ...table(['figure', 'value', 'baseline', 'ratio', 'target', 'met?'], rows.map(rowOf)),
    );
    const notes = rows.flatMap((f) => [
      ...(f.feature ? [`- ${f.name}: **does different work:** ${f.feature}`] : []),
      ...(f.note ? [`- ${f.name}: ${f.note}`] : []),
    ]);
    if (notes.length) lines.push('', ...notes);
    lines.push('');
  }

  lines.push(
    '## Correctness checks (tests, not benchmarks)',
    '',
    'These were once counted as targets here; they cannot fail on speed, so they are tests that can fail on',
    'behaviour, run by `pnpm test`:',
    '',
    ...CORRECTNESS_CHECKS.map((c) => `- ${c.claim}: \`${c.test}\``),
  );
  return `${lines.join('\n').trimEnd()}\n`;
}
