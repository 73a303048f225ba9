// A guardrail trace (API_runtime_GuardrailTraceAssessment) in a few fields, for the finish part's metadata.

export interface GuardrailSummary {
  /** The guardrail stopped or rewrote input or output. */
  intervened: boolean;
  /** Bedrock's `actionReason`, when the trace has one. */
  reason?: string;
  /** One line per guardrail and side: which policies matched and what was matched. */
  assessments: Array<{ guardrailId: string; on: 'input' | 'output'; policies: string[]; matches: string[] }>;
}

/** The assessment of a guardrail trace in a few fields (API_runtime_GuardrailTraceAssessment). */
export function summarizeGuardrail(trace: unknown): GuardrailSummary | undefined {
  const guardrail = (trace as { guardrail?: Record<string, unknown> } | undefined)?.guardrail;
  if (!guardrail || typeof guardrail !== 'object') return undefined;
  const assessments: GuardrailSummary['assessments'] = [];
  const read = (on: 'input' | 'output', guardrailId: string, assessment: unknown) => {
    const policies: string[] = [];
    const matches: string[] = [];
    for (const [policy, value] of Object.entries((assessment ?? {}) as Record<string, unknown>)) {
      if (!policy.endsWith('Policy') || !value || typeof value !== 'object') continue;
      policies.push(policy);
      JSON.stringify(value, (key, v) => {
        if ((key === 'match' || key === 'name' || key === 'type') && typeof v === 'string') matches.push(v);
        return v;
      });
    }
    if (policies.length) assessments.push({ guardrailId, on, policies, matches });
  };
  for (const [guardrailId, assessment] of Object.entries((guardrail.inputAssessment ?? {}) as object))
    read('input', guardrailId, assessment);
  for (const [guardrailId, list] of Object.entries((guardrail.outputAssessments ?? {}) as object))
    for (const assessment of Array.isArray(list) ? list : [list]) read('output', guardrailId, assessment);
  const reason = typeof guardrail.actionReason === 'string' ? guardrail.actionReason : undefined;
  return {
    intervened: assessments.length > 0 || reason !== undefined,
    ...(reason ? { reason } : {}),
    assessments,
  };
}
