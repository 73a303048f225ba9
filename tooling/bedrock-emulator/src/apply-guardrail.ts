// ApplyGuardrail: POST /guardrail/{guardrailIdentifier}/version/{guardrailVersion}/apply. The registered
// guardrail assesses the text blocks of `content`; the answer follows ApplyGuardrailResponse of the API model.
import {
  blockedInputText,
  blockedOutputText,
  blockedWords,
  type GuardrailRegistry,
  wordAssessment,
} from './guardrails.js';
import { type AwsError, awsError } from './http-io.js';
import { checkModelConstraints } from './model-constraints.js';

interface ApplyBody {
  source?: 'INPUT' | 'OUTPUT';
  content?: { text?: { text?: string } }[];
  outputScope?: 'INTERVENTIONS' | 'FULL';
}

export function applyGuardrail(
  registry: GuardrailRegistry,
  identifier: string,
  version: string,
  body: unknown,
): { status: number; body: unknown } | { error: AwsError } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return {
      error: awsError(
        'ValidationException',
        'Malformed input request, please reformat your input and try again.',
      ),
    };
  }
  const malformed = checkModelConstraints('bedrock-runtime', 'ApplyGuardrail', body);
  if (malformed) return { error: malformed };
  const guardrail = registry.find(identifier, version);
  // The same refusal as an unknown guardrail on Converse (openclaw/openclaw #58588).
  if (!guardrail)
    return { error: awsError('ValidationException', 'The provided guardrail identifier is invalid.') };
  const request = body as ApplyBody;
  const text = (request.content ?? [])
    .flatMap((block) => (typeof block.text?.text === 'string' ? [block.text.text] : []))
    .join('\n');
  const words = blockedWords(guardrail, text);
  const assessment = wordAssessment(words, text.length);
  const { invocationMetrics, ...policies } = assessment as {
    invocationMetrics: { usage: unknown; guardrailCoverage: unknown };
  };
  const intervened = words.length > 0;
  return {
    status: 200,
    body: {
      usage: invocationMetrics.usage,
      action: intervened ? 'GUARDRAIL_INTERVENED' : 'NONE',
      ...(intervened ? { actionReason: 'Guardrail blocked.' } : {}),
      outputs: intervened
        ? [{ text: request.source === 'OUTPUT' ? blockedOutputText(guardrail) : blockedInputText(guardrail) }]
        : [],
      assessments: intervened || request.outputScope === 'FULL' ? [{ ...policies, invocationMetrics }] : [],
      guardrailCoverage: invocationMetrics.guardrailCoverage,
    },
  };
}
