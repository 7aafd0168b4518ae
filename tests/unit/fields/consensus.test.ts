import { describe, expect, it } from 'vitest';
import { correctFromDocument, documentWords, joinSplitWords, PACKAGE_WORDS } from '../../../desk/fields/consensus.ts';
import type { Token } from '../../../desk/fields/text.ts';

const tok = (text: string, conf: number): Token => ({ text, x: 0, y: 0, w: 50, h: 20, conf, page: 0, cx: 25, cy: 10, tw: 50, th: 20 });

describe('a word OCR bent, put right from a surer reading on the same document', () => {
  const page = [tok('SHANGHAI', 0.95), tok('SHANGHAI,', 0.93), tok('GOODS', 0.96), tok('GOODS', 0.9), tok('SHANGHALT', 0.11), tok('FOODS', 0.93)];
  const seen = documentWords(page);

  it('a weakly read place takes the spelling the document reads surely twice elsewhere', () => {
    expect(correctFromDocument('SHANGHALT', [tok('SHANGHALT', 0.11)], seen)).toEqual({ value: 'SHANGHAI', changes: ['SHANGHALT → SHANGHAI'] });
  });

  it('a word read surely stays, even one letter away from a word read twice ("FOODS", "GOODS")', () => {
    expect(correctFromDocument('ELBTAL FOODS GMBH', [tok('ELBTAL', 0.95), tok('FOODS', 0.93), tok('GMBH', 0.95)], seen).changes).toEqual([]);
  });

  it('a goods word takes the HS nomenclature spelling, punctuation kept; counted packages are never respelt', () => {
    const hs = new Set(['MILLSTONES', 'GRINDSTONES', 'SEMEN']);
    const c = correctFromDocument('28 CASES OF MILLSTONFRS, SEVEN', [tok('MILLSTONFRS,', 0.2), tok('SEVEN', 0.6)], seen, [], [PACKAGE_WORDS, hs]);
    expect(c.value).toBe('28 CASES OF MILLSTONES, SEVEN');
  });

  it('OF with a letter of its shape misread, weakly read between two words, is OF; read surely or ending the value it stays', () => {
    expect(correctFromDocument('498 CASES QF MIXTURES', [tok('CASES', 0.9), tok('QF', 0.4), tok('MIXTURES', 0.9)], seen)).toEqual({ value: '498 CASES OF MIXTURES', changes: ['QF → OF'] });
    expect(correctFromDocument('REPUBLIC 0F KOREA', [tok('0F', 0.5)], seen).value).toBe('REPUBLIC OF KOREA');
    expect(correctFromDocument('UNIT QF 9', [tok('QF', 0.95)], seen).value).toBe('UNIT QF 9');
    expect(correctFromDocument('BLOCK QF', [tok('QF', 0.3)], seen).value).toBe('BLOCK QF');
    expect(correctFromDocument('QUAI DE SOUTHAMPTON', [tok('DE', 0.3)], seen).value).toBe('QUAI DE SOUTHAMPTON');
  });

  it("a carrier's four-letter name opening a vessel's is put right like the commonest short words", () => {
    const trade = [new Set(['OOCL', 'KMTC', 'HONG', 'KONG', 'JAKARTA'])];
    expect(correctFromDocument('QOCL HONG KONG V.927N', [tok('QOCL', 0.5)], seen, trade).value).toBe('OOCL HONG KONG V.927N');
    expect(correctFromDocument('KMIC JAKARTA V.335S', [tok('KMIC', 0.6)], seen, trade).value).toBe('KMTC JAKARTA V.335S');
  });

  it('"II" read for H counts as one misreading', () => {
    const doc = documentWords([tok('PHNOM', 0.95), tok('PHNOM', 0.95)]);
    expect(correctFromDocument('PIINOM PENH', [tok('PIINOM', 0.6), tok('PENH', 0.9)], doc).value).toBe('PHNOM PENH');
  });

  it('two words equally near: nothing is guessed', () => {
    const c = correctFromDocument('BANDAR', [tok('BANDAR', 0.3)], new Map(), [new Set(['BANDAN', 'BANDIR'])]);
    expect(c.value).toBe('BANDAR');
  });

  it('a word the document reads once elsewhere is no authority (it may be the misread one)', () => {
    const once = documentWords([tok('XLAMEN', 0.9), tok('XIAMEN', 0.5)]);
    expect(correctFromDocument('XIAMEN', [tok('XIAMEN', 0.5)], once).value).toBe('XIAMEN');
  });
});

describe('a word OCR split in two', () => {
  const lists = [new Set(['CANADA', 'SOUTHAMPTON', 'SOUTH', 'HONG', 'KONG', 'HONGKONG', 'PLACE'])];
  it('is joined where its halves make a list word and one half is none', () => {
    const c = joinSplitWords('999 CAN ADA PLACE, LE HAVRE', [tok('CAN', 0.6), tok('ADA', 0.7)], lists);
    expect(c).toEqual({ value: '999 CANADA PLACE, LE HAVRE', changes: ['CAN ADA → CANADA'] });
    expect(joinSplitWords('12 QUAI DE SOUTH AMPTON, LE HAVRE', [tok('SOUTH', 0.9), tok('AMPTON,', 0.5)], lists).value).toBe('12 QUAI DE SOUTHAMPTON, LE HAVRE');
  });
  it('two list words side by side, or halves read surely, stay apart', () => {
    expect(joinSplitWords('HONG KONG', [tok('HONG', 0.5), tok('KONG', 0.5)], lists).value).toBe('HONG KONG');
    expect(joinSplitWords('CAN ADA', [tok('CAN', 0.96), tok('ADA', 0.97)], lists).value).toBe('CAN ADA');
  });
});
