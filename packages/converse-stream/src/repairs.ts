import type { StreamWarning } from './events.js';
import { isBlank, isObject, type Json, TOOL_USE_ID, unionKey } from './request-shape.js';

export interface RepairResult<T> {
  input: T;
  warnings: StreamWarning[];
}

type Message = Json & { role?: unknown; content: unknown[] };

const isToolResult = (block: unknown) => unionKey(block) === 'toolResult';

/** Replaces characters Bedrock rejects and keeps ids unique after the rewrite. */
function idSanitiser(): (id: string) => string {
  const mapping = new Map<string, string>();
  const used = new Set<string>();
  return (id) => {
    if (TOOL_USE_ID.test(id)) return id;
    const known = mapping.get(id);
    if (known) return known;
    const base = (id.replace(/[^a-zA-Z0-9_-]/g, '_') || 'tool').slice(0, 64);
    let candidate = base;
    for (let n = 2; used.has(candidate); n++) candidate = `${base.slice(0, 64 - String(n).length - 1)}_${n}`;
    used.add(candidate);
    mapping.set(id, candidate);
    return candidate;
  };
}

function sanitiseBlock(block: unknown, sanitise: (id: string) => string, onChange: () => void): unknown {
  const kind = unionKey(block);
  if (kind !== 'toolUse' && kind !== 'toolResult') return block;
  const value = (block as Json)[kind];
  if (!isObject(value) || typeof value.toolUseId !== 'string') return block;
  const id = sanitise(value.toolUseId);
  if (id === value.toolUseId) return block;
  onChange();
  return { [kind]: { ...value, toolUseId: id } };
}

/**
 * Applies the safe, documented repairs to a Converse request and reports each as a warning:
 * drop blank text blocks (and turns left empty), sanitise tool-use ids to `[a-zA-Z0-9_-]{1,64}`,
 * merge consecutive same-role turns, and put tool results first in their user turn.
 * The input is not mutated.
 */
export function repairConverseRequest<T extends object>(input: T): RepairResult<T> {
  const warnings: StreamWarning[] = [];
  const request = input as Json;
  const out: Json = { ...request };

  if (Array.isArray(request.system)) {
    const system = request.system.filter(
      (block) => !(unionKey(block) === 'text' && isBlank((block as Json).text)),
    );
    if (system.length !== request.system.length) {
      warnings.push({
        code: 'repair_dropped_blank_text',
        message: `Dropped ${request.system.length - system.length} blank system text block(s)`,
      });
      out.system = system;
    }
  }
  if (!Array.isArray(request.messages)) return { input: out as T, warnings };

  const sanitise = idSanitiser();
  const merged: Message[] = [];
  request.messages.forEach((raw, m) => {
    if (!isObject(raw) || !Array.isArray(raw.content)) {
      merged.push(raw as Message);
      return;
    }
    let sanitised = 0;
    const content = raw.content
      .filter((block, b) => {
        const blank = unionKey(block) === 'text' && isBlank((block as Json).text);
        if (blank)
          warnings.push({
            code: 'repair_dropped_blank_text',
            message: 'Dropped a blank text block',
            location: { message: m, block: b },
          });
        return !blank;
      })
      .map((block) => sanitiseBlock(block, sanitise, () => sanitised++));
    if (sanitised > 0) {
      warnings.push({
        code: 'repair_sanitised_tool_use_id',
        message: `Rewrote ${sanitised} tool-use id(s) to [a-zA-Z0-9_-]{1,64}`,
        location: { message: m },
      });
    }
    if (content.length === 0) return;
    const previous = merged[merged.length - 1];
    if (previous && isObject(previous) && previous.role === raw.role) {
      const grouping = raw.role === 'user' && content.some(isToolResult);
      warnings.push({
        code: grouping ? 'repair_grouped_tool_results' : 'repair_merged_turns',
        message: grouping
          ? 'Grouped tool results into one user turn'
          : `Merged consecutive ${String(raw.role)} turns`,
        location: { message: m },
      });
      previous.content = [...previous.content, ...content];
      return;
    }
    merged.push({ ...raw, content });
  });

  merged.forEach((message, m) => {
    if (!isObject(message) || message.role !== 'user' || !Array.isArray(message.content)) return;
    const results = message.content.filter(isToolResult);
    if (results.length === 0) return;
    const firstOther = message.content.findIndex((block) => !isToolResult(block));
    const lastResult = message.content.findLastIndex(isToolResult);
    if (firstOther === -1 || firstOther > lastResult) return;
    message.content = [...results, ...message.content.filter((block) => !isToolResult(block))];
    warnings.push({
      code: 'repair_grouped_tool_results',
      message: 'Moved tool results to the start of their user turn',
      location: { message: m },
    });
  });
  out.messages = merged;
  return { input: out as T, warnings };
}
