import uPlot from 'uplot';
import {
  adminApi,
  type BudgetView,
  type KeyView,
  type UsageGroup,
  type UsageReportRow,
} from './admin-api.js';
import { formatNumber, formatUsd, h, replaceChildren } from './dom.js';

const PERIODS = [
  ['24h', 'Last 24 hours'],
  ['7d', 'Last 7 days'],
  ['30d', 'Last 30 days'],
] as const;

/** Spend and tokens per day as a two-axis line chart (uPlot, bundled into app.js at build time). */
function dailyChart(days: UsageReportRow[], width: number, periodSeconds: number): HTMLElement {
  const box = h('figure', { class: 'chart', 'aria-label': 'Spend and tokens per day' });
  const sorted = [...days].sort((a, b) => a.group.localeCompare(b.group));
  const x = sorted.map((row) => Date.parse(`${row.group}T00:00:00Z`) / 1000);
  const spend = sorted.map((row) => row.costUsd);
  const tokens = sorted.map(
    (row) => row.inputTokens + row.outputTokens + row.cacheReadTokens + row.cacheWriteTokens,
  );
  const now = Math.floor(Date.now() / 1000);
  new uPlot(
    {
      width,
      height: 220,
      series: [
        {},
        {
          label: 'Spend (USD)',
          stroke: '#8a4b14',
          width: 2,
          points: { size: 8 },
          scale: 'usd',
          value: (_u, v) => formatUsd(v ?? undefined),
        },
        {
          label: 'Tokens',
          stroke: '#2b6cb0',
          width: 2,
          points: { size: 8 },
          scale: 'tokens',
          value: (_u, v) => formatNumber(v ?? undefined),
        },
      ],
      axes: [
        {},
        { scale: 'usd', label: 'USD', size: 80, values: (_u, splits) => splits.map((v) => formatUsd(v)) },
        { scale: 'tokens', side: 1, label: 'tokens', grid: { show: false } },
      ],
      // The whole period on the x axis, so one busy day reads as a day, not a year.
      scales: { x: { time: true, range: () => [now - periodSeconds, now + 43_200] } },
    },
    [x, spend, tokens],
    box,
  );
  box.append(h('figcaption', { class: 'visually-hidden' }, 'The table below has the same figures.'));
  return box;
}

function usageTable(rows: UsageReportRow[], by: UsageGroup): HTMLElement {
  const headings = [
    by === 'day' ? 'Day' : by[0]!.toUpperCase() + by.slice(1),
    'Requests',
    'Errors',
    'Input',
    'Output',
    'Cache read',
    'Cache write',
    'Spend',
  ];
  return h(
    'div',
    { class: 'scroll' },
    h(
      'table',
      { id: 'usage-table' },
      h('caption', { class: 'visually-hidden' }, `Usage by ${by}`),
      h('thead', {}, h('tr', {}, ...headings.map((t) => h('th', { scope: 'col' }, t)))),
      h(
        'tbody',
        {},
        ...rows.map((row) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, row.group),
            ...[
              row.requests,
              row.errors,
              row.inputTokens,
              row.outputTokens,
              row.cacheReadTokens,
              row.cacheWriteTokens,
            ].map((n) => h('td', { class: 'num' }, formatNumber(n))),
            h('td', { class: 'num' }, formatUsd(row.costUsd)),
          ),
        ),
      ),
    ),
  );
}

/** The admin API counts USD budgets in nano-dollars (integers, so concurrent holds add up exactly). */
const NANO_PER_USD = 1_000_000_000;

function budgetBar(key: KeyView, budget: BudgetView): HTMLElement {
  const scale = budget.unit === 'usd' ? NANO_PER_USD : 1;
  const used = (budget.used ?? 0) / scale;
  const limit = budget.limit / scale;
  const label =
    budget.unit === 'usd'
      ? `${formatUsd(used)} of ${formatUsd(limit)}`
      : `${formatNumber(used)} of ${formatNumber(limit)} tokens`;
  const id = `budget-${key.id}-${budget.id}`.replace(/[^A-Za-z0-9_-]/g, '-');
  return h(
    'div',
    { class: 'budget' },
    h('label', { for: id }, `${key.name}: ${budget.budget}`),
    h('progress', { id, max: limit, value: Math.min(used, limit) }),
    h('p', { class: 'hint' }, `${label}${budget.resetsAt ? `, resets ${budget.resetsAt}` : ''}`),
  );
}

/** Tokens and spend over time, by key, model or tag, from the ledger; budgets as progress bars. */
export async function usageView(): Promise<HTMLElement> {
  const since = h(
    'select',
    { id: 'usage-since' },
    ...PERIODS.map(([value, label]) => h('option', { value }, label)),
  );
  since.value = '7d';
  const by = h(
    'select',
    { id: 'usage-by' },
    ...(['key', 'model', 'tag', 'day'] as const).map((g) => h('option', { value: g }, g)),
  );
  const chart = h('div');
  const table = h('div');
  const budgets = h('div', { class: 'budgets' });
  const section = h(
    'section',
    { 'aria-labelledby': 'usage-title' },
    h('h1', { id: 'usage-title' }, 'Usage'),
    h(
      'div',
      { class: 'toolbar' },
      h('label', { for: 'usage-since' }, 'Period'),
      since,
      h('label', { for: 'usage-by' }, 'Group by'),
      by,
    ),
    h('h2', {}, 'Per day'),
    chart,
    h('h2', {}, 'Breakdown'),
    table,
    h('h2', {}, 'Budgets'),
    budgets,
  );
  const render = async () => {
    const group = by.value as UsageGroup;
    const [days, rows, keys] = await Promise.all([
      adminApi.usage('day', since.value),
      adminApi.usage(group, since.value),
      adminApi.keys(),
    ]);
    const width = Math.max(280, Math.min(900, (section.parentElement?.clientWidth ?? 900) - 32));
    const periodSeconds = { '24h': 86_400, '7d': 604_800, '30d': 2_592_000 }[since.value] ?? 604_800;
    replaceChildren(
      chart,
      days.length ? dailyChart(days, width, periodSeconds) : h('p', {}, 'No requests in this period.'),
    );
    replaceChildren(table, usageTable(rows, group));
    const bars = keys.flatMap((key) => key.budgets.map((budget) => budgetBar(key, budget)));
    replaceChildren(budgets, ...(bars.length ? bars : [h('p', {}, 'No key has a budget.')]));
  };
  since.addEventListener('change', () => void render());
  by.addEventListener('change', () => void render());
  await render();
  return section;
}
