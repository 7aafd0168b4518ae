import { describe, expect, it } from 'vitest';
import type { OcrWord } from '../../../contract/fields.ts';
import { mergeWordReadings, relineWords } from '../../../desk/ocr/merge-readings.ts';

const w = (text: string, conf: number, x: number, y = 100, width = 60, h = 20): OcrWord => ({ text, conf, x, y, w: width, h });

describe('readings of a page merged word by word', () => {
  it('takes each word boxed alike in both from the more confident reading', () => {
    const first = [w('TIIE', 0.41, 10), w('NETHERLANDS', 0.95, 80, 100, 150), w('ROTTERDAM', 0.9, 10, 140, 120)];
    const second = [w('THE', 0.88, 12), w('NETHERIANDS', 0.7, 81, 100, 149), w('ROTTERDAM', 0.93, 11, 141, 120)];
    const m = mergeWordReadings(first, second);
    expect(m.words.map((x) => x.text)).toEqual(['THE', 'NETHERLANDS', 'ROTTERDAM']);
    expect(m.words[0]).toMatchObject({ x: 10, conf: 0.88 }); // the first reading's box is kept
    expect(m.replaced).toBe(1);
  });

  it("keeps the first reading where the second split or merged the word, or boxed it elsewhere", () => {
    const first = [w('SHANGHAI', 0.5, 10, 100, 100)];
    // split in two: neither half is boxed like the word
    expect(mergeWordReadings(first, [w('SHANG', 0.9, 10, 100, 50), w('HAI', 0.9, 62, 100, 48)]).words[0]!.text).toBe('SHANGHAI');
    // one box of the second over two of the first
    const two = [w('CO.,', 0.4, 10, 100, 40), w('LTD.', 0.5, 52, 100, 40)];
    expect(mergeWordReadings(two, [w('CO.,LTD.', 0.95, 10, 100, 82)]).replaced).toBe(0);
    expect(mergeWordReadings(first, [w('SHANGHAI', 0.99, 400, 100, 100)]).replaced).toBe(0);
  });

  it('with three readings, takes the text two agree on over a more confident third', () => {
    const first = [w('8268.84', 0.8, 10), w('FIFTH', 0.7, 100)];
    const second = [w('8768.84', 0.9, 11), w('FTFIH', 0.6, 101)];
    const third = [w('8268.84', 0.6, 9), w('FIFTII', 0.95, 99)];
    const m = mergeWordReadings(first, second, third);
    // 8268.84 twice outvotes the surer 8768.84; no two agree on the second word: the surest stands
    expect(m.words.map((x) => x.text)).toEqual(['8268.84', 'FIFTII']);
    expect(m.words[0]).toMatchObject({ conf: 0.8 });
    expect(m.replaced).toBe(1);
  });

  it("rebuilds the lines' text from their merged words", () => {
    const words = [w('THE', 0.88, 10), w('NETHERLANDS', 0.95, 80, 100, 150)];
    const lines = relineWords([{ text: 'TIIE NETHERLANDS', box: { x: 0, y: 95, w: 300, h: 30 }, conf: 0.6 }, { text: 'EMPTY', box: { x: 0, y: 400, w: 50, h: 20 }, conf: 0.2 }], words);
    expect(lines[0]).toMatchObject({ text: 'THE NETHERLANDS', conf: (0.88 + 0.95) / 2 });
    expect(lines[1]!.text).toBe('EMPTY');
  });
});
