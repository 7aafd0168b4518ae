import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DeskError } from '../../../desk/errors.ts';
import {
  analysePage,
  applyAffine,
  bilevelStats,
  compose,
  invertAffine,
  mapBox,
  preparePage,
  SIDEWAYS_SHARE,
} from '../../../desk/ocr/preprocess.ts';
import { ENGLISH_LINES, renderSynthPage, standardModeFax, type SynthSpec } from '../../../desk/ocr/synth.ts';

const page = (extra: Partial<SynthSpec> = {}): SynthSpec => ({
  width: 2000,
  height: 1400,
  lines: ENGLISH_LINES.slice(0, 8).map((text, i) => ({ text: text.slice(0, 60), x: 150, y: 200 + i * 110, size: 42 })),
  ...extra,
});

describe('affine maps', () => {
  it('invert and compose exactly', () => {
    const m = { a: 0.9, b: 0.2, c: -0.3, d: 1.1, e: 12, f: -7 };
    const id = compose(m, invertAffine(m));
    const [x, y] = applyAffine(id, 123, 456);
    expect(x).toBeCloseTo(123, 9);
    expect(y).toBeCloseTo(456, 9);
    expect(mapBox({ a: 2, b: 0, c: 0, d: 2, e: 1, f: 1 }, { x: 1, y: 2, w: 3, h: 4 })).toEqual({ x: 3, y: 5, w: 6, h: 8 });
  });
});

describe('page analysis', () => {
  it('measures a known skew within 0.5° (3° and −2°)', async () => {
    for (const skewDeg of [3, -2]) {
      const p = await renderSynthPage(page({ skewDeg, noise: 6, jpegQuality: 80 }));
      const a = await analysePage(p.image);
      expect(Math.abs(a.skew - skewDeg)).toBeLessThan(0.5);
      expect(a.verticalLinks).toBeLessThan(SIDEWAYS_SHARE);
    }
  });

  it('sees a page lying on its side', async () => {
    const p = await renderSynthPage(page({ rotate: 90 }));
    const a = await analysePage(p.image);
    expect(a.verticalLinks).toBeGreaterThan(SIDEWAYS_SHARE);
  });

  it('turns stamp and signature ink into paper but keeps black print under it', async () => {
    const spec = page({ stamps: [{ cx: 700, cy: 420, r: 200, colour: 'red' }], signature: { x: 900, y: 600 } });
    const p = await renderSynthPage(spec);
    // Ruled-line removal would also erase the ring's vertical tangent: this test is about colour.
    const a = await analysePage(p.image, { removeLines: false });
    const plain = await analysePage(p.image, { removeColourInk: false, removeLines: false });
    const at = (img: typeof a.grey, x: number, y: number) => img.data[Math.round(y) * img.width + Math.round(x)]!;
    // On the stamp's outer ring, left of centre, away from text lines: dark without suppression, paper with it.
    let ringDark = 0;
    let ringKept = 0;
    for (let dy = -30; dy <= 30; dy++) {
      const v0 = at(plain.grey, 700 - 200, 420 + dy);
      const v1 = at(a.grey, 700 - 200, 420 + dy);
      if (v0 < 160) ringDark++;
      if (v1 < 160) ringKept++;
    }
    expect(ringDark).toBeGreaterThan(3);
    expect(ringKept).toBe(0);
    expect(a.colourInk).toBeGreaterThan(0.001);
    // Black print inside the stamp stays dark.
    const w = p.words.find((x) => x.cx > 520 && x.cx < 880 && x.cy > 280 && x.cy < 560)!;
    let darkest = 255;
    for (let y = w.y; y < w.y + w.h; y++) for (let x = w.x; x < w.x + w.w; x++) darkest = Math.min(darkest, at(a.grey, x, y));
    expect(darkest).toBeLessThan(80);
    expect(a.textComponents).toBeGreaterThan(0.9 * plain.textComponents - 40);
  });

  it('maps prepared pixels back onto the original after rescale and deskew', async () => {
    const p = await renderSynthPage(page({ dpi: 150, skewDeg: 3 }));
    const a = await analysePage(p.image);
    const prep = preparePage(a);
    expect(prep.scale).toBeGreaterThan(1.3); // 150 dpi is brought up
    expect(Math.abs(prep.skew - 3)).toBeLessThan(0.5);
    // Round trip of a word centre through the forward map.
    const fwd = invertAffine(prep.toOriginal);
    const w = p.words[5]!;
    const [u, v] = applyAffine(fwd, w.cx, w.cy);
    const [x, y] = applyAffine(prep.toOriginal, u, v);
    expect(x).toBeCloseTo(w.cx, 6);
    expect(y).toBeCloseTo(w.cy, 6);
    // The prepared image really has the word there: its pixels are dark around (u, v).
    const pixels = prep.image.subarray(prep.image.length - prep.width * prep.height);
    let dark = 0;
    for (let dy = -8; dy <= 8; dy++) for (let dx = -30; dx <= 30; dx++) if (pixels[Math.round(v + dy) * prep.width + Math.round(u + dx)]! < 128) dark++;
    expect(dark).toBeGreaterThan(20);
  });

  it('reads a binarised (fax-like) page as well as its greyscale original', async () => {
    const p = await renderSynthPage(page({ skewDeg: 2 }));
    const grey = await analysePage(p.image);
    // Only 0 and 255 left: Otsu's split must fall between them, not on the black level.
    const fax = await analysePage(await sharp(p.image).greyscale().threshold(170).png().toBuffer());
    expect(fax.charHeight).not.toBeNull();
    expect(fax.textComponents).toBeGreaterThan(0.8 * grey.textComponents);
    expect(Math.abs(fax.skew - grey.skew)).toBeLessThan(0.3);
  });

  it('knows a standard-mode fax (black and white, every row sent twice) and smooths it; a greyscale scan is left as it is', async () => {
    const p = await renderSynthPage(page({ skewDeg: 1 }));
    const faxPng = await standardModeFax(p.image, 170);
    const raw = await sharp(faxPng).greyscale().raw().toBuffer({ resolveWithObject: true });
    const stats = bilevelStats({ data: new Uint8Array(raw.data), width: raw.info.width, height: raw.info.height });
    expect(stats.binaryShare).toBe(1);
    expect(stats.repeatedRows).toBeGreaterThan(0.45);
    const fax = await analysePage(faxPng, { dpi: 200 });
    expect(fax.bilevel).toBe(true);
    expect(fax.thickened).toBe(true);
    // the second preparation a fax is read from: smoothed, strokes not grown (less ink)
    const thin = await analysePage(faxPng, { dpi: 200, thickenBilevel: false });
    expect(thin).toMatchObject({ bilevel: true, thickened: false });
    const ink = (g: { data: Uint8Array }) => g.data.reduce((s, v) => s + (255 - v), 0);
    expect(ink(thin.grey)).toBeLessThan(ink(fax.grey) * 0.95);
    // grey edges now: no longer only black and white
    expect(bilevelStats(fax.grey).binaryShare).toBeLessThan(0.97);
    const grey = await analysePage(p.image);
    expect(grey).toMatchObject({ bilevel: false, thickened: false });
    expect(fax.textComponents).toBeGreaterThan(0.7 * grey.textComponents);
  });

  it('erases ruled form lines but keeps the characters between them', async () => {
    const p = await renderSynthPage(page({}));
    // Box borders and a table rule through the page, clear of the text lines.
    const { data, info } = await sharp(p.image).greyscale().raw().toBuffer({ resolveWithObject: true });
    const W = info.width;
    for (let x = 100; x < W - 100; x++) for (let t = 0; t < 4; t++) data[(360 + t) * W + x] = 0;
    for (let y = 300; y < info.height - 300; y++) for (let t = 0; t < 4; t++) data[y * W + 150 + t] = 0;
    const ruled = await sharp(data, { raw: { width: W, height: info.height, channels: 1 } }).png().toBuffer();
    const a = await analysePage(ruled);
    expect(a.formLinePixels).toBeGreaterThan(4 * (W - 200));
    const row = (y: number) => Array.from({ length: W - 400 }, (_, i) => a.grey.data[Math.round(y * a.analysisScale) * a.grey.width + Math.round((200 + i) * a.analysisScale)]!);
    expect(Math.min(...row(361))).toBeGreaterThan(200); // the rule is paper now
    const kept = await analysePage(ruled, { removeLines: false });
    expect(a.textComponents).toBeGreaterThanOrEqual(kept.textComponents * 0.95);
  });

  it('finds no text on an empty page', async () => {
    const blank = await sharp({ create: { width: 1200, height: 1600, channels: 3, background: '#fdfdf8' } }).png().toBuffer();
    const a = await analysePage(blank);
    expect(a.textComponents).toBe(0);
    expect(a.charHeight).toBeNull();
  });

  it('rejects bytes that are no image with a corrupt_file error', async () => {
    await expect(analysePage(Buffer.from('this is not an image'))).rejects.toMatchObject({ code: 'corrupt_file' });
    const png = (await renderSynthPage(page())).image;
    const err = await analysePage(png.subarray(0, 300)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeskError);
    expect((err as DeskError).code).toBe('corrupt_file');
  });
});
