import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from './exit-codes.js';
import { readImage, sniffImageType } from './image-input.js';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const WEBP = Uint8Array.from([0x52, 0x49, 0x46, 0x46, 1, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]);

describe('sniffImageType', () => {
  it('knows the four Bedrock formats by their magic bytes', () => {
    expect(sniffImageType(PNG)).toBe('image/png');
    expect(sniffImageType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageType(new TextEncoder().encode('GIF89a'))).toBe('image/gif');
    expect(sniffImageType(WEBP)).toBe('image/webp');
    expect(sniffImageType(new TextEncoder().encode('%PDF-1.7'))).toBeUndefined();
  });
});

describe('readImage', () => {
  it('reads a PNG and refuses a file that is not an image, with a usage error', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'outcrop-image-'));
    await writeFile(path.join(dir, 'a.png'), PNG);
    await writeFile(path.join(dir, 'b.png'), 'not really');
    await expect(readImage('a.png', dir)).resolves.toMatchObject({ mediaType: 'image/png' });
    await expect(readImage('b.png', dir)).rejects.toMatchObject({ exitCode: ExitCode.usage });
    await expect(readImage('missing.png', dir)).rejects.toThrow(/no such file/);
  });
});
