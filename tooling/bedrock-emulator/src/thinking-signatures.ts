// Signatures of Claude's reasoning blocks. Claude signs each thinking block and refuses one whose text or signature
// changed when it comes back in the history, so a client (or gateway) that edits reasoning text breaks the next turn
// on Bedrock. The emulator signs the same way in spirit: an HMAC of the text under a fixed key, so the signature
// stays valid across requests and emulator instances (regions), as a real one stays valid across Bedrock regions.
import { createHmac, timingSafeEqual } from 'node:crypto';

// Marks a signature as the emulator's: signatures it did not issue (Anthropic's own, hand-written ones in tests)
// cannot be checked here and are accepted.
const MAGIC = Buffer.from('outemu', 'latin1');
/** How a signature of ours starts in base64 (six bytes: eight characters, no padding). */
const MAGIC_BASE64 = MAGIC.toString('base64');
const KEY = 'outcrop-bedrock-emulator thinking signatures';

const mac = (text: string) => createHmac('sha256', KEY).update(text, 'utf8').digest();

/** The signature the emulator gives a reasoning block with this text (base64, like Claude's). */
export function signThinking(text: string): string {
  return Buffer.concat([MAGIC, mac(text)]).toString('base64');
}

export type SignatureVerdict = 'valid' | 'invalid' | 'foreign';

/** Whether a signature came back with the text it was issued for. */
export function verifyThinking(text: string, signature: string): SignatureVerdict {
  const bytes = Buffer.from(signature, 'base64');
  if (bytes.length !== MAGIC.length + 32 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    // A different length with our marker is a truncated or padded signature of ours.
    return signature.startsWith(MAGIC_BASE64) ? 'invalid' : 'foreign';
  }
  return timingSafeEqual(bytes.subarray(MAGIC.length), mac(text)) ? 'valid' : 'invalid';
}
