/**
 * Print no word box covers (desk/ocr/unread-ink.ts): runs of character-sized ink left after
 * every word read is taken away are the regions psm 4 never returned.
 */
import { describe, expect, it } from 'vitest';
import { dropStampDebris, joinOverlapping, mostlySure } from '../../../desk/ocr/tesseract-js.ts';
import { unreadInkRegions, type InkBox } from '../../../desk/ocr/unread-ink.ts';

/** A white page with filled rectangles of ink. */
function page(width: number, height: number, blobs: InkBox[]) {
  const data = new Uint8Array(width * height).fill(255);
  for (const b of blobs) for (let y = b.y0; y < b.y1; y++) data.fill(0, y * width + b.x0, y * width + b.x1);
  return { data, width, height };
}

/** A printed word: `n` letters 14 px wide and 20 px tall, 4 px apart, from x. */
const word = (x: number, y: number, n: number): InkBox[] => Array.from({ length: n }, (_, i) => ({ x0: x + i * 18, y0: y, x1: x + i * 18 + 14, y1: y + 20 }));
const boxOf = (bs: InkBox[]): InkBox => ({ x0: Math.min(...bs.map((b) => b.x0)), y0: Math.min(...bs.map((b) => b.y0)), x1: Math.max(...bs.map((b) => b.x1)), y1: Math.max(...bs.map((b) => b.y1)) });

describe('unread ink regions', () => {
  it('finds a line and a word inside a line that no word box covers, and nothing else', () => {
    const readA = word(20, 20, 6);
    const readB = word(200, 20, 5);
    const missedInLine = word(340, 20, 7); // a word psm 4 left out of a line it read
    const missedLine = word(20, 70, 10); // a whole line never returned
    const speck = [{ x0: 500, y0: 150, x1: 503, y1: 153 }];
    const lone = word(600, 150, 1); // one letter alone: not worth a read
    const seal = [{ x0: 300, y0: 200, x1: 420, y1: 320 }]; // far taller than a line
    const img = page(800, 400, [...readA, ...readB, ...missedInLine, ...missedLine, ...speck, ...lone, ...seal]);
    const regions = unreadInkRegions(img, [boxOf(readA), boxOf(readB)], { lineHeight: 20 });
    expect(regions).toHaveLength(2);
    // most ink first: the ten-letter line, then the seven-letter word
    expect(regions[0]).toEqual(boxOf(missedLine));
    expect(regions[1]).toEqual(boxOf(missedInLine));
  });

  it('nothing when every word was read, and at most maxRegions', () => {
    const lines = [0, 1, 2, 3].map((i) => word(20, 20 + i * 40, 6));
    const img = page(400, 200, lines.flat());
    expect(unreadInkRegions(img, lines.map(boxOf), { lineHeight: 20 })).toEqual([]);
    expect(unreadInkRegions(img, [], { lineHeight: 20, maxRegions: 3 })).toHaveLength(3);
  });
});

describe('stamp debris and Chinese print', () => {
  it('a poorly read Chinese line up to ~1.8× the height of the Latin print is kept; an outsize Latin word is not', () => {
    const w = (text: string, h: number, conf: number, i: number) => ({ text, x: 10, y: i * 30, w: 100, h, conf });
    const print = Array.from({ length: 12 }, (_, i) => w(`WORD${i}`, 28, 0.95, i));
    const kept = dropStampDebris([...print, w('浙江省宁波市北仑区新碶街道17号', 40, 0.06, 20), w('浙江省宁波市北仑区', 50, 0, 22), w('NS', 40, 0.06, 21)]);
    expect(kept.map((x) => x.text)).toContain('浙江省宁波市北仑区');
    expect(kept.map((x) => x.text)).toContain('浙江省宁波市北仑区新碶街道17号');
    expect(kept.map((x) => x.text)).not.toContain('NS');
  });

  it('a long word read fairly surely stays however tall its box (a bold B/L number whose box took in a rule)', () => {
    const w = (text: string, h: number, conf: number, i: number) => ({ text, x: 10, y: i * 30, w: 100, h, conf });
    const print = Array.from({ length: 12 }, (_, i) => w(`WORD${i}`, 28, 0.95, i));
    const kept = dropStampDebris([...print, w('HDMU4452820927', 81, 0.68, 20), w('SEALWORD', 81, 0.4, 21)]).map((x) => x.text);
    expect(kept).toContain('HDMU4452820927');
    expect(kept).not.toContain('SEALWORD');
  });
});

describe('unread ink on a scanned Form AK (train seed 3037)', () => {
  it('reads the table headings psm 4 never returned; seal lettering stays out', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { generateDocument } = await import('../../../corpus/generate.ts');
    const { rasterizePdf, scanDocument } = await import('../../../corpus/scan.ts');
    const { createOcrEngine } = await import('../../../desk/ocr/index.ts');
    const seed = 3037;
    const doc = await generateDocument({ seed, form: 'co_form_ak', lang: 'ko' });
    const [png] = await rasterizePdf(doc.pdf);
    const scan = Buffer.from(await scanDocument(png!, seed * 7 + 1, undefined, 200));
    const dataDir = mkdtempSync(join(tmpdir(), 'od-ocr-unread-'));
    const read = async (unreadInk?: number) => {
      const e = createOcrEngine({ dataDir, ...(unreadInk === undefined ? {} : { unreadInk }) });
      try {
        return (await e.recognize(scan, { langs: ['eng', 'kor'], dpi: 200 })).words.map((w) => w.text);
      } finally {
        await e.close();
      }
    };
    try {
      const off = await read(0);
      const on = await read();
      for (const heading of ['Marks', 'packages', 'Criteria']) {
        expect(off).not.toContain(heading);
        expect(on).toContain(heading);
      }
      // the certifying chamber's seal ring ("… OF COMMERCE …", read at ~56) is not taken for print
      expect(on.filter((w) => w === 'Cong,')).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('reading of unread ink kept', () => {
  it('a line most of whose words read surely is kept though one word read badly; junk is not', () => {
    const t = (text: string, conf: number) => ({ text, conf });
    expect(mostlySure([t('AM', 93), t('SANDTORKAI', 28), t('44,', 96), t('HAMBURG', 96)])).toBe(true);
    expect(mostlySure([t('Sim', 37), t('ee', 40), t('|', 92)])).toBe(false);
    expect(mostlySure([t('VN', 95), t('1219095', 96)])).toBe(false); // two words: the mean decides
  });
});

describe('a re-read of unread ink joined to the line it belongs to', () => {
  const t = (text: string, x0: number, x1: number, conf = 90) => ({ text, conf, bbox: { x0, y0: 100, x1, y1: 116 } });
  it('a reading over part of the word beside it continues that word instead of doubling it', () => {
    expect(joinOverlapping([t('CHIN.', 128, 184)], [t('HINA', 141, 194, 96)])).toEqual([{ text: 'CHINA', conf: 90, bbox: { x0: 128, y0: 100, x1: 194, y1: 116 } }]);
    expect(joinOverlapping([t('AMBODI', 142, 230)], [t('ODIA', 192, 246)]).map((x) => x.text)).toEqual(['AMBODIA']);
    // one reading holding the other whole
    expect(joinOverlapping([t('CHINA', 128, 194)], [t('HINA', 141, 194)]).map((x) => x.text)).toEqual(['CHINA']);
  });

  it('a reading beside the words, or over one it does not continue, is added as read', () => {
    expect(joinOverlapping([t('ROAD', 100, 160)], [t('SEOUL', 170, 240)]).map((x) => x.text)).toEqual(['ROAD', 'SEOUL']);
    expect(joinOverlapping([t('ROAD', 100, 160)], [t('XYZ', 120, 170)]).map((x) => x.text)).toEqual(['ROAD', 'XYZ']);
  });
});
