import { describe, expect, it } from 'vitest';
import { sniffFileType, typeFromFileName } from '../../desk/ingest/sniff.ts';
import { makeJpeg, makePdf, makePng, makeTiff } from '../fixtures/documents.ts';

describe('file type sniffing', () => {
  it('recognises real files by content', async () => {
    expect(sniffFileType(await makePdf(1))).toBe('pdf');
    expect(sniffFileType(await makeTiff(1, { width: 64, height: 64 }))).toBe('tiff');
    expect(sniffFileType(await makePng({ width: 64, height: 64 }))).toBe('png');
    expect(sniffFileType(await makeJpeg({ width: 64, height: 64 }))).toBe('jpeg');
  });
  it('finds %PDF- after leading junk and rejects everything else', () => {
    expect(sniffFileType(Buffer.from('\r\n\r\n%PDF-1.7\n'))).toBe('pdf');
    expect(sniffFileType(Buffer.from('PK\u0003\u0004 zip'))).toBe('unknown');
    expect(sniffFileType(Buffer.from('GIF89a'))).toBe('unknown');
    expect(sniffFileType(new Uint8Array())).toBe('unknown');
  });
  it('reads the type a file name claims', () => {
    expect(typeFromFileName('Scan 01.TIF')).toBe('tiff');
    expect(typeFromFileName('c.o.jpeg')).toBe('jpeg');
    expect(typeFromFileName('notes.docx')).toBeUndefined();
  });
});
