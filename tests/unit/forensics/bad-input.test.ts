/**
 * Bad inputs get a clear answer, never a crash or a confident number: damaged images a clear error,
 * pages without marks no marks, marks too poor to compare an explicit quality outcome with reasons.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { prepareMark } from '../../../desk/forensics/align.ts';
import { detectMarks, extractMarks } from '../../../desk/forensics/extract.ts';
import { ImageDecodeError, decodeRgb, encodeRgb } from '../../../desk/forensics/image.ts';
import { generatePage } from '../../../desk/forensics/synth/page.ts';
import { sealSample, sealSpec } from '../../../desk/forensics/synth/seals.ts';
import { verify } from '../../../desk/forensics/verify.ts';

const onePixelPng = () => sharp({ create: { width: 1, height: 1, channels: 3, background: '#ffffff' } }).png().toBuffer();

describe('damaged or degenerate images', () => {
  it('an empty buffer is a clear decode error', async () => {
    await expect(decodeRgb(Buffer.alloc(0))).rejects.toThrow(ImageDecodeError);
    await expect(decodeRgb(Buffer.alloc(0))).rejects.toThrow(/empty \(0 bytes\)/);
    await expect(extractMarks(Buffer.alloc(0), 300)).rejects.toThrow(/empty/);
  });

  it('bytes that are not an image, and a truncated PNG, are clear decode errors', async () => {
    await expect(decodeRgb(Buffer.from('certainly not a PNG file'))).rejects.toThrow(/not a supported image or the file is damaged/);
    const png = await onePixelPng();
    await expect(extractMarks(png.subarray(0, 24), 300)).rejects.toThrow(ImageDecodeError);
  });

  it('a 1×1 page has no marks; a 1×1 crop is refused as too small, with the reason', async () => {
    const png = await onePixelPng();
    expect(await extractMarks(png, 300)).toEqual([]);
    const tiny = prepareMark(await decodeRgb(png), { kind: 'stamp', dpi: 300 });
    const spec = sealSpec(20301);
    const good = prepareMark(sealSample(spec, 'specimen', { quality: 'specimen', dpi: 300 }).rgb, { kind: 'stamp', dpi: 300 });
    const asQuery = verify(tiny, [good]);
    expect(asQuery.outcome).toBe('query_quality_too_low');
    expect(asQuery.score).toBeNull();
    expect(asQuery.reasons.map((r) => r.text).join(' ')).toMatch(/px across/);
    const asSpecimen = verify(good, [tiny]);
    expect(asSpecimen.outcome).toBe('specimen_quality_too_low');
    expect(asSpecimen.score).toBeNull();
    expect(asSpecimen.reasons.map((r) => r.text).join(' ')).toMatch(/specimen quality too low/);
  });

  it('a blank crop (no ink) as specimen gives specimen_quality_too_low, not a score', () => {
    const blank = { w: 400, h: 400, d: new Uint8Array(400 * 400 * 3).fill(247) };
    const spec = sealSpec(20302);
    const q = prepareMark(sealSample(spec, 'q', { dpi: 300 }).rgb, { kind: 'stamp', dpi: 300 });
    const v = verify(q, [prepareMark(blank, { kind: 'stamp', dpi: 300 })]);
    expect(v.outcome).toBe('specimen_quality_too_low');
    expect(v.score).toBeNull();
    expect(v.band).toBeNull();
    expect(v.reasons.map((r) => r.text).join(' ')).toMatch(/too little ink/);
  });

  it('a zero or absurd dpi does not crash detection', async () => {
    const page = { w: 50, h: 50, d: new Uint8Array(50 * 50 * 3).fill(250) };
    expect(await detectMarks(page, 0)).toEqual([]);
    expect(await detectMarks(page, 100000)).toEqual([]);
  });
});

describe('pages', () => {
  it('a printed form with text and lines but no stamp or signature gives no marks (PNG path)', async () => {
    const page = generatePage('bad-input-none', { dpi: 200, variant: 'none' });
    expect(page.marks).toEqual([]);
    expect(await extractMarks(await encodeRgb(page.rgb), page.dpi)).toEqual([]);
  });
});
