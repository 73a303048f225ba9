import { describe, expect, it } from 'vitest';
import { documentMatches, sniffImage } from './media-checks.js';

describe('sniffImage', () => {
  it.each([
    ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]],
    ['jpeg', [0xff, 0xd8, 0xff, 0xe0]],
    ['gif', [...Buffer.from('GIF89a'), 0]],
    ['webp', [...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBP')]],
  ])('knows %s by its magic number', (format, bytes) => {
    expect(sniffImage(Buffer.from(bytes))).toBe(format);
  });
  it('knows no format for other bytes', () => {
    expect(sniffImage(Buffer.from('hello'))).toBeUndefined();
  });
});

describe('documentMatches', () => {
  it('takes a pdf by its header and refuses text as pdf', () => {
    expect(documentMatches('pdf', Buffer.from('%PDF-1.7\n'))).toBe(true);
    expect(documentMatches('pdf', Buffer.from('plain'))).toBe(false);
  });
  it('takes UTF-8 text for text formats and refuses binary', () => {
    expect(documentMatches('csv', Buffer.from('a,b\n1,2'))).toBe(true);
    expect(documentMatches('txt', Buffer.from([0xff, 0x00, 0x10]))).toBe(false);
  });
  it('takes zip containers for docx and xlsx', () => {
    expect(documentMatches('docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1]))).toBe(true);
    expect(documentMatches('xlsx', Buffer.from('%PDF-'))).toBe(false);
  });
});
