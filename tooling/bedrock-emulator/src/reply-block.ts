// The blocks of a reply, before they become Converse content or ConverseStream events.
import type { CitedBlock } from './citations.js';

export type ReplyBlock =
  | { kind: 'text'; text: string }
  | { kind: 'reasoning'; text: string; signature: string }
  | { kind: 'redacted'; data: string }
  | { kind: 'toolUse'; toolUseId: string; name: string; inputJson: string }
  | CitedBlock;
