import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { usageError } from './errors.js';

export type ImageMediaType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

/** Detects an image type from its first bytes; the extension is never trusted alone. */
export function sniffImageType(bytes: Uint8Array): ImageMediaType | undefined {
  const startsWith = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (startsWith(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (startsWith(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (startsWith(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (startsWith(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.slice(8, 12)) === 'WEBP') {
    return 'image/webp';
  }
  return undefined;
}

/** Bedrock caps an image at 3.75 MB. */
export const MAX_IMAGE_BYTES = 3_750_000;

export async function readImage(
  file: string,
  cwd: string,
): Promise<{ type: 'image'; data: Uint8Array; mediaType: ImageMediaType }> {
  const resolved = path.resolve(cwd, file);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(resolved);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw usageError(`cannot read image ${file}: ${code === 'ENOENT' ? 'no such file' : String(code)}`);
  }
  const mediaType = sniffImageType(bytes);
  if (!mediaType) {
    throw usageError(
      `${file} is not a PNG, JPEG, GIF or WebP image`,
      'Bedrock accepts only these four formats',
    );
  }
  if (bytes.byteLength > MAX_IMAGE_BYTES) {
    throw usageError(
      `${file} is ${(bytes.byteLength / 1e6).toFixed(1)} MB; Bedrock accepts images up to 3.75 MB`,
      'resize or recompress it first',
    );
  }
  return { type: 'image', data: bytes, mediaType };
}
