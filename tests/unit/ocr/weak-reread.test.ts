/**
 * The single-line re-read of weakly read line pieces (desk/ocr/tesseract-js.ts, rereadWeakLines)
 * on a generated bill of lading scan (train seed 51): psm 4 reads the small "B/L No." label at the
 * top right as one junk word ("B/LNo.", confidence 0.07) and the last address line of the shipper
 * as "To."; the psm 7 re-read of those pieces gets "B/L", "No." and "INDONESIA".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDocument } from '../../../corpus/generate.ts';
import { rasterizePdf, scanDocument } from '../../../corpus/scan.ts';
import { createOcrEngine } from '../../../desk/ocr/index.ts';
import { inkRuns, parsePgm } from '../../../desk/ocr/tesseract-js.ts';

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'od-ocr-weak-'));
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('weak line re-read', () => {
  it('reads the small "B/L No." label and a garbled address line of a scanned bill of lading', async () => {
    const seed = 51;
    const doc = await generateDocument({ seed, form: 'bill_of_lading', lang: 'en' });
    const [png] = await rasterizePdf(doc.pdf);
    const scan = Buffer.from(await scanDocument(png!, seed * 7 + 1, undefined, 200));
    const texts = async (opts: Parameters<typeof createOcrEngine>[0]) => {
      const e = createOcrEngine({ dataDir, ...opts });
      try {
        return (await e.recognize(scan, { langs: ['eng'], dpi: 200 })).words.map((w) => w.text);
      } finally {
        await e.close();
      }
    };
    const on = await texts({});
    expect(on).toContain('B/L');
    expect(on).toContain('No.');
    expect(on).toContain('INDONESIA');
    // (the unread-ink pass would find the lost address line on its own: off too, to see this pass alone)
    const off = await texts({ weakReread: false, unreadInk: 0 });
    expect(off).not.toContain('INDONESIA');
    expect(off.includes('B/L') && off.includes('No.')).toBe(false);
  }, 120_000);
});

describe('ink runs', () => {
  it('cuts a box at wide ink-free gaps and shrinks each part to its ink', () => {
    const w = 40;
    const h = 10;
    const header = Buffer.from(`P5\n${w} ${h}\n255\n`, 'ascii');
    const buf = Buffer.concat([header, Buffer.alloc(w * h, 255)]);
    const ink = (x: number, y: number) => (buf[header.length + y * w + x] = 0);
    for (let x = 2; x < 8; x++) ink(x, 3); // part 1, row 3
    for (let x = 9; x < 12; x++) ink(x, 4); // gap of 1: same part
    for (let x = 25; x < 30; x++) ink(x, 6); // gap of 13: a new part, lower
    const runs = inkRuns(parsePgm(buf)!, { x0: 0, y0: 0, x1: w, y1: h }, 5);
    expect(runs).toEqual([
      { x0: 2, y0: 3, x1: 12, y1: 5 },
      { x0: 25, y0: 6, x1: 30, y1: 7 },
    ]);
  });
});
