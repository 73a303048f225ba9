// The console's entry: sign-in, then one view per hash route (#/models). Hash routes keep everything on the
// one /console document, so the gateway serves three static files and nothing else.
import { ApiError, getJson, type ModelEntry, type Overview } from './api.js';
import { h, replaceChildren } from './dom.js';
import { keysView } from './keys.js';
import { modelsView } from './models.js';
import { overviewView, upstreamStrip } from './overview.js';
import { playgroundView } from './playground.js';
import { session } from './session.js';
import { signInView } from './sign-in.js';
import { usageView } from './usage.js';

type View = (overview: Overview) => Promise<HTMLElement>;

const listModels = async () => (await getJson<{ data: ModelEntry[] }>('/v1/models')).data;

const views: Record<string, View> = {
  overview: async (overview) => overviewView(overview),
  models: async () => modelsView(await listModels()),
  playground: async () => playgroundView(await listModels()),
};
/** The ledger and the keys are behind the admin API: these views exist for the admin token only. */
const adminViews: Record<string, View> = {
  usage: () => usageView(),
  keys: () => keysView(),
};

const main = document.getElementById('main') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;
const upstream = document.getElementById('upstream') as HTMLElement;

function showSignIn(): void {
  nav.hidden = true;
  replaceChildren(upstream);
  replaceChildren(
    main,
    signInView(() => void render()),
  );
}

async function render(): Promise<void> {
  if (session.token() === undefined) return showSignIn();
  let overview: Overview;
  try {
    overview = await getJson<Overview>('/console/api/overview');
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      session.signOut();
      return showSignIn();
    }
    replaceChildren(
      main,
      h('p', { class: 'error', role: 'alert' }, `Could not reach the gateway: ${(err as Error).message}`),
    );
    return;
  }
  nav.hidden = false;
  for (const link of nav.querySelectorAll<HTMLElement>('[data-admin-only]'))
    link.hidden = overview.role !== 'admin';
  replaceChildren(upstream, upstreamStrip(overview));
  const name = location.hash.replace(/^#\/?/, '') || 'overview';
  const view = views[name] ?? (overview.role === 'admin' ? adminViews[name] : undefined) ?? views.overview;
  for (const link of nav.querySelectorAll('a')) {
    if (link.getAttribute('href') === `#/${name}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  try {
    replaceChildren(main, await (view as View)(overview));
  } catch (err) {
    replaceChildren(main, h('p', { class: 'error', role: 'alert' }, (err as Error).message));
  }
  main.focus();
}

document.getElementById('sign-out')?.addEventListener('click', () => {
  session.signOut();
  showSignIn();
});
window.addEventListener('hashchange', () => void render());
void render();
