import { adminApi, type CreateKeyInput, type KeyView } from './admin-api.js';
import { h, replaceChildren } from './dom.js';

function parseTags(text: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const pair of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, ...value] = pair.split('=');
    if (!name || value.length === 0) throw new Error(`Tag "${pair}" is not name=value.`);
    tags[name.trim()] = value.join('=').trim();
  }
  return tags;
}

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** A newly issued secret, shown this once: the gateway keeps only its hash. */
function secretNotice(name: string, key: string): HTMLElement {
  return h(
    'div',
    { class: 'card secret', role: 'alert' },
    h('p', {}, `The key for ${name}. Copy it now: it is not shown again.`),
    h('output', { class: 'secret-value', 'aria-label': `Secret key for ${name}` }, key),
  );
}

/** Admins: create keys (the secret shown once), rotate and revoke them. */
export async function keysView(): Promise<HTMLElement> {
  const notice = h('div', { 'aria-live': 'polite' });
  const rows = h('tbody');
  const field = (id: string, label: string, hint?: string) => {
    const input = h('input', { id, name: id, ...(hint ? { placeholder: hint } : {}) });
    return [h('label', { for: id }, label), input] as const;
  };
  const [nameLabel, name] = field('key-name', 'Name');
  const [budgetLabel, budget] = field('key-budget', 'Budgets', '50usd/month, 1000000tokens/day');
  const [modelsLabel, models] = field('key-models', 'Models', 'any, or: sonnet, nova');
  const [rpmLabel, rpm] = field('key-rpm', 'Requests per minute');
  const [tpmLabel, tpm] = field('key-tpm', 'Tokens per minute');
  const [tagsLabel, tags] = field('key-tags', 'Tags', 'team=search, project=x');
  name.required = true;
  const error = h('p', { class: 'error', role: 'alert' });

  const refresh = async () => {
    const keys = await adminApi.keys();
    replaceChildren(rows, ...keys.map(keyRow));
  };
  const act = async (run: () => Promise<void>) => {
    error.textContent = '';
    try {
      await run();
      await refresh();
    } catch (err) {
      error.textContent = (err as Error).message;
    }
  };
  const keyRow = (key: KeyView) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, key.name),
      h('td', {}, key.status),
      h(
        'td',
        {},
        Object.entries(key.tags)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ') || '–',
      ),
      h('td', {}, key.models?.join(', ') ?? 'any'),
      h('td', {}, key.budgets.map((b) => b.budget).join(', ') || '–'),
      h(
        'td',
        {},
        key.status === 'active'
          ? h(
              'div',
              { class: 'buttons' },
              h(
                'button',
                {
                  type: 'button',
                  'aria-label': `Rotate ${key.name}`,
                  onclick: () =>
                    void act(async () => {
                      const rotated = await adminApi.rotateKey(key.id);
                      replaceChildren(notice, secretNotice(rotated.name, rotated.key));
                    }),
                },
                'Rotate',
              ),
              h(
                'button',
                {
                  type: 'button',
                  class: 'danger',
                  'aria-label': `Revoke ${key.name}`,
                  onclick: () => void act(async () => void (await adminApi.revokeKey(key.id))),
                },
                'Revoke',
              ),
            )
          : '',
      ),
    );

  const form = h(
    'form',
    { class: 'card key-form', 'aria-labelledby': 'create-key-title' },
    h('h2', { id: 'create-key-title' }, 'Create a key'),
    nameLabel,
    name,
    budgetLabel,
    budget,
    modelsLabel,
    models,
    rpmLabel,
    rpm,
    tpmLabel,
    tpm,
    tagsLabel,
    tags,
    h('button', { type: 'submit' }, 'Create key'),
    error,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void act(async () => {
      const input: CreateKeyInput = { name: name.value.trim() };
      if (budget.value.trim()) input.budgets = list(budget.value);
      if (models.value.trim()) input.models = list(models.value);
      if (rpm.value.trim()) input.rpm = Number(rpm.value);
      if (tpm.value.trim()) input.tpm = Number(tpm.value);
      if (tags.value.trim()) input.tags = parseTags(tags.value);
      const created = await adminApi.createKey(input);
      replaceChildren(notice, secretNotice(created.name, created.key));
      form.reset();
    });
  });

  await refresh();
  return h(
    'section',
    { 'aria-labelledby': 'keys-title' },
    h('h1', { id: 'keys-title' }, 'Keys'),
    notice,
    form,
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { id: 'keys-table' },
        h('caption', { class: 'visually-hidden' }, 'Virtual keys'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Name', 'Status', 'Tags', 'Models', 'Budgets', 'Actions'].map((t) =>
              h('th', { scope: 'col' }, t),
            ),
          ),
        ),
        rows,
      ),
    ),
  );
}
