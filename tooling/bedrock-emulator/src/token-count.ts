// Input tokens of a Converse-shaped request, counted as the reply model counts them (ceil(characters / 4)
// over tools, system and messages), so CountTokens agrees with the usage a Converse call reports.
import type { ConverseBody } from './request-body.js';

export function converseInputTokens(body: ConverseBody, withTools: boolean): number {
  let chars = 0;
  if (withTools) {
    for (const tool of body.toolConfig?.tools ?? [])
      chars += tool.toolSpec ? JSON.stringify(tool.toolSpec).length : 0;
  }
  for (const block of body.system ?? []) chars += typeof block.text === 'string' ? block.text.length : 0;
  for (const message of body.messages ?? []) {
    for (const block of message.content ?? []) {
      if (typeof block.text === 'string') chars += block.text.length;
      else if (!block.cachePoint) chars += JSON.stringify(block).length;
    }
  }
  return Math.ceil(chars / 4);
}
