import type { ModelEntry } from './api.js';
import { formatNumber, h, replaceChildren } from './dom.js';

const CAPABILITY_FILTERS = ['any', 'tools', 'reasoning', 'image', 'document'] as const;

function capabilityList(model: ModelEntry): string[] {
  const capabilities = model.capabilities ?? {};
  return Object.entries(capabilities)
    .filter(([, value]) => value === true || (Array.isArray(value) && value.length > 0))
    .flatMap(([name, value]) => (Array.isArray(value) ? value.map(String) : [name]));
}

function price(perMillion: number | undefined): string {
  return perMillion === undefined ? '–' : `$${perMillion}`;
}

/** The catalog as a searchable, filterable table. */
export function modelsView(models: ModelEntry[]): HTMLElement {
  const search = h('input', { id: 'model-search', type: 'search', placeholder: 'id or name' });
  const filter = h(
    'select',
    { id: 'model-capability' },
    ...CAPABILITY_FILTERS.map((c) => h('option', { value: c }, c === 'any' ? 'any capability' : c)),
  );
  const count = h('p', { id: 'model-count', role: 'status', class: 'hint' });
  const body = h('tbody');
  const render = () => {
    const text = search.value.trim().toLowerCase();
    const wanted = filter.value;
    const rows = models.filter((m) => {
      const matchesText = !text || m.id.toLowerCase().includes(text) || m.name?.toLowerCase().includes(text);
      return matchesText && (wanted === 'any' || capabilityList(m).includes(wanted));
    });
    count.textContent = `${rows.length} of ${models.length} models`;
    replaceChildren(
      body,
      ...rows.map((m) =>
        h(
          'tr',
          {},
          h(
            'th',
            { scope: 'row' },
            h('code', {}, m.id),
            m.name ? h('span', { class: 'hint' }, ` ${m.name}`) : '',
          ),
          h('td', {}, capabilityList(m).join(', ') || 'text'),
          h('td', { class: 'num' }, formatNumber(m.context_window)),
          h('td', { class: 'num' }, formatNumber(m.max_tokens)),
          h('td', { class: 'num' }, price(m.cost?.input)),
          h('td', { class: 'num' }, price(m.cost?.output)),
          h('td', {}, m.invocation ?? '–'),
          h('td', {}, m.region ?? '–'),
        ),
      ),
    );
  };
  search.addEventListener('input', render);
  filter.addEventListener('change', render);
  render();
  return h(
    'section',
    { 'aria-labelledby': 'models-title' },
    h('h1', { id: 'models-title' }, 'Models'),
    h(
      'div',
      { class: 'toolbar' },
      h('label', { for: 'model-search' }, 'Search'),
      search,
      h('label', { for: 'model-capability' }, 'Capability'),
      filter,
    ),
    count,
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        {},
        h(
          'caption',
          { class: 'visually-hidden' },
          'Models this gateway can call; prices in USD per million tokens',
        ),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...[
              'Model',
              'Capabilities',
              'Context',
              'Max output',
              'Input $/M',
              'Output $/M',
              'Invocation',
              'Region',
            ].map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        body,
      ),
    ),
  );
}
