// What to use when the config names no default model (a first run, or the embedded emulator): one rule,
// shared by the gateway's example and the CLI's chat, so both suggest the same model.
const PREFERENCES = [/anthropic\.claude-sonnet/, /anthropic\.claude/, /amazon\.nova-pro/];

/** The most broadly capable model ref among `refs`: a Claude Sonnet, else any Claude, else Nova Pro, else the first. */
export function suggestDefaultModel(refs: readonly string[]): string | undefined {
  for (const pattern of PREFERENCES) {
    const match = refs.find((ref) => pattern.test(ref));
    if (match) return match;
  }
  return refs[0];
}
