/**
 * The desk's OCR engine end to end on small generated pages (tesseract.js, offline data from
 * node_modules; no Debian tesseract needed). One engine serves the whole file: creating a
 * worker costs seconds.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OcrWord } from '../../../contract/fields.ts';
import { cer } from '../../../desk/ocr/cer.ts';
import { createOcrEngine, recognizePage, type OcrEngine } from '../../../desk/ocr/index.ts';
import { cropPgm, dropStampDebris, parsePgm, tightenBox, wordsOf } from '../../../desk/ocr/tesseract-js.ts';
import { ENGLISH_LINES, findWord, renderSynthPage, standardModeFax, type SynthSpec, type SynthWord } from '../../../desk/ocr/synth.ts';

let engine: OcrEngine;
let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'od-ocr-test-'));
  engine = createOcrEngine({ dataDir });
});
afterAll(async () => {
  await engine?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const english = (extra: Partial<SynthSpec> = {}): SynthSpec => ({
  width: 2100,
  height: 760,
  lines: ENGLISH_LINES.slice(0, 5).map((text, i) => ({ text, x: 120, y: 150 + i * 115, size: 42 })),
  ...extra,
});

const contains = (w: OcrWord, g: SynthWord) => g.cx >= w.x && g.cx <= w.x + w.w && g.cy >= w.y && g.cy <= w.y + w.h;
const ocrWord = (words: OcrWord[], text: string) => words.find((w) => w.text === text);

describe('tesseract.js engine', () => {
  it('reads an English page (CER < 3 %) with word boxes on the drawn words (±10 px)', async () => {
    const page = await renderSynthPage(english({ noise: 5, jpegQuality: 85 }));
    const r = await engine.recognize(page.image, { langs: ['eng'] });
    expect(cer(page.text, r.text).cer).toBeLessThan(0.03);
    for (const text of ['Exporter:', 'Consignee:', 'HMM']) {
      const g = findWord(page, text);
      const w = ocrWord(r.words, text);
      expect(w, text).toBeDefined();
      expect(Math.abs(w!.x - g.x)).toBeLessThanOrEqual(10);
      expect(Math.abs(w!.y - g.y)).toBeLessThanOrEqual(10);
      expect(Math.abs(w!.x + w!.w - (g.x + g.w))).toBeLessThanOrEqual(10);
      expect(Math.abs(w!.y + w!.h - (g.y + g.h))).toBeLessThanOrEqual(10);
      expect(w!.conf).toBeGreaterThan(0.5);
      expect(w!.conf).toBeLessThanOrEqual(1);
    }
    expect(r.angle).toBe(0);
    // The language data was gathered into the engine's own folder.
    expect(readdirSync(dataDir)).toContain('eng.traineddata.gz');
  });

  it('reads a standard-mode fax (rows sent twice, hard threshold) from two preparations merged: CER < 5 %, boxes on the words', async () => {
    const page = await renderSynthPage(english({ noise: 4 }));
    const fax = await standardModeFax(page.image, 170);
    const r = await engine.recognize(fax, { langs: ['eng'], dpi: 200 });
    expect(cer(page.text, r.text).cer).toBeLessThan(0.05);
    const g = findWord(page, 'Consignee:');
    const w = ocrWord(r.words, 'Consignee:');
    expect(w).toBeDefined();
    expect(Math.abs(w!.x - g.x)).toBeLessThanOrEqual(10);
  });

  it('reads a Korean line (CER < 10 %) as whole words, not syllables', async () => {
    const lines = ['원산지증명서 발급번호 제2024-0012호', '품명: 스테인리스 주방용 싱크대 240상자'];
    const page = await renderSynthPage({
      width: 1500,
      height: 330,
      lines: lines.map((text, i) => ({ text, x: 100, y: 130 + i * 115, size: 42, font: 'kor' })),
    });
    const r = await engine.recognize(page.image, { langs: ['kor', 'eng'] });
    expect(cer(page.text, r.text).cer).toBeLessThan(0.1);
    expect(r.words.map((w) => w.text)).toContain('원산지증명서');
  });

  it('re-reads bilingual Korean lines that the eng+kor page reading garbles', async () => {
    // A mostly English page with a Korean party block and bilingual labels, read `eng+kor` as
    // the desk reads Korean documents: the page reading turns "일자" into Latin junk ("U2}") and
    // misreads the rare "센텀" either way; the Korean-first re-read of Hangul lines gets "일자" right.
    const ko = ['수출자 / Seller:', '주식회사 미래테크', '울산광역시 남구 삼산로 45', '총수량 TOTAL QUANTITY: 4,886', '일자 Date: 2025년 10월 26일', '부산광역시 해운대구 센텀중앙로 97'];
    const page = await renderSynthPage({
      width: 2100,
      height: 1100,
      lines: [
        ...ENGLISH_LINES.slice(0, 4).map((text, i) => ({ text, x: 120, y: 150 + i * 100, size: 42 })),
        ...ko.map((text, i) => ({ text, x: 120, y: 550 + i * 80, size: 36, font: 'kor' as const })),
      ],
      noise: 4,
      jpegQuality: 85,
      skewDeg: 0.8,
    });
    const koreanText = (lines: { text: string; box: { y: number } }[]) => lines.filter((l) => l.box.y > 500).map((l) => l.text).join('\n');
    const r = await engine.recognize(page.image, { langs: ['eng', 'kor'] });
    const words = r.words.map((w) => w.text);
    for (const w of ['일자', '2025년', '주식회사', '총수량', '울산광역시']) expect(words, w).toContain(w);
    // the road's rare syllable is misread, but as Hangul in its place, not as Latin junk or nothing
    const road = r.words.find((w) => /중앙로$/.test(w.text));
    expect(road, words.join(' ')).toBeDefined();
    expect(road!.text).toMatch(/^\p{Script=Hangul}+$/u);
    const reread = cer(ko.join('\n'), koreanText(r.lines)).cer;
    expect(reread).toBeLessThan(0.07);
    // Without the re-read the same page reads worse.
    const plain = createOcrEngine({ dataDir, lineReread: false });
    try {
      const p = await plain.recognize(page.image, { langs: ['eng', 'kor'] });
      expect(p.words.map((w) => w.text)).not.toContain('일자');
      expect(cer(ko.join('\n'), koreanText(p.lines)).cer).toBeGreaterThan(reread);
    } finally {
      await plain.close();
    }
    // Hangul word boxes hug the ink, so the space between two words stays visible as a gap.
    const a = ocrWord(r.words, '주식회사')!;
    const b = ocrWord(r.words, '미래테크')!;
    const ga = findWord(page, '주식회사');
    expect(Math.abs(a.x - ga.x)).toBeLessThanOrEqual(6);
    expect(Math.abs(a.x + a.w - (ga.x + ga.w))).toBeLessThanOrEqual(6);
    expect(b.x - (a.x + a.w)).toBeGreaterThan(0.3 * a.h);
  });

  it('turns an upside-down page the right way up (and says so)', async () => {
    const page = await renderSynthPage(english({ rotate: 180, skewDeg: 1 }));
    const r = await engine.recognize(page.image, { langs: ['eng'] });
    expect(r.angle).toBe(180);
    expect(cer(page.text, r.text).cer).toBeLessThan(0.05);
    const g = findWord(page, 'Exporter:');
    expect(contains(ocrWord(r.words, 'Exporter:')!, g)).toBe(true);
  });

  it('reads through a red stamp and a blue signature without inventing words', async () => {
    const page = await renderSynthPage(
      english({ stamps: [{ cx: 820, cy: 330, r: 210, colour: 'red', text: 'APPROVED' }], signature: { x: 1200, y: 420 } }),
    );
    const r = await engine.recognize(page.image, { langs: ['eng'] });
    expect(cer(page.text, r.text).cer).toBeLessThan(0.05);
    const truth = new Set(page.words.map((w) => w.text));
    const invented = r.words.filter((w) => !truth.has(w.text));
    expect(invented.length, invented.map((w) => w.text).join(' ')).toBeLessThanOrEqual(2);
    expect(r.words.some((w) => /APPROVED|CUSTOMS/.test(w.text))).toBe(false);
  });

  it('reports boxes on the original image of a 150-dpi page skewed 3°', async () => {
    const page = await renderSynthPage(english({ dpi: 150, skewDeg: 3, blur: 0.5 }));
    const r = await engine.recognize(page.image, { langs: ['eng'] });
    expect(Math.abs(r.skew - 3)).toBeLessThan(0.5);
    for (const text of ['Exporter:', 'Guangzhou', 'Departure']) {
      const w = ocrWord(r.words, text);
      expect(w, text).toBeDefined();
      expect(contains(w!, findWord(page, text)), text).toBe(true);
      // and the box is about the word's size (150-dpi pixels, not the upscaled ones)
      expect(w!.w).toBeLessThan(findWord(page, text).w * 1.5);
    }
  });

  it('returns no words for an empty page', async () => {
    const blank = await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const r = await engine.recognize(blank, { langs: ['eng'] });
    expect(r.words).toEqual([]);
    expect(r.text).toBe('');
  });

  it('fails clearly on a corrupt image and keeps working afterwards', async () => {
    await expect(engine.recognize(Buffer.from('%PDF-1.7 definitely not a picture'), { langs: ['eng'] })).rejects.toMatchObject({
      code: 'corrupt_file',
      message: expect.stringMatching(/cannot be decoded/),
    });
    await expect(engine.recognize(Buffer.alloc(10), { langs: ['xx' as 'eng'] })).rejects.toMatchObject({ code: 'invalid_argument' });
    const page = await renderSynthPage({ width: 900, height: 200, lines: [{ text: 'Invoice No. HT-INV-88213', x: 60, y: 120, size: 42 }] });
    const p = await recognizePage(page.image, { langs: ['eng'], engine, index: 3 });
    expect(p).toMatchObject({ index: 3, width: 900, height: 200, source: 'ocr' });
    expect(p.words.map((w) => w.text)).toContain('HT-INV-88213');
  });
});

describe('word boxes from Tesseract lines', () => {
  const word = (text: string, x0: number, x1: number) => ({ text, confidence: 95, bbox: { x0, y0: 10, x1, y1: 40 } });
  it('ends a word where the next one begins when Tesseract reports it too wide', () => {
    // As Tesseract 5 gave for a B/L consignee line: the first word's box ran over three words.
    const line = { text: 'SUNRISE PEAK SEAFOOD\n', words: [word('SUNRISE', 288, 866), word('PEAK', 477, 568), word('SEAFOOD', 590, 765)] };
    const out = wordsOf(line as unknown as Parameters<typeof wordsOf>[0]);
    expect(out.map((w) => [w.text, w.bbox.x0, w.bbox.x1])).toEqual([
      ['SUNRISE', 288, 476],
      ['PEAK', 477, 568],
      ['SEAFOOD', 590, 765],
    ]);
  });
  it('joins the pieces Tesseract splits without a space (Hangul, Chinese)', () => {
    const line = { text: '주식회사 신성무역\n', words: [word('주식', 0, 40), word('회사', 41, 80), word('신성무역', 100, 180)] };
    expect(wordsOf(line as unknown as Parameters<typeof wordsOf>[0]).map((w) => w.text)).toEqual(['주식회사', '신성무역']);
  });
});

describe('prepared-page crops', () => {
  const pgm = (w: number, h: number, px: (x: number, y: number) => number) => {
    const header = Buffer.from(`P5\n${w} ${h}\n255\n`, 'ascii');
    const data = Buffer.alloc(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = px(x, y);
    return Buffer.concat([header, data]);
  };
  it('cuts a rectangle out of a PGM', () => {
    const img = parsePgm(pgm(10, 6, (x, y) => y * 10 + x))!;
    expect(img).toMatchObject({ width: 10, height: 6 });
    const crop = parsePgm(cropPgm(img, 2, 1, 5, 3))!;
    expect(crop).toMatchObject({ width: 3, height: 2 });
    expect([...crop.buf.subarray(crop.offset)]).toEqual([12, 13, 14, 22, 23, 24]);
    expect(parsePgm(Buffer.from('\x89PNG....'))).toBeNull();
  });
  it('shrinks a box to the ink inside it and leaves an empty box alone', () => {
    const img = parsePgm(pgm(40, 30, (x, y) => (x >= 12 && x < 20 && y >= 8 && y < 15 ? 0 : 255)))!;
    expect(tightenBox(img, { x0: 5, y0: 2, x1: 30, y1: 25 })).toEqual({ x0: 12, y0: 8, x1: 20, y1: 15 });
    expect(tightenBox(img, { x0: 25, y0: 20, x1: 35, y1: 28 })).toEqual({ x0: 25, y0: 20, x1: 35, y1: 28 });
  });
  it('with band, keeps the heaviest run of inked rows: a slice of the line above goes, gaps inside a glyph stay', () => {
    // a word (rows 12–23, with a 2-row gap inside, as in 三) under a 3-row slice of the line above (rows 2–4)
    const img = parsePgm(pgm(40, 30, (x, y) => (x >= 6 && x < 30 && ((y >= 2 && y < 5) || (y >= 12 && y < 16) || (y >= 18 && y < 24)) ? 0 : 255)))!;
    expect(tightenBox(img, { x0: 0, y0: 0, x1: 40, y1: 30 }, true)).toEqual({ x0: 6, y0: 12, x1: 30, y1: 24 });
    expect(tightenBox(img, { x0: 0, y0: 0, x1: 40, y1: 30 })).toEqual({ x0: 6, y0: 2, x1: 30, y1: 24 });
  });
});

describe('stamp debris', () => {
  it('drops words read out of a stamp (odd height, low confidence) and keeps print of any size read confidently', () => {
    const w = (text: string, h: number, conf: number) => ({ text, x: 0, y: 0, w: 10 * text.length, h, conf });
    const print = Array.from({ length: 12 }, (_, i) => w(`WORD${i}`, 17, 0.95));
    // A reference number typed larger in bold reads with middling confidence: it stays.
    const kept = dropStampDebris([...print, w('CERTIFICATE', 40, 0.96), w('NS', 87, 0.73), w('ge', 54, 0.15), w('Xf', 37, 0.44), w('SR', 23, 0.15), w('1', 16, 0.6), w('LA25E8644663', 24, 0.49)]);
    expect(kept.map((x) => x.text)).toEqual([...print.map((x) => x.text), 'CERTIFICATE', '1', 'LA25E8644663']);
  });
});
