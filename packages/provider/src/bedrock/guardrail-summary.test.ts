import { describe, expect, it } from 'vitest';
import { summarizeGuardrail } from './guardrail-summary.js';

describe('summarizeGuardrail', () => {
  it('names the policies and matches of input and output assessments, and the action reason', () => {
    const summary = summarizeGuardrail({
      guardrail: {
        actionReason: 'Guardrail blocked.',
        inputAssessment: {
          gr7: {
            wordPolicy: { customWords: [{ match: 'forbidden', action: 'BLOCKED' }] },
            invocationMetrics: {},
          },
        },
        outputAssessments: {
          gr7: [{ topicPolicy: { topics: [{ name: 'finance', type: 'DENY' }] } }],
        },
      },
    });
    expect(summary).toEqual({
      intervened: true,
      reason: 'Guardrail blocked.',
      assessments: [
        { guardrailId: 'gr7', on: 'input', policies: ['wordPolicy'], matches: ['forbidden'] },
        { guardrailId: 'gr7', on: 'output', policies: ['topicPolicy'], matches: ['finance', 'DENY'] },
      ],
    });
  });

  it('is undefined without a guardrail trace, and not intervened when nothing matched', () => {
    expect(summarizeGuardrail(undefined)).toBeUndefined();
    expect(summarizeGuardrail({ promptRouter: {} })).toBeUndefined();
    expect(
      summarizeGuardrail({ guardrail: { inputAssessment: { gr7: { invocationMetrics: {} } } } }),
    ).toEqual({
      intervened: false,
      assessments: [],
    });
  });
});
