import { describe, expect, it } from 'vitest';
import { workersFigures } from '../src/bench-workers.js';

const side = (tokensPerSecond: number, ttftP50Ms: number, ttftP99Ms: number) => ({
  tokensPerSecond,
  ttftP50Ms,
  ttftP99Ms,
  clientShare: 0.2,
});

describe('workers figures', () => {
  it('puts each worker count beside the direct SDK, with the target only at c=64', () => {
    const figures = workersFigures({
      cores: 2,
      quick: false,
      levels: [
        {
          concurrency: 1,
          requests: 40,
          direct: side(30_000, 5, 20),
          gateways: [{ workers: 1, ...side(28_000, 6, 25) }],
        },
        {
          concurrency: 64,
          requests: 256,
          direct: side(40_000, 380, 590),
          gateways: [
            { workers: 1, ...side(42_000, 320, 450) },
            { workers: 2, ...side(33_000, 370, 1000) },
          ],
        },
      ],
    });
    const byName = (part: string) => figures.find((f) => f.name.includes(part));
    expect(figures).toHaveLength(6);
    expect(byName('--workers 1: TTFT p99, c=1')).toMatchObject({ value: 25, baseline: { value: 20 } });
    expect(byName('--workers 1: TTFT p99, c=1')?.target).toBeUndefined();
    expect(byName('--workers 1: TTFT p99, c=64')).toMatchObject({ value: 450, met: true });
    expect(byName('--workers 2: TTFT p99, c=64')).toMatchObject({ value: 1000, met: false });
    expect(byName('--workers 2: tokens/s, c=64')).toMatchObject({
      value: 33_000,
      baseline: { value: 40_000 },
    });
    expect(figures[0]?.feature).toContain('2 cores');
    expect(byName('--workers 2: TTFT p99, c=64')?.note).toContain('p50 370.0 ms vs direct 380.0 ms');
  });
});
