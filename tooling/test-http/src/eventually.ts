/** Polls every 25 ms until `check` holds; throws after `attempts` tries (bounded, never a hang). */
export async function eventually(check: () => boolean | Promise<boolean>, attempts = 400): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('condition never held');
}
