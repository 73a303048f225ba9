import type { BedrockStreamEvent, BedrockUsage } from './events.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

function unknownEvent(name: string, payload: unknown): BedrockStreamEvent {
  return { type: 'unknown', name, payload };
}

function mapDelta(payload: Json, index: number): BedrockStreamEvent {
  const delta = payload.delta;
  if (!isObject(delta)) return unknownEvent('contentBlockDelta', payload);
  if (typeof delta.text === 'string') return { type: 'textDelta', index, text: delta.text };
  const toolUse = delta.toolUse;
  if (isObject(toolUse) && typeof toolUse.input === 'string') {
    return { type: 'toolUseDelta', index, input: toolUse.input };
  }
  const reasoning = delta.reasoningContent;
  if (isObject(reasoning)) {
    if (typeof reasoning.text === 'string')
      return { type: 'reasoningTextDelta', index, text: reasoning.text };
    if (typeof reasoning.signature === 'string') {
      return { type: 'reasoningSignatureDelta', index, signature: reasoning.signature };
    }
    if (typeof reasoning.redactedContent === 'string') {
      return {
        type: 'reasoningRedactedDelta',
        index,
        data: Buffer.from(reasoning.redactedContent, 'base64'),
      };
    }
  }
  if (isObject(delta.citation)) return { type: 'citationDelta', index, citation: delta.citation };
  return unknownEvent('contentBlockDelta', payload);
}

function mapUsage(usage: unknown): BedrockUsage {
  const u = isObject(usage) ? usage : {};
  const out: BedrockUsage = {
    inputTokens: typeof u.inputTokens === 'number' ? u.inputTokens : 0,
    outputTokens: typeof u.outputTokens === 'number' ? u.outputTokens : 0,
    totalTokens: typeof u.totalTokens === 'number' ? u.totalTokens : 0,
  };
  if (typeof u.cacheReadInputTokens === 'number') out.cacheReadInputTokens = u.cacheReadInputTokens;
  if (typeof u.cacheWriteInputTokens === 'number') out.cacheWriteInputTokens = u.cacheWriteInputTokens;
  if (Array.isArray(u.cacheDetails)) out.cacheDetails = u.cacheDetails;
  return out;
}

/**
 * Maps one event frame (`:event-type` + parsed JSON payload) to a typed event. Frames or delta
 * kinds this version does not know come out as `unknown` instead of being dropped.
 */
export function mapEvent(name: string, payload: unknown): BedrockStreamEvent {
  if (!isObject(payload)) return unknownEvent(name, payload);
  const index = typeof payload.contentBlockIndex === 'number' ? payload.contentBlockIndex : -1;
  switch (name) {
    case 'contentBlockDelta':
      if (index < 0) break;
      return mapDelta(payload, index);
    case 'contentBlockStop':
      if (index < 0) break;
      return { type: 'contentBlockStop', index };
    case 'contentBlockStart': {
      if (index < 0) break;
      const start = payload.start;
      const toolUse = isObject(start) ? start.toolUse : undefined;
      if (isObject(toolUse) && typeof toolUse.toolUseId === 'string' && typeof toolUse.name === 'string') {
        return {
          type: 'contentBlockStart',
          index,
          toolUse: { toolUseId: toolUse.toolUseId, name: toolUse.name },
          raw: start,
        };
      }
      return { type: 'contentBlockStart', index, raw: start };
    }
    case 'messageStart':
      if (typeof payload.role !== 'string') break;
      return { type: 'messageStart', role: payload.role };
    case 'messageStop': {
      if (typeof payload.stopReason !== 'string') break;
      const event: BedrockStreamEvent = { type: 'messageStop', stopReason: payload.stopReason };
      if (payload.additionalModelResponseFields !== undefined) {
        event.additionalModelResponseFields = payload.additionalModelResponseFields;
      }
      return event;
    }
    case 'metadata': {
      const event: Extract<BedrockStreamEvent, { type: 'metadata' }> = {
        type: 'metadata',
        usage: mapUsage(payload.usage),
      };
      const metrics = payload.metrics;
      if (isObject(metrics) && typeof metrics.latencyMs === 'number') event.latencyMs = metrics.latencyMs;
      if (payload.trace !== undefined) event.trace = payload.trace;
      if (payload.performanceConfig !== undefined) event.performanceConfig = payload.performanceConfig;
      if (payload.serviceTier !== undefined) event.serviceTier = payload.serviceTier;
      return event;
    }
  }
  return unknownEvent(name, payload);
}
