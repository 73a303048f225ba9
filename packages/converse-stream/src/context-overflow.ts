/**
 * Bedrock's wordings for "the prompt does not fit the model's context window", across model
 * families (Anthropic, Nova, Llama, Mistral, OpenAI-on-Bedrock) and the stop reason Bedrock
 * uses when a model hits the window while generating.
 */
const CONTEXT_OVERFLOW = [
  /input is too long/i,
  /too many input tokens/i,
  /exceeds? the maximum number of input tokens/i,
  /model_context_window_exceeded/i,
  /prompt is too long/i,
  /maximum context length/i,
  /context (?:length|window) (?:exceeded|is exceeded)/i,
  /exceed(?:s|ed)? (?:the )?context (?:limit|length|window)/i,
  /input length and `?max_tokens`? exceed context limit/i,
  /too many total text bytes/i,
];

export function isContextOverflowMessage(message: string | undefined): boolean {
  if (!message) return false;
  return CONTEXT_OVERFLOW.some((pattern) => pattern.test(message));
}

/** "…with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile…" */
export function isOnDemandUnsupportedMessage(message: string | undefined): boolean {
  return !!message && /on-demand throughput (?:isn['’]t|is not) supported/i.test(message);
}
