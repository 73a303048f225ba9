// Image and document limits of the Converse API and the check that the bytes are what the block declares.
// Limits: Converse API reference (API_runtime_ImageBlock / DocumentBlock / conversation-inference-call.html):
// at most 20 images of at most 3.75 MB each, at most 5 documents of at most 4.5 MB each.
import { type AwsError, awsError } from './http-io.js';
import type { ContentBlock, ConverseBody } from './request-body.js';

const MAX_IMAGES = 20;
const MAX_IMAGE_BYTES = 3.75 * 1024 * 1024;
const MAX_DOCUMENTS = 5;
const MAX_DOCUMENT_BYTES = 4.5 * 1024 * 1024;
// Linear checks: a quantified group over megabytes of base64 overflows the regex engine's stack.
const NOT_BASE64 = /[^A-Za-z0-9+/]/;

const fromModel = (message: string) =>
  awsError('ValidationException', `The model returned the following errors: ${message}`);

/** The image format the bytes start with, by magic number. */
export function sniffImage(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (
    bytes.subarray(0, 6).toString('latin1') === 'GIF87a' ||
    bytes.subarray(0, 6).toString('latin1') === 'GIF89a'
  ) {
    return 'gif';
  }
  if (
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  ) {
    return 'webp';
  }
  return undefined;
}

/** Whether document bytes can be the declared format: binary formats by magic number, text formats as UTF-8 text. */
export function documentMatches(format: string, bytes: Buffer): boolean {
  switch (format) {
    case 'pdf':
      return bytes.subarray(0, 5).toString('latin1') === '%PDF-';
    case 'docx':
    case 'xlsx':
      return bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    case 'doc':
    case 'xls':
      return bytes.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    default:
      return !bytes.includes(0) && Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
  }
}

function decode(value: unknown): Buffer | undefined {
  if (typeof value !== 'string' || value.length % 4 !== 0) return undefined;
  const body = value.endsWith('==') ? value.slice(0, -2) : value.endsWith('=') ? value.slice(0, -1) : value;
  if (NOT_BASE64.test(body)) return undefined;
  return Buffer.from(value, 'base64');
}

interface Located {
  block: ContentBlock;
  at: string;
}

function mediaBlocks(body: ConverseBody): Located[] {
  const out: Located[] = [];
  for (const [i, message] of (body.messages ?? []).entries()) {
    for (const [j, block] of (message.content ?? []).entries()) {
      out.push({ block, at: `messages.${i}.content.${j}` });
      const results = block.toolResult?.content ?? [];
      for (const [k, item] of results.entries()) {
        out.push({ block: item as ContentBlock, at: `messages.${i}.content.${j}.toolResult.content.${k}` });
      }
    }
  }
  return out;
}

/** Count, size, base64 and magic-number checks of image and document blocks. */
export function checkMedia(body: ConverseBody): AwsError | undefined {
  const blocks = mediaBlocks(body);
  let images = 0;
  let documents = 0;
  for (const { block, at } of blocks) {
    const image = block.image as { format?: string; source?: { bytes?: unknown } } | undefined;
    const document = block.document as { format?: string; source?: { bytes?: unknown } } | undefined;
    if (image) images += 1;
    if (document) documents += 1;
    const raw = image?.source?.bytes ?? document?.source?.bytes;
    if (raw === undefined) continue;
    const kind = image ? 'image' : 'document';
    const bytes = decode(raw);
    // Wording not verified against Bedrock (see README): invalid base64 cannot be deserialized.
    if (!bytes) {
      return awsError(
        'ValidationException',
        `Malformed input request: ${at}.${kind}.source.bytes is not valid base64, please reformat your input and try again.`,
      );
    }
    if (image) {
      if (bytes.length > MAX_IMAGE_BYTES) {
        return fromModel(
          `${at}.image.source.bytes: image exceeds 3.75 MB maximum: ${bytes.length} bytes > ${MAX_IMAGE_BYTES} bytes`,
        );
      }
      const actual = sniffImage(bytes);
      // Wording seen on Bedrock (aws-samples/amazon-bedrock-client-for-mac #130).
      if (!actual) return fromModel(`${at}.image.source.bytes: Could not process image`);
      if (actual !== image.format) {
        return fromModel(
          `${at}.image.source.bytes: The image was specified using the image/${image.format} media type, but the image appears to be a image/${actual} image`,
        );
      }
    } else if (document) {
      if (bytes.length > MAX_DOCUMENT_BYTES) {
        return fromModel(
          `${at}.document.source.bytes: document exceeds 4.5 MB maximum: ${bytes.length} bytes > ${MAX_DOCUMENT_BYTES} bytes`,
        );
      }
      // Wording seen on Bedrock (maximhq/bifrost #5472).
      if (!documentMatches(String(document.format ?? 'txt'), bytes)) {
        return fromModel(
          `${at}.source.bytes: The document source bytes could not be parsed as the specified format. If using a text-based format, try source.text instead of source.bytes.`,
        );
      }
    }
  }
  // Wording not verified against Bedrock (see README).
  if (images > MAX_IMAGES)
    return awsError(
      'ValidationException',
      `Too many images: ${images}. A request can include at most ${MAX_IMAGES} images.`,
    );
  if (documents > MAX_DOCUMENTS) {
    return awsError(
      'ValidationException',
      `Too many documents: ${documents}. A request can include at most ${MAX_DOCUMENTS} documents.`,
    );
  }
  return undefined;
}
