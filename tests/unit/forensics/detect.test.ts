import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { detectMarks, extractMarks } from '../../../desk/forensics/extract.ts';
import { encodeRgb, iou } from '../../../desk/forensics/image.ts';
import { generatePage } from '../../../desk/forensics/synth/page.ts';

describe('detection on generated C/O pages', () => {
  it('finds stamps and signatures with precision and recall ≥ 0.9', async () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const variants = ['standard', 'overlap', 'black_seal', 'standard', 'standard', 'standard'] as const;
    for (let i = 0; i < variants.length; i++) {
      const page = generatePage(`test-${30000 + i}`, { dpi: 150, variant: variants[i] });
      const marks = await detectMarks(page.rgb, page.dpi);
      const used = new Set<number>();
      for (const t of page.marks) {
        const j = marks.findIndex((m, k) => !used.has(k) && m.kind === t.kind && iou(m.box, t.box) >= 0.5);
        if (j >= 0) {
          used.add(j);
          tp++;
        } else fn++;
      }
      fp += marks.length - used.size;
    }
    expect(tp / (tp + fp)).toBeGreaterThanOrEqual(0.9);
    expect(tp / (tp + fn)).toBeGreaterThanOrEqual(0.9);
  });

  it('a page with no stamp and no signature gives no marks', async () => {
    const page = generatePage('test-empty', { dpi: 150, variant: 'none' });
    expect(page.marks).toEqual([]);
    expect(await detectMarks(page.rgb, page.dpi)).toEqual([]);
  });

  it('separates two overlapping stamps of different inks', async () => {
    const page = generatePage('test-overlap', { dpi: 150, variant: 'overlap' });
    const truths = page.marks.filter((m) => m.kind === 'stamp');
    expect(truths.length).toBe(2);
    const found = (await detectMarks(page.rgb, page.dpi)).filter((m) => m.kind === 'stamp');
    for (const t of truths) expect(found.some((m) => iou(m.box, t.box) >= 0.5)).toBe(true);
  });

  it('a black seal with a black signature signed across it is found as a seal, not merged into the signature', async () => {
    // the wide closing welds the signature's strokes to the seal's body: the seal's extent is refitted
    // from its outline (lobes narrower than the seal opened off), so the ring test sees the seal alone
    const page = generatePage('dev-50045', { dpi: 200, variant: 'black_seal' });
    const seal = page.marks.find((m) => m.kind === 'stamp')!;
    expect(seal).toBeDefined();
    const found = await detectMarks(page.rgb, page.dpi);
    expect(found.some((m) => m.kind === 'stamp' && iou(m.box, seal.box) >= 0.5)).toBe(true);
    // and no "signature" box swallows the seal
    expect(found.some((m) => m.kind === 'signature' && iou(m.box, seal.box) >= 0.3)).toBe(false);
  });

  it('extracts PNG crops and ink masks from a page PNG', async () => {
    const page = generatePage('test-extract', { dpi: 150 });
    const marks = await extractMarks(await encodeRgb(page.rgb), page.dpi);
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) {
      const crop = await sharp(m.crop).metadata();
      const mask = await sharp(m.inkMask).metadata();
      expect(crop.format).toBe('png');
      expect([mask.width, mask.height]).toEqual([crop.width, crop.height]);
      expect(m.confidence).toBeGreaterThan(0);
      expect(m.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('a blank image does not crash', async () => {
    const blank = { w: 300, h: 400, d: new Uint8Array(300 * 400 * 3).fill(250) };
    expect(await detectMarks(blank, 100)).toEqual([]);
  });
});

describe('printed paragraphs', () => {
  it('the short last line of a paragraph ("shipment.") is text, not a signature', async () => {
    // the overleaf notes of a C/O: serif paragraphs at 11 pt, each ending in a one-word line, at 300 dpi
    const { createCanvas } = await import('@napi-rs/canvas');
    const dpi = 300;
    const pt = (dpi / 72) * 11;
    const canvas = createCanvas(2480, 1200);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = '#111';
    ctx.font = `${pt}px "Liberation Serif", serif`;
    const paragraphs = [
      ['Certificates issued retroactively must bear the words "Issued Retroactively" where the goods were', 'exported before the certificate was requested for reasons of exportation, "Issued Retroactively" in', 'shipment.'],
      ['The number and date of the invoice shall be stated; where the invoice is issued by a company in a', 'third country, the name and country of that company shall be indicated in this box.', 'particulars.'],
    ];
    let y = 150;
    for (const p of paragraphs) {
      for (const line of p) {
        ctx.fillText(line, 240, y);
        y += pt * 1.25;
      }
      y += pt;
    }
    const png = canvas.toBuffer('image/png');
    const marks = await extractMarks(png, dpi);
    expect(marks.filter((m) => m.kind === 'signature')).toEqual([]);
  });
});
