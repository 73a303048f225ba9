// When a registered guardrail intervenes, and what the reply then holds: a blocked input is answered with the
// guardrail's input message; a blocked output is replaced by its output message, except in a stream with
// `streamProcessingMode: async`, where the text before the blocked chunk has already been sent
// (guardrails-streaming.html: async mode sends chunks before the guardrail has assessed them).
import {
  blockedOutputText,
  blockedWords,
  type GuardrailRequest,
  guardedInput,
  wordAssessment,
} from './guardrails.js';
import type { ReplyBlock } from './reply-block.js';
import type { ConverseBody } from './request-body.js';

const ACTION_REASON = 'Guardrail blocked.';

export function inputIntervention(
  body: ConverseBody,
  request: GuardrailRequest,
): { trace?: Record<string, unknown> } | undefined {
  const input = guardedInput(body);
  const words = blockedWords(request.guardrail, input);
  if (words.length === 0) return undefined;
  if (request.trace === 'disabled') return {};
  return {
    trace: {
      guardrail: {
        inputAssessment: { [request.guardrail.id]: wordAssessment(words, input.length) },
        actionReason: ACTION_REASON,
      },
    },
  };
}

export function outputIntervention(
  blocks: ReplyBlock[],
  request: GuardrailRequest,
  streaming: boolean,
): { blocks: ReplyBlock[]; trace?: Record<string, unknown> } | undefined {
  const text = blocks
    .flatMap((block) => (block.kind === 'text' || block.kind === 'cited' ? [block.text] : []))
    .join('\n');
  const words = blockedWords(request.guardrail, text);
  if (words.length === 0) return undefined;
  let kept: ReplyBlock[];
  if (streaming && request.streamProcessingMode === 'async') {
    const at = Math.min(...words.map((word) => text.toLowerCase().indexOf(word.toLowerCase())));
    const prefix = text.slice(0, Math.max(0, text.lastIndexOf(' ', at)));
    kept = prefix ? [{ kind: 'text', text: prefix }] : [];
  } else {
    kept = [{ kind: 'text', text: blockedOutputText(request.guardrail) }];
  }
  if (request.trace === 'disabled') return { blocks: kept };
  return {
    blocks: kept,
    trace: {
      guardrail: {
        ...(request.trace === 'enabled_full' ? { modelOutput: [text] } : {}),
        outputAssessments: { [request.guardrail.id]: [wordAssessment(words, text.length)] },
        actionReason: ACTION_REASON,
      },
    },
  };
}
