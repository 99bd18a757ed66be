import { EXECUTABLE_BYTES, PDF_BYTES, PNG_BYTES } from '../../testing/attachment-fixtures';
import { sniffFileType } from '../file-type';
import { safeFilename } from '../incoming-file';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));

describe('sniffFileType', () => {
  it.each([
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg', 'image'],
    ['a PNG', PNG_BYTES, 'image/png', 'image'],
    ['a GIF89a', bytes('GIF89a', [1, 0]), 'image/gif', 'image'],
    ['a GIF87a', bytes('GIF87a', [1, 0]), 'image/gif', 'image'],
    ['a WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp', 'image'],
    ['a PDF', PDF_BYTES, 'application/pdf', 'document'],
  ])('When the content is %s, then it is recognised by its magic bytes', (_name, content, mimeType, kind) => {
    expect(sniffFileType(content)).toEqual({ mimeType, kind });
  });

  it.each([
    ['an ELF executable', EXECUTABLE_BYTES],
    ['a Windows executable', bytes('MZ', [0x90, 0, 3, 0])],
    ['a WAV (RIFF, but not WEBP)', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')],
    ['an SVG (text, scriptable)', bytes('<svg xmlns="http://www.w3.org/2000/svg">')],
    ['a ZIP (a .docx)', bytes([0x50, 0x4b, 0x03, 0x04])],
    ['an empty file', Buffer.alloc(0)],
    ['a PNG cut after 4 bytes', PNG_BYTES.subarray(0, 4)],
  ])('When the content is %s, then it is not an allowed type', (_name, content) => {
    expect(sniffFileType(content)).toBeUndefined();
  });
});

describe('safeFilename', () => {
  const png = { mimeType: 'image/png', kind: 'image' as const };
  it('When a name holds a path, control or reserved characters, then the last segment is kept with them replaced', () => {
    expect(safeFilename('/home/me/../a|b\u0007.png', png)).toBe('a_b_.png');
  });
  it('When nothing usable is left, then a generic name with the sniffed type’s extension', () => {
    expect(safeFilename(undefined, png)).toBe('attachment.png');
    expect(safeFilename('dir/', { mimeType: 'application/pdf', kind: 'document' })).toBe('attachment.pdf');
  });
  it('When a name is longer than 255 characters, then it is cut to 255 without splitting a character', () => {
    const name = safeFilename(`${'é'.repeat(200)}${'😀'.repeat(100)}`, png);
    expect([...name]).toHaveLength(255);
    expect(name.endsWith('😀')).toBe(true);
  });
});
