// Guardrails registered with the emulator (EmulatorOptions.guardrails): each blocks configured words in the
// input or the output, as a Bedrock guardrail with a word policy does. Trace shapes follow the API model
// (GuardrailTraceAssessment / GuardrailAssessment / GuardrailWordPolicyAssessment).
import { type AwsError, awsError } from './http-io.js';
import type { ContentBlock, ConverseBody } from './request-body.js';

export interface EmulatorGuardrail {
  /** The guardrail id (the ARN `…:guardrail/<id>` resolves to it too). */
  id: string;
  /** A version number as a string, or 'DRAFT'. */
  version: string;
  /** Words or phrases blocked, matched case-insensitively. */
  blockedWords: string[];
  /** Text that replaces a blocked input (default Bedrock's console default). */
  blockedInputMessaging?: string;
  /** Text that replaces a blocked output. */
  blockedOutputsMessaging?: string;
}

const DEFAULT_BLOCKED = 'Sorry, the model cannot answer this question.';

export class GuardrailRegistry {
  constructor(private readonly guardrails: EmulatorGuardrail[] = []) {}

  find(identifier: string, version: string): EmulatorGuardrail | undefined {
    const id = /:guardrail\/([a-z0-9]+)$/.exec(identifier)?.[1] ?? identifier;
    return this.guardrails.find((guardrail) => guardrail.id === id && guardrail.version === version);
  }
}

export interface GuardrailRequest {
  guardrail: EmulatorGuardrail;
  trace: 'enabled' | 'disabled' | 'enabled_full';
  streamProcessingMode: 'sync' | 'async';
}

/** The guardrail a Converse request names, or Bedrock's refusal (openclaw/openclaw #58588). */
export function resolveGuardrail(
  registry: GuardrailRegistry,
  body: ConverseBody,
): { request?: GuardrailRequest } | { error: AwsError } {
  const config = body.guardrailConfig as
    | {
        guardrailIdentifier?: string;
        guardrailVersion?: string;
        trace?: string;
        streamProcessingMode?: string;
      }
    | undefined;
  if (!config) return {};
  const guardrail = registry.find(
    String(config.guardrailIdentifier ?? ''),
    String(config.guardrailVersion ?? ''),
  );
  if (!guardrail) {
    return { error: awsError('ValidationException', 'The provided guardrail identifier is invalid.') };
  }
  return {
    request: {
      guardrail,
      trace: (config.trace as GuardrailRequest['trace']) ?? 'disabled',
      streamProcessingMode: config.streamProcessingMode === 'async' ? 'async' : 'sync',
    },
  };
}

/** Blocked words found in a text, in the guardrail's order. */
export function blockedWords(guardrail: EmulatorGuardrail, text: string): string[] {
  const lower = text.toLowerCase();
  return guardrail.blockedWords.filter((word) => lower.includes(word.toLowerCase()));
}

/** The text a guardrail assesses in a request: the guardContent blocks if any, otherwise all user text. */
export function guardedInput(body: ConverseBody): string {
  const blocks: ContentBlock[] = (body.messages ?? []).flatMap((message) =>
    message.role === 'user' ? (message.content ?? []) : [],
  );
  const guarded = [...(body.system ?? []), ...blocks].flatMap((block) => {
    const text = (block.guardContent as { text?: { text?: string } } | undefined)?.text?.text;
    return typeof text === 'string' ? [text] : [];
  });
  if (guarded.length > 0) return guarded.join('\n');
  return blocks.flatMap((block) => (typeof block.text === 'string' ? [block.text] : [])).join('\n');
}

/** GuardrailAssessment for a word policy that found `words` (API model shape). */
export function wordAssessment(words: string[], textCharacters: number): Record<string, unknown> {
  return {
    wordPolicy: {
      customWords: words.map((match) => ({ match, action: 'BLOCKED', detected: true })),
      managedWordLists: [],
    },
    invocationMetrics: {
      guardrailProcessingLatency: 1,
      usage: {
        topicPolicyUnits: 0,
        contentPolicyUnits: 0,
        wordPolicyUnits: Math.max(1, Math.ceil(textCharacters / 1000)),
        sensitiveInformationPolicyUnits: 0,
        sensitiveInformationPolicyFreeUnits: 0,
        contextualGroundingPolicyUnits: 0,
      },
      guardrailCoverage: { textCharacters: { guarded: textCharacters, total: textCharacters } },
    },
  };
}

export function blockedInputText(guardrail: EmulatorGuardrail): string {
  return guardrail.blockedInputMessaging ?? DEFAULT_BLOCKED;
}

export function blockedOutputText(guardrail: EmulatorGuardrail): string {
  return guardrail.blockedOutputsMessaging ?? DEFAULT_BLOCKED;
}
