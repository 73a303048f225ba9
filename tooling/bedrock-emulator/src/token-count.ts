// Input tokens of a Converse-shaped request, counted as the reply model counts them (prompt-tokens.ts), so
// CountTokens agrees with the usage a Converse or InvokeModel call reports.
import { promptTokens } from './prompt-tokens.js';
import type { ConverseBody } from './request-body.js';

export function converseInputTokens(body: ConverseBody, withTools: boolean): number {
  if (withTools || !body.toolConfig) return promptTokens(body);
  const { toolConfig: _tools, ...rest } = body;
  return promptTokens(rest);
}
