/** Options of `outcrop chat` (see program.ts for their flags). */
export interface ChatOptions {
  model?: string;
  system?: string;
  reasoning?: 'off' | 'minimal' | 'low' | 'medium' | 'high' | 'max';
  image?: string[];
  maxTokens?: number;
  json?: boolean;
  hideReasoning?: boolean;
}
