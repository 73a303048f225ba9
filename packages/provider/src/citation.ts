// A citation: shared by the message types (spec.ts) and the stream parts (stream-parts.ts).

/** A passage of a document an answer cites. Location units follow the document: characters, pages or chunks. */
export interface Citation {
  /** The document's title or name as the model saw it. */
  title?: string;
  /** Index of the cited document among the documents of the request, when known. */
  documentIndex?: number;
  location?: { unit: 'char' | 'page' | 'chunk'; start: number; end: number };
  /** The quoted text. */
  quotedText?: string;
}
