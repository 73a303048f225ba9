// Citations for documents sent with `citations: { enabled: true }`: the reply quotes the first sentence of the
// first such document and cites it (Converse: a citationsContent block; ConverseStream: text deltas, then a
// `citation` delta, per the ContentBlockDelta union of the API model).
import type { ContentBlock, ConverseBody } from './request-body.js';

export interface Citation {
  title: string;
  sourceContent: { text: string }[];
  location: Record<string, { documentIndex: number; start: number; end: number }>;
}

export interface CitedBlock {
  kind: 'cited';
  text: string;
  citations: Citation[];
}

type Document = {
  name?: string;
  format?: string;
  citations?: { enabled?: boolean };
  source?: Record<string, unknown>;
};

function sourceText(document: Document): string {
  const source = document.source ?? {};
  if (typeof source.text === 'string') return source.text;
  const content = source.content as { text?: string }[] | undefined;
  if (Array.isArray(content)) return content.map((item) => item.text ?? '').join('\n');
  if (typeof source.bytes === 'string' && document.format !== 'pdf') {
    return Buffer.from(source.bytes, 'base64').toString('utf8');
  }
  return '';
}

/** The cited block of the reply, when a document asks for citations. */
export function citedBlock(body: ConverseBody): CitedBlock | undefined {
  const documents: Document[] = (body.messages ?? []).flatMap((message) =>
    (message.content ?? []).flatMap((block: ContentBlock) =>
      block.document ? [block.document as Document] : [],
    ),
  );
  const documentIndex = documents.findIndex((document) => document.citations?.enabled === true);
  if (documentIndex < 0) return undefined;
  const document = documents[documentIndex]!;
  const text = sourceText(document).trim();
  const end = Math.min(text.length, text.search(/[.!?](\s|$)/) + 1 || text.length, 200);
  const sentence = text.slice(0, end) || String(document.name ?? 'the document');
  const location: Citation['location'] =
    document.format === 'pdf'
      ? { documentPage: { documentIndex, start: 1, end: 2 } }
      : { documentChar: { documentIndex, start: 0, end } };
  return {
    kind: 'cited',
    text: `The document says: ${sentence}`,
    citations: [{ title: String(document.name ?? ''), sourceContent: [{ text: sentence }], location }],
  };
}
