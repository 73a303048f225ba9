// The credential lives in sessionStorage only: gone when the tab closes, never in a URL or a cookie.
const KEY = 'outcrop.console.token';

export const session = {
  token(): string | undefined {
    return sessionStorage.getItem(KEY) ?? undefined;
  },
  signIn(token: string): void {
    sessionStorage.setItem(KEY, token);
  },
  signOut(): void {
    sessionStorage.removeItem(KEY);
  },
};
