// The helpers the benchmarks and the reliability suite rely on: statistics, the seeded PRNG, the scripts and
// the results table.
import { describe, expect, it } from 'vitest';
import { createPrng, mutateBytes, mutateText } from '../src/prng.js';
import { aggregate, type Figure, renderResults } from '../src/results.js';
import { splitInto, textScript, textScriptReply, toolInputJson, toolScript } from '../src/scripts.js';
import { median, percentile } from '../src/stats.js';

describe('stats', () => {
  it('takes the median of odd and even counts without reordering the input', () => {
    const values = [5, 1, 3];
    expect(median(values)).toBe(3);
    expect(values).toEqual([5, 1, 3]);
    expect(median([4, 1, 2, 3])).toBe(3);
    expect(() => median([])).toThrow(/empty/);
  });

  it('takes percentiles by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 1)).toBe(7);
  });
});

describe('prng', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const c = createPrng(43);
    const seqA = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 50 }, () => c.next())).not.toEqual(seqA);
    for (const v of seqA) expect(v >= 0 && v < 1).toBe(true);
  });

  it('mutates bytes and text reproducibly', () => {
    const input = new TextEncoder().encode('{"a":[1,2,3],"b":"text"}');
    const one = mutateBytes(input, createPrng(7));
    expect(mutateBytes(input, createPrng(7))).toEqual(one);
    const texts = Array.from({ length: 20 }, (_, i) =>
      mutateText('{ gateway: { port: 4141 } }', createPrng(i)),
    );
    expect(new Set(texts).size).toBeGreaterThan(10);
  });
});

describe('scripts', () => {
  it('builds a text reply of exactly the requested event count', () => {
    const events = textScript(1_000);
    expect(events).toHaveLength(1_000);
    expect(Object.keys(events[0]!)).toEqual(['messageStart']);
    expect(Object.keys(events.at(-1)!)).toEqual(['metadata']);
    expect(textScriptReply(1_000)).toMatch(/^word0 word1 /);
  });

  it('splits tool input into deltas that join back to valid JSON of the requested size', () => {
    const json = toolInputJson(100_000);
    expect(json.length).toBeGreaterThan(99_000);
    expect(json.length).toBeLessThanOrEqual(100_000);
    const parts = splitInto(json, 100);
    expect(parts).toHaveLength(100);
    expect(parts.join('')).toBe(json);
    const script = toolScript(json, 100);
    const deltas = script.filter((e) => 'contentBlockDelta' in e);
    expect(deltas).toHaveLength(100);
    expect(JSON.parse(json)).toHaveProperty('rows');
  });

  it('never splits a surrogate pair', () => {
    const parts = splitInto('a😀b😀c😀', 4);
    expect(parts.join('')).toBe('a😀b😀c😀');
    for (const part of parts) expect(part).not.toMatch(/[\ud800-\udbff]$/);
  });
});

describe('renderResults', () => {
  const machine = {
    node: 'v20',
    cpu: 'cpu',
    cores: 2,
    memoryGb: 4,
    platform: 'Linux',
    date: '2026-01-01T00:00:00Z',
  };
  const cellsOf = (text: string, name: string) =>
    text
      .split('\n')
      .find((line) => line.startsWith(`| ${name} `))
      ?.split('|')
      .slice(1, -1)
      .map((c) => c.trim());

  it('writes value, baseline, ratio, target and met for each figure, grouped, and lists the correctness tests', () => {
    const figures: Figure[] = [
      {
        group: 'G',
        name: 'fast',
        value: 12,
        unit: 'µs',
        kind: 'cpu',
        baseline: { name: 'raw', value: 10 },
        target: '<= 1.2x',
        met: true,
      },
      {
        group: 'G',
        name: 'slow',
        value: 30,
        unit: 'ms',
        kind: 'wall',
        baseline: { name: 'raw', value: 10 },
        target: '<= 1.2x',
        met: false,
      },
      { group: 'H', name: 'peer', value: undefined, unit: 'µs', note: 'could not run: no endpoint option' },
      {
        group: 'H',
        name: 'bound',
        value: 500,
        unit: 'ms',
        baseline: { name: 'one', value: 5 },
        lowerBound: true,
        feature: 'parses on every delta',
      },
    ];
    const text = renderResults(figures, machine);
    expect(cellsOf(text, 'fast')).toEqual(['fast', '12.0 µs', '10.0 (raw)', '1.20x', '<= 1.2x', 'yes']);
    expect(cellsOf(text, 'slow')).toEqual(['slow', '30.0 ms', '10.0 (raw)', '3.00x', '<= 1.2x', '**no**']);
    expect(cellsOf(text, 'peer')).toEqual(['peer', 'not measured', '-', '-', '-', '-']);
    expect(cellsOf(text, 'bound')).toEqual(['bound', '≥ 500 ms', '5.00 (one)', '≥ 100.00x', '-', '-']);
    // Columns are padded to one width, the layout the formatter keeps.
    const sectionG = text.slice(text.indexOf('## G'), text.indexOf('## H'));
    const table = sectionG.split('\n').filter((line) => line.startsWith('| '));
    expect(table).toHaveLength(4);
    expect(new Set(table.map((line) => line.length)).size).toBe(1);
    expect(text).toContain('- peer: could not run: no endpoint option');
    expect(text).toContain('- bound: **does different work:** parses on every delta');
    expect(text).toContain('Met: 1 of 2 (CPU time 1 of 1; wall time 0 of 1).');
    // CPU targets are listed before wall-time ones.
    expect(text.indexOf('| CPU time  | fast')).toBeLessThan(text.indexOf('| wall time | slow'));
    expect(text).toContain('## Correctness checks (tests, not benchmarks)');
    expect(text).toContain('`apps/bench/test/bench-claims.test.ts`');
    expect(text).toContain('Node v20; CPU cpu, 2 cores');
  });
});

describe('aggregate', () => {
  const run = (value: number, baseline: number, extra: Partial<Figure> = {}): Figure => ({
    group: 'G',
    name: 'events/s vs peer',
    value,
    unit: 'events/s',
    baseline: { name: 'peer', value: baseline },
    target: '>= 2x',
    check: { on: 'ratio', op: '>=', limit: 2 },
    ...extra,
  });

  it('takes the median value and the median of per-run ratios, with their ranges, and re-checks the target', () => {
    const [figure] = aggregate([
      [run(200, 100, { met: true })],
      [run(180, 100, { met: false })],
      [run(250, 100)],
    ]);
    expect(figure).toMatchObject({ value: 200, ratio: 2, runs: 3, range: [180, 250], met: true });
    expect(figure?.ratioRange).toEqual([1.8, 2.5]);
    expect(figure?.baseline?.value).toBe(100);
  });

  it('fails a re-checked target when the median misses it, whatever one run says', () => {
    const [figure] = aggregate([
      [run(150, 100, { met: false })],
      [run(190, 100)],
      [run(260, 100, { met: true })],
    ]);
    expect(figure?.ratio).toBe(1.9);
    expect(figure?.met).toBe(false);
  });

  it('keeps a lower bound a lower bound, and needs every run for a target without a check', () => {
    const bounded = aggregate([
      [{ group: 'G', name: 'pi', value: 10, unit: 'ms', lowerBound: true }],
      [{ group: 'G', name: 'pi', value: 12, unit: 'ms' }],
    ]);
    expect(bounded[0]).toMatchObject({ lowerBound: true, value: 12, range: [10, 12] });
    const memory = aggregate([
      [{ group: 'G', name: 'rss', value: 300, unit: 'MB', target: 'all complete', met: true }],
      [{ group: 'G', name: 'rss', value: 310, unit: 'MB', target: 'all complete', met: false }],
    ]);
    expect(memory[0]?.met).toBe(false);
  });
});

describe('secret capture', () => {
  it('finds a whole secret and a 16-character piece of one, and nothing in clean text', async () => {
    const { createCapture, SECRETS } = await import('./reliability/support/secrets.js');
    const capture = createCapture();
    capture.add('clean', 'Authorization: Bearer [redacted] AKIA…0017');
    expect(capture.leaks()).toEqual([]);
    capture.add('whole', `token=${SECRETS.gatewayToken}`);
    capture.add('piece', `…${SECRETS.awsSecretAccessKey.slice(5, 23)}…`);
    expect(capture.leaks()).toHaveLength(2);
    expect(capture.leaks()[0]).toMatch(/^whole: /);
    expect(capture.size()).toBe(3);
  });
});
