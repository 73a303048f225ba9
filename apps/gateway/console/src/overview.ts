import type { Overview } from './api.js';
import { formatAge, h } from './dom.js';

/** The one-line strip under the header on every page: where requests really go. */
export function upstreamStrip(overview: Overview): HTMLElement {
  const { upstream } = overview;
  return upstream.kind === 'emulator'
    ? h(
        'p',
        { class: 'upstream emulator' },
        h('strong', {}, 'EMULATOR'),
        ' — replies are simulated by the embedded Bedrock emulator; no AWS account is used.',
      )
    : h(
        'p',
        { class: 'upstream bedrock' },
        h('strong', {}, 'Amazon Bedrock'),
        ` — ${upstream.region}, credentials from ${upstream.credentialSource}`,
      );
}

export function overviewView(overview: Overview): HTMLElement {
  const { upstream, discovery, health, recentErrors } = overview;
  const refreshed = discovery.refreshedAt
    ? `${formatAge(Date.now() - Date.parse(discovery.refreshedAt))} (${discovery.refreshedAt})`
    : 'not cached';
  const facts: Array<[string, string]> = [
    ['Upstream', upstream.kind === 'emulator' ? 'Embedded emulator (simulated replies)' : 'Amazon Bedrock'],
    ['Region', upstream.region],
    ['Credentials', upstream.credentialSource],
    ['Discovery', discovery.enabled ? `on, ${discovery.models} models, refreshed ${refreshed}` : 'off'],
    ['Health', health.draining ? 'draining' : health.ready ? 'ready' : 'starting'],
    ['Requests in flight', String(health.inFlight)],
  ];
  return h(
    'section',
    { 'aria-labelledby': 'overview-title' },
    h('h1', { id: 'overview-title' }, 'Overview'),
    h('dl', { class: 'facts' }, ...facts.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
    h('h2', {}, 'Last errors'),
    recentErrors.length === 0
      ? h('p', {}, 'No errors since the gateway started.')
      : h(
          'div',
          { class: 'scroll' },
          h(
            'table',
            {},
            h('caption', { class: 'visually-hidden' }, 'Most recent errors first'),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ...['When', 'Status', 'Code', 'Route', 'Message'].map((t) => h('th', { scope: 'col' }, t)),
              ),
            ),
            h(
              'tbody',
              {},
              ...recentErrors.map((e) =>
                h(
                  'tr',
                  {},
                  h('td', {}, e.at),
                  h('td', {}, e.status),
                  h('td', {}, e.code),
                  h('td', {}, e.route),
                  h('td', {}, e.message),
                ),
              ),
            ),
          ),
        ),
  );
}
