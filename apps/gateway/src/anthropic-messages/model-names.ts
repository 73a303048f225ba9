/**
 * Claude Code and Anthropic's SDKs name models the way Anthropic's API does (`claude-sonnet-4-5`,
 * `claude-sonnet-4-5-20250929`, `claude-3-5-haiku-latest`); Bedrock names the same model
 * `anthropic.claude-sonnet-4-5-20250929-v1:0`, usually behind a cross-region profile (`us.`, `eu.`, `global.`).
 * Bedrock model ids: https://docs.aws.amazon.com/bedrock/latest/userguide/models-supported.html
 */
const DATED = /-\d{8}$/;

/** The listed model id an Anthropic model name stands for, or undefined. Aliases in the config win before this. */
export function bedrockIdForClaude(name: string, ids: readonly string[]): string | undefined {
  if (!/^claude-[a-z0-9.-]+$/.test(name)) return undefined;
  const base = name.replace(/-latest$/, '');
  // A dated name names one snapshot; an undated one any snapshot of that model, the newest preferred.
  const needle = DATED.test(base) ? `anthropic.${base}-v` : `anthropic.${base}-`;
  const matches = ids.filter((id) => {
    const at = id.indexOf(needle);
    if (at < 0) return false;
    // `claude-sonnet-4` must not match `claude-sonnet-4-5-...`: after an undated name comes the date.
    return DATED.test(base) || /^\d{8}-v/.test(id.slice(at + needle.length));
  });
  const rank = (id: string) => (/(^|\/)(global|us|eu|apac|jp|au)\.anthropic\./.test(id) ? 1 : 0);
  return matches.sort((a, b) => rank(b) - rank(a) || (dateOf(b) > dateOf(a) ? 1 : -1))[0];
}

function dateOf(id: string): string {
  return /-(\d{8})-v/.exec(id)?.[1] ?? '';
}
