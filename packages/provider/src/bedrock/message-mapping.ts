// Context messages -> Bedrock messages: content to bytes, tool results grouped into one user turn,
// consecutive same-role turns merged, blank text dropped, reasoning replayed only where accepted.
import { ProviderError } from '../errors.js';
import type { BinaryData, DocumentContent, ImageContent, Message, ReasoningContent } from '../spec.js';
import type { Warning } from '../stream-parts.js';
import type {
  BedrockContentBlock,
  BedrockMessage,
  DocumentFormat,
  ImageBlock,
  ImageFormat,
  ToolResultContent,
} from './bedrock-types.js';

export interface MessageMappingOptions {
  /** The model takes signed and redacted reasoning back (Claude). Otherwise reasoning is replayed as text. */
  acceptsSignedReasoning: boolean;
  /** Tools are sent with this request; without them Bedrock rejects toolUse/toolResult blocks. */
  toolsEnabled: boolean;
  /** The name a tool is sent under (see tool-names.ts); the identity by default. */
  toolName?: (name: string) => string;
  /** What the model is declared to take (ModelSpec.input); image or document parts beyond it get a warning. */
  input?: readonly string[];
}

type AssistantBlock = Extract<Message, { role: 'assistant' }>['content'][number];

const IMAGE_FORMATS: Record<ImageContent['mediaType'], ImageFormat> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

const DOCUMENT_FORMATS: Record<string, DocumentFormat> = {
  'application/pdf': 'pdf',
  'text/csv': 'csv',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/html': 'html',
  'text/plain': 'txt',
  'text/markdown': 'md',
};

export function toBedrockMessages(
  messages: readonly Message[],
  options: MessageMappingOptions,
): { messages: BedrockMessage[]; warnings: Warning[] } {
  if (!Array.isArray(messages)) throw new ProviderError('validation', 'context.messages must be an array.');
  const warnings: Warning[] = [];
  let toolHistoryAsText = false;
  const documentNames = new Set<string>(); // Bedrock rejects two documents with one name in a request
  const mapped: BedrockMessage[] = [];
  const unsupported = new Set<'image' | 'document'>();
  messages.forEach((message, m) => {
    const at = `messages[${m}]`;
    let content: BedrockContentBlock[];
    switch (message?.role) {
      case 'user':
        content = userContent(message.content, at, documentNames);
        if (!content.length) {
          // Bedrock rejects blank text. Dropping the last turn would silently answer the one before it.
          if (m === messages.length - 1)
            throw invalid(at, 'the user message is blank (Bedrock rejects blank text)');
          warnings.push({ code: 'blank-message-dropped', message: `${at} is blank and was left out.` });
          return;
        }
        undeclaredInputs(content, options.input, unsupported);
        break;
      case 'assistant':
        content = message.content.flatMap((block: AssistantBlock, b: number): BedrockContentBlock[] => {
          if (block.type === 'text') return nonBlank(block.text);
          if (block.type === 'reasoning') return replayReasoning(block, options.acceptsSignedReasoning);
          if (block.type !== 'tool-call') throw invalid(`${at}.content[${b}]`, 'unknown assistant block');
          if (!options.toolsEnabled) {
            toolHistoryAsText = true;
            return [{ text: `[tool call ${block.toolName} ${JSON.stringify(block.arguments ?? {})}]` }];
          }
          const input = block.arguments ?? {};
          const name = options.toolName?.(block.toolName) ?? block.toolName;
          return [{ toolUse: { toolUseId: toolCallId(block.toolCallId), name, input } }];
        });
        break;
      case 'tool':
        content = [toolResult(message, options.toolsEnabled, at)];
        if (!options.toolsEnabled) toolHistoryAsText = true;
        break;
      default:
        throw invalid(at, `unknown role ${JSON.stringify((message as { role?: unknown })?.role)}`);
    }
    if (!content.length) return; // Converse rejects empty turns
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const previous = mapped.at(-1);
    if (previous?.role === role) previous.content.push(...content);
    else mapped.push({ role, content });
  });
  for (const kind of unsupported) {
    warnings.push({
      code: 'unsupported-input',
      setting: kind,
      message: `The model is declared to take ${options.input?.join(', ')} only; the ${kind} was sent anyway and Bedrock may reject it.`,
    });
  }
  if (toolHistoryAsText) {
    warnings.push({
      code: 'tool-history-as-text',
      message: 'The request sends no tools, so earlier tool calls and results were replayed as text.',
    });
  }
  return { messages: mapped, warnings };
}

/** Records image or document blocks that the model's declared input does not list. */
function undeclaredInputs(
  content: readonly BedrockContentBlock[],
  declared: readonly string[] | undefined,
  found: Set<'image' | 'document'>,
): void {
  if (!declared) return;
  for (const block of content) {
    if ('image' in block && !declared.includes('image')) found.add('image');
    if ('document' in block && !declared.includes('document')) found.add('document');
  }
}

function userContent(
  content: Extract<Message, { role: 'user' }>['content'],
  at: string,
  documentNames: Set<string>,
): BedrockContentBlock[] {
  if (typeof content === 'string') return nonBlank(content);
  return content.flatMap((block, b): BedrockContentBlock[] => {
    const where = `${at}.content[${b}]`;
    if (block.type === 'text') return nonBlank(block.text);
    if (block.type === 'image') return [imageBlock(block, where)];
    if (block.type === 'document') return [documentBlock(block, documentNames, where)];
    throw invalid(where, 'unknown user block');
  });
}

function toolResult(message: Extract<Message, { role: 'tool' }>, toolsEnabled: boolean, at: string) {
  const parts =
    typeof message.content === 'string'
      ? [{ type: 'text' as const, text: message.content }]
      : message.content;
  if (!toolsEnabled) {
    const text = parts.map((p) => (p.type === 'text' ? p.text : `[${p.mediaType}]`)).join('\n');
    return { text: `[tool result ${message.toolName}${message.isError ? ' (error)' : ''}] ${text}` };
  }
  const content: ToolResultContent[] = parts.flatMap((part, p): ToolResultContent[] => {
    if (part.type === 'text') return part.text.trim() ? [{ text: part.text }] : [];
    return [imageBlock(part, `${at}.content[${p}]`)];
  });
  if (!content.length) content.push({ text: '(no output)' });
  const status = message.isError ? ('error' as const) : ('success' as const);
  return { toolResult: { toolUseId: toolCallId(message.toolCallId), content, status } };
}

function replayReasoning(block: ReasoningContent, acceptsSigned: boolean): BedrockContentBlock[] {
  if (acceptsSigned && block.redactedData) {
    return [{ reasoningContent: { redactedContent: toBytes(block.redactedData, 'reasoning.redactedData') } }];
  }
  if (acceptsSigned && block.signature) {
    return [{ reasoningContent: { reasoningText: { text: block.text, signature: block.signature } } }];
  }
  // Unsigned reasoning (or reasoning for a model that cannot verify it) is kept as plain text;
  // redacted reasoning means nothing to other models and is dropped.
  return nonBlank(block.text);
}

function imageBlock(block: ImageContent, at: string): ImageBlock {
  const format = IMAGE_FORMATS[block.mediaType];
  if (!format)
    throw invalid(at, `image media type ${block.mediaType} is not one of ${Object.keys(IMAGE_FORMATS)}`);
  return { image: { format, source: { bytes: toBytes(block.data, at) } } };
}

function documentBlock(block: DocumentContent, used: Set<string>, at: string): BedrockContentBlock {
  const format = DOCUMENT_FORMATS[block.mediaType];
  if (!format) throw invalid(at, `document media type ${block.mediaType} is not supported by Bedrock`);
  const base = documentName(block.name, used.size + 1);
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base.slice(0, 190)} (${n})`;
  used.add(name);
  const source = { bytes: toBytes(block.data, at) };
  return {
    document: { format, name, source, ...(block.citations ? { citations: { enabled: true } } : {}) },
  };
}

/** Bedrock allows letters, digits, single spaces, hyphens, parentheses and square brackets in names. */
export function documentName(name: string | undefined, ordinal: number): string {
  const base = (name ?? '').replace(/\.[a-z0-9]+$/i, '');
  const cleaned = base
    .replace(/[^a-zA-Z0-9\s\-()[\]]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
  return cleaned || `document-${ordinal}`;
}

/** Bedrock tool-use ids must match [a-zA-Z0-9_-]{1,64}; the same input always maps to the same id. */
export function toolCallId(id: string): string {
  const cleaned = String(id).replace(/[^a-zA-Z0-9_-]/g, '_');
  return (cleaned || 'tool_call').slice(0, 64);
}

export function toBytes(data: BinaryData, at: string): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (typeof data !== 'string') throw invalid(at, 'data must be bytes or a base64 string');
  const base64 = data.startsWith('data:') ? data.slice(data.indexOf(',') + 1) : data;
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(base64.replace(/\s/g, '')))
    throw invalid(at, 'data is not valid base64');
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

function nonBlank(text: string): BedrockContentBlock[] {
  return typeof text === 'string' && text.trim() ? [{ text }] : [];
}

function invalid(location: string, message: string): ProviderError {
  return new ProviderError('validation', `${location}: ${message}.`, { location });
}
