import { ApiError, getJson, type Overview } from './api.js';
import { h } from './dom.js';
import { session } from './session.js';

/** Asks for a gateway key or the admin token, checks it against the gateway, then hands over. */
export function signInView(onSignedIn: (overview: Overview) => void): HTMLElement {
  const input = h('input', {
    id: 'token',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    required: true,
    'aria-describedby': 'token-help',
  });
  const message = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    { class: 'card sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, 'Sign in'),
    h('label', { for: 'token' }, 'Gateway key or admin token'),
    input,
    h(
      'p',
      { id: 'token-help', class: 'hint' },
      'Kept in this tab only (session storage), never in the address bar. Leave it empty if the gateway has no keys.',
    ),
    h('button', { type: 'submit' }, 'Sign in'),
    message,
  );
  input.required = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    session.signIn(input.value.trim());
    try {
      onSignedIn(await getJson<Overview>('/console/api/overview'));
    } catch (err) {
      session.signOut();
      message.textContent =
        err instanceof ApiError && err.status === 401
          ? `The gateway did not accept that credential: ${err.message}`
          : `Could not reach the gateway: ${(err as Error).message}`;
      input.focus();
    }
  });
  queueMicrotask(() => input.focus());
  return form;
}
