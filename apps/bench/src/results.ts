// The committed results file: one table of figures (value, baseline, ratio, target, met?) and machine facts.
import os from 'node:os';

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
  /** Whether the target was met; undefined when there is no target or no value. */
  met?: boolean;
  /** Why a value is missing, or anything a reader must know to read it right. */
  note?: string;
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

/** value / baseline, when both exist. */
export function ratioOf(figure: Figure): number | undefined {
  if (figure.value === undefined || !figure.baseline || figure.baseline.value === 0) return undefined;
  return figure.value / figure.baseline.value;
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function rowOf(figure: Figure): string[] {
  const ratio = ratioOf(figure);
  return [
    figure.name,
    figure.value === undefined ? 'not measured' : `${formatNumber(figure.value)} ${figure.unit}`.trim(),
    figure.baseline ? `${formatNumber(figure.baseline.value)} (${figure.baseline.name})` : '-',
    ratio === undefined ? '-' : `${ratio < 0.1 ? ratio.toPrecision(2) : ratio.toFixed(2)}x`,
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

export function renderResults(figures: readonly Figure[], machine: MachineFacts, preface = ''): string {
  const lines = [
    '# Outcrop benchmark results',
    '',
    'Written by `pnpm bench` (apps/bench). Every figure is the median of several runs in one process run against',
    'the local Bedrock emulator with delays off; each ratio is to a baseline measured in the same run. See',
    '`apps/bench/README.md` for what each figure means.',
    '',
    `- Node ${machine.node}; CPU ${machine.cpu}, ${machine.cores} cores; ${machine.memoryGb} GB RAM; ${machine.platform}`,
    `- Date ${machine.date}`,
  ];
  if (preface) lines.push(preface);
  lines.push('');
  const met = figures.filter((f) => f.met === true).length;
  const missed = figures.filter((f) => f.met === false);
  const unmeasured = figures.filter((f) => f.value === undefined);
  lines.push(
    `Targets met: ${met} of ${met + missed.length}` +
      (missed.length ? ` (missed: ${missed.map((f) => f.name).join('; ')})` : '') +
      (unmeasured.length ? `. Not measured: ${unmeasured.map((f) => f.name).join('; ')}` : ''),
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
    const notes = rows.filter((f) => f.note);
    if (notes.length) lines.push('', ...notes.map((f) => `- ${f.name}: ${f.note}`));
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
