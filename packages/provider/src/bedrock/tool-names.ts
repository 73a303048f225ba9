// Bedrock tool names must match [a-zA-Z0-9_-]{1,64}; MCP-style names ('server.tool', 'a/b') do not. Names are
// sanitised on the way out and mapped back on the way in, so callers only ever see their own names.

const VALID = /^[a-zA-Z0-9_-]{1,64}$/;

export interface ToolNameMap {
  toBedrock(name: string): string;
  fromBedrock(name: string): string;
}

export function createToolNameMap(names: readonly string[]): ToolNameMap {
  const out = new Map<string, string>();
  const back = new Map<string, string>();
  // Valid names keep themselves; only the others are renamed, around them.
  for (const name of names) {
    if (VALID.test(name)) {
      out.set(name, name);
      back.set(name, name);
    }
  }
  for (const name of names) {
    if (out.has(name)) continue;
    const base = (name.replace(/[^a-zA-Z0-9_-]/g, '_') || 'tool').slice(0, 64);
    let candidate = base;
    for (let n = 2; back.has(candidate); n++) candidate = `${base.slice(0, 64 - String(n).length - 1)}_${n}`;
    out.set(name, candidate);
    back.set(candidate, name);
  }
  return {
    toBedrock: (name) => out.get(name) ?? name,
    fromBedrock: (name) => back.get(name) ?? name,
  };
}
