/**
 * Certificate templates on what OCR of a scan gives: a label's last words on the value's line,
 * marks "N/M" with its slash lost, dates whose separators did not read, the fill row under a
 * description read as letters, a bent "HS CODE:" label, barely read words of a value.
 * Generated Form E pages (text layer) are changed the way the scans of the development set were.
 */
import { describe, expect, it } from 'vitest';
import type { OcrWord, PageText } from '../../../contract/fields.ts';
import { extractRecord } from '../../../desk/fields/extract.ts';
import { findDates, findDatesRead, findDayMonth, findHsCodes, latestDate, normaliseDate, normaliseGspCriterion, normaliseId, normaliseMarks, normaliseOriginCriterion, normaliseParty, normaliseRoute, normaliseWeight, repairAbbreviations, restoreMarksSlash, withYearOf, correctMarksPort } from '../../../desk/fields/normalise.ts';
import { firstBlock, LabelVocabulary, withoutLeadingLabelScraps, withoutTrailingScraps, withoutWeakEdgeLines } from '../../../desk/fields/template.ts';
import { joinTokens, makeLine, type Token } from '../../../desk/fields/text.ts';
import { generateWithTextLayer } from './helpers.ts';

const valueOf = (pages: PageText[], key: string) => extractRecord(pages).fields.find((f) => f.key === key)?.value ?? null;

/** The first word of `value` printed below `minY`, and its line's words. */
function lineOf(words: OcrWord[], value: string, minY = 0): { first: OcrWord; line: OcrWord[] } {
  const head = value.split(' ')[0]!;
  const first = words.find((w) => w.text === head && w.y > minY);
  if (!first) throw new Error(`"${head}" is not on the page`);
  return { first, line: words.filter((w) => Math.abs(w.y - first.y) < first.h / 2).sort((a, b) => a.x - b.x) };
}

describe('dates and marks as OCR reads them', () => {
  it.each([
    ['05062026', '2026-06-05'],
    ['13/062026', '2026-06-13'],
    ['JUN,09,2026', '2026-06-09'],
    ['202544 2월 1일', '2025-02-01'],
    ['20244 48 26일', '2024-04-26'],
    ['2024년 12월 3일', '2024-12-03'],
  ])('%s → %s', (text, iso) => {
    expect(findDates(text, 'dmy')[0]?.iso).toBe(iso);
  });

  it.each([
    ['CASES OF MILLSTONES HES CODE: 6804.23', '6804.23'],
    ['FILM (H.5. CODE: 3702.98)', '3702.98'],
    ['BELTS HE: 4010.35', '4010.35'],
    ['TALL OIL HS CONE: 380300', '3803.00'],
    ['KETONES (HS? 2914.12)', '2914.12'],
    ['WATCHES (HS; 9101.91)', '9101.91'],
    ['STRIP HS CODLE: 7606.92.00', '7606.92'],
    ['X-RAY TUBES BS CODE: 9022.30', '9022.30'],
    ['DIELECTRIC (HS CODE: 8504,22.00)', '8504.22'],
  ])('an HS code behind a bent label: %s', (text, hs) => {
    expect(findHsCodes(text)[0]?.value).toBe(hs);
  });

  it('no HS code behind an ordinary word', () => {
    expect(findHsCodes('THE 1200 HEAVY 4010.35 BELTS')).toEqual([]);
    expect(findHsCodes('BUS CODE 4010.35')).toEqual([]);
  });

  it('a day OCR read as letters before a month ("ISTHMAY2024", "ZB-JUN-2024") is read and flagged', () => {
    expect(normaliseDate('ISTHMAY2024')).toMatchObject({ value: '2024-05-15', uncertain: true });
    expect(normaliseDate('ZB-JUN-2024')).toMatchObject({ value: '2024-06-28', uncertain: true });
    expect(normaliseDate('BIG MAY 2024').value).toBeNull();
  });

  it('a Form A criterion that is none of P, W, F, G, Y and holds a P is a smudged "P"; real ones stay', () => {
    for (const t of ['PP', 'APE', 'NP»', 'PE']) expect(normaliseGspCriterion(t)).toMatchObject({ value: 'P', uncertain: true });
    expect(normaliseGspCriterion('P')).toEqual({ value: 'P', ok: true });
    expect(normaliseGspCriterion('W 84.45').value).toBe('W 84.45');
    expect(normaliseGspCriterion('EE').ok).toBe(false);
    expect(normaliseGspCriterion('WW 72.01').value).toBe('W 72.01');
  });

  it('a regional value content whose "%" was lost or whose space read as S is still a percentage, flagged', () => {
    expect(normaliseOriginCriterion('RVC 53')).toMatchObject({ value: 'RVC 53%', uncertain: true });
    expect(normaliseOriginCriterion('RVCS57%')).toMatchObject({ value: 'RVC 57%', uncertain: true });
    expect(normaliseOriginCriterion('CIC')).toMatchObject({ value: 'CTC', uncertain: true });
    expect(normaliseOriginCriterion('CRE').ok).toBe(false); // near no code by shape alone

    expect(normaliseOriginCriterion('RVC 40%')).toEqual({ value: 'RVC 40%', ok: true });
    expect(normaliseOriginCriterion('RVC').value).toBe('RVC');
  });

  it('a weight whose decimal point was lost and thousands comma bent ("5.52255 KGS") is read with the digits past the first group as decimals, flagged', () => {
    expect(normaliseWeight('5.52255 KGS GW.')).toMatchObject({ value: '5522.55 KG', uncertain: true });
    expect(normaliseWeight('5,522.55 KGS').value).toBe('5522.55 KG');
    expect(normaliseWeight('0.5555 KG').value).toBe('0.5555 KG');
  });

  it('a year/country/series/number reference whose slashes OCR read as I gets them back where the letters are a country code', () => {
    expect(normaliseId('2026/KH/AI071685')).toMatchObject({ value: '2026/KH/A/071685', uncertain: true });
    expect(normaliseId('2024/LAIAI363886').value).toBe('2024/LA/A/363886');
    expect(normaliseId('2024/KHI/AI390297').value).toBe('2024/KH/A/390297');
    expect(normaliseId('2026/KH/A/071685')).toEqual({ value: '2026/KH/A/071685', ok: true });
    expect(normaliseId('2024/XXIAI363886').value).toBe('2024/XXIAI363886');
  });

  it('a bracket inside a document number is a smudge, not part of it', () => {
    expect(normaliseId('PSJ)-2025-8737').value).toBe('PSJ-2025-8737');
    expect(normaliseId('INV240)5642').value).toBe('INV2405642');
    expect(normaliseId('(CI-123)').value).toBe('CI-123');
  });

  it('a lone vertical bar in an address is a 1; marks lose a smudge read as an underscore', () => {
    expect(normaliseParty('12 NGUYEN HUE STREET, DISTRICT |, HAI PHONG').value).toBe('12 NGUYEN HUE STREET, DISTRICT 1, HAI PHONG');
    expect(normaliseParty('SAIGON FURNITURE CO.,LTD. LOT AS, TAN THUAN EPZ').value).toBe('SAIGON FURNITURE CO., LTD. LOT A5, TAN THUAN EPZ');
    expect(normaliseParty('SAIGON FURNITURE CO., LTD. LOT AS5, TAN THUAN EPZ').value).toBe('SAIGON FURNITURE CO., LTD. LOT A5, TAN THUAN EPZ');
    expect(normaliseParty('UNIT 5, BLOCK B, SPG 88').value).toBe('UNIT 5, BLOCK B, SPG 88');
    expect(normaliseParty('FUJI SEAFOOD CO,, LTD. 4-5 NAKANOSHIMA').value).toBe('FUJI SEAFOOD CO., LTD. 4-5 NAKANOSHIMA');
    expect(normaliseParty('OCEAN HARBOUR CO.,, LTD. 97, CENTUM').value).toBe('OCEAN HARBOUR CO., LTD. 97, CENTUM');
    expect(normaliseParty('BLOCK AB, LOT C2').value).toBe('BLOCK AB, LOT C2');
    expect(normaliseMarks('ANFU/YANTIAN C/NO. 1-1528 MADE IN CAMBODIA_').value).toBe('ANFU/YANTIAN C/NO. 1-1528 MADE IN CAMBODIA');
  });

  it('a place-and-date line whose day OCR read as letters still counts as dated ("INCHEON IST MAY 2026")', () => {
    const r = findDatesRead('INCHEON IST MAY 2026', 'dmy');
    expect(r.fixed).toBe(true);
    expect(r.dates[0]).toMatchObject({ iso: '2026-05-01', index: 8 });
    expect(findDatesRead('KOREA CUSTOMS SERVICE').dates).toEqual([]);
  });

  it('a flight code starting with zero and a voyage "V," are OCR\'s, corrected and flagged', () => {
    expect(normaliseRoute('FLIGHT 0Z297 TIANJIN AIRPORT')).toMatchObject({ value: 'FLIGHT OZ297 TIANJIN AIRPORT', uncertain: true });
    expect(normaliseRoute('YM WELLNESS V,540W').value).toBe('YM WELLNESS V.540W');
    expect(normaliseRoute('OOCL HONG KONG V,B04E TIANJIN').value).toBe('OOCL HONG KONG V.804E TIANJIN');
    expect(normaliseRoute('LOT 5 V,ABC').value).toBe('LOT 5 V,ABC');
    for (const [read, want] of <[string, string][]>[['CMA CGM MARCO POLO V481E', 'CMA CGM MARCO POLO V.481E'], ['ONE APUS VA411E', 'ONE APUS V.411E'], ['OOCL HONG KONG V.491s', 'OOCL HONG KONG V.491S'], ['BY AIR FLIGHT CAl176', 'BY AIR FLIGHT CA176'], ['BY AIR FLIGHT CAl47', 'BY AIR FLIGHT CA147']])
      expect(normaliseRoute(read)).toMatchObject({ value: want, uncertain: true });
    expect(normaliseRoute('VALVE 123E STREET').value).toBe('VALVE 123E STREET');
    expect(normaliseRoute('HYUNDAI PRIDE V.302N NINGBO, PR. CHINA').value).toBe('HYUNDAI PRIDE V.302N NINGBO, P.R. CHINA');
    expect(normaliseRoute('BY SEA! ONE APUS V.905&')).toMatchObject({ value: 'BY SEA: ONE APUS V.905E', uncertain: true });
    expect(normaliseRoute('FLIGHT 3K512 SINGAPORE')).toEqual({ value: 'FLIGHT 3K512 SINGAPORE', ok: true });
    expect(normaliseRoute('HYUNDAI PRIDE V.1718')).toMatchObject({ value: 'HYUNDAI PRIDE V.171S', uncertain: true });
    expect(normaliseRoute('SITC HAIPHONG V.077wW MELBOURNE').value).toBe('SITC HAIPHONG V.077W MELBOURNE');
    expect(normaliseRoute('ONE APUS V.B05N ANTWERP')).toMatchObject({ value: 'ONE APUS V.805N ANTWERP', uncertain: true });
    expect(normaliseRoute('SITC HAIPHONG V 426E')).toMatchObject({ value: 'SITC HAIPHONG V.426E', uncertain: true });
    expect(normaliseRoute('KMTC JAKARTA V.OI7E YANGON').value).toBe('KMTC JAKARTA V.017E YANGON');
    expect(normaliseRoute('ONE APUS V.669F').value).toBe('ONE APUS V.669E');
    // four digits and a direction, or no direction at all: as printed
    expect(normaliseRoute('EVER GIVEN V.2312E')).toEqual({ value: 'EVER GIVEN V.2312E', ok: true });
    expect(normaliseRoute('WAN HAI V.12 BUSAN')).toEqual({ value: 'WAN HAI V.12 BUSAN', ok: true });
  });

  it('a document number\'s hyphen OCR read as "=" is a hyphen again', () => {
    expect(normaliseId('7937=-291070').value).toBe('7937-291070');
    expect(normaliseId('AK26=203146').value).toBe('AK26-203146');
  });

  it('no date inside a longer number or a code', () => {
    expect(findDates('HDMU4452820927')).toEqual([]);
    expect(findDates('+84 78 58945721')).toEqual([]);
    expect(findDates('1.23062026')).toEqual([]);
  });

  it('"N/M" with its slash lost or bent is no marks; real marks stay as read', () => {
    for (const t of ['NM', 'N M', 'N.M.', 'W/m', 'N/M', 'ww']) expect(normaliseMarks(t).value).toBe('N/M');
    expect(normaliseMarks('NM').uncertain).toBe(true);
    expect(normaliseMarks('SETR/XIAMEN C/NO. 1-621').value).toBe('SETR/XIAMEN C/NO. 1-621');
    expect(normaliseMarks('NMB').value).toBe('NMB');
  });

  it('the carton numbers\' "C/NO." before its range, as OCR bends it, is "C/NO."', () => {
    for (const bent of ['CIND,', 'C/NO.,', 'CI/NO.', 'C/mNO.', 'CUNO.', 'C/NG.', 'C/N.', 'C/INO.']) expect(normaliseMarks(`ANPH/SYDNEY ${bent} 1-71 MADE IN VIETNAM`).value).toBe('ANPH/SYDNEY C/NO. 1-71 MADE IN VIETNAM');
    expect(normaliseMarks('ANPH/SYDNEY C/NO. 1-71').uncertain).toBeUndefined();
    expect(normaliseMarks('CON 12-14 STREET').value).toBe('CON 12-14 STREET');
    expect(normaliseMarks('EXP/TANJUNG 6140. 1-462 MADE IN KOREA').value).toBe('EXP/TANJUNG C/NO. 1-462 MADE IN KOREA');
  });

  it("MADE IN's bent IN, several misreadings at once and an opening quote speck are put right", () => {
    expect(normaliseMarks('SUST/SHANGHAI C/NO. 1-565 MADE JN VIETNAM')).toMatchObject({ value: 'SUST/SHANGHAI C/NO. 1-565 MADE IN VIETNAM', uncertain: true });
    expect(normaliseMarks('EXP/MUARA CIND, 1-640 MADE TN KOREA').value).toBe('EXP/MUARA C/NO. 1-640 MADE IN KOREA');
    expect(normaliseMarks('“EXP/AUCKLAND C/NO. 1-327 MADE IN CHINA').value).toBe('EXP/AUCKLAND C/NO. 1-327 MADE IN CHINA');
    expect(normaliseMarks('SIMA/TIANJIN C/NO. 1-543 MADE LIN MALAYSIA').value).toBe('SIMA/TIANJIN C/NO. 1-543 MADE IN MALAYSIA');
    expect(normaliseMarks('IRAP/YANTIAN Q/ND, 1-441 MADE IN MYANMAR').value).toBe('IRAP/YANTIAN C/NO. 1-441 MADE IN MYANMAR');
    expect(normaliseMarks('GLCR/BUSAN C/NO. 1-129%').value).toBe('GLCR/BUSAN C/NO. 1-1295');
    expect(normaliseMarks("LOFI/'VANCOUVER C/NO. 1-847").value).toBe('LOFI/VANCOUVER C/NO. 1-847');
    expect(normaliseMarks('SUST/SHANGHAI /NO, 1-565 MADE IN VIETNAM').value).toBe('SUST/SHANGHAI C/NO. 1-565 MADE IN VIETNAM');
    // a word that is no misreading of IN, or no country after it, stays
    expect(normaliseMarks('X/Y C/NO. 1-5 MADE BY HAND').value).toBe('X/Y C/NO. 1-5 MADE BY HAND');
    expect(normaliseMarks('X/Y C/NO. 1-5 MADE TN BULK').value).toBe('X/Y C/NO. 1-5 MADE TN BULK');
    expect(normaliseMarks('"QUOTED" MARKS').value).toBe('"QUOTED" MARKS');
  });

  it("the port after the marks' slash, misread, is read as the document names it", () => {
    const places = ['KMTC JAKARTA V.335S SHANGHAI, THE PEOPLE\'S REPUBLIC OF CHINA', 'SHANGHAI HUADA TRADING CO., LTD.'];
    expect(correctMarksPort('SUST/SHANGHAL C/NO. 1-565 MADE IN VIETNAM', places)).toBe('SUST/SHANGHAI C/NO. 1-565 MADE IN VIETNAM');
    expect(correctMarksPort('SUST/SHANGHAI C/NO. 1-565', places)).toBe('SUST/SHANGHAI C/NO. 1-565');
    expect(correctMarksPort('KHPR/BASE! C/NO. 1-632', ['FROM SIHANOUKVILLE TO BASEL BY SEA'])).toBe('KHPR/BASEL C/NO. 1-632');
    // a port the document does not name stays as read
    expect(correctMarksPort('SUST/HAMBURG C/NO. 1-565', places)).toBe('SUST/HAMBURG C/NO. 1-565');
  });

  it('the slash between the initials and the port, dropped, bent or spaced, is put back where the port is named elsewhere', () => {
    const places = ['BY SEA FROM CAT LAI TO ROTTERDAM HYUNDAI PRIDE V.171S', 'MAASVLAKTE TRADING B.V. WAALHAVEN Z.Z. 19 ROTTERDAM'];
    expect(restoreMarksSlash('GRWAROTTERDAM C/NO. 1-67', places)).toBe('GRWA/ROTTERDAM C/NO. 1-67');
    expect(restoreMarksSlash('GRWAIROTTERDAM C/NO. 1-67', places)).toBe('GRWA/ROTTERDAM C/NO. 1-67');
    expect(restoreMarksSlash('GRWA ROTTERDAM C/NO. 1-67', places)).toBe('GRWA/ROTTERDAM C/NO. 1-67');
    expect(restoreMarksSlash('PHMY /LE C/NO. 1-974', places)).toBe('PHMY/LE C/NO. 1-974');
    // no port named: nothing to go by
    expect(restoreMarksSlash('GRWAHAMBURG C/NO. 1-67', places)).toBe('GRWAHAMBURG C/NO. 1-67');
    expect(restoreMarksSlash('MADE IN VIETNAM', places)).toBe('MADE IN VIETNAM');
    expect(restoreMarksSlash('GRWA/ROTTERDAM C/NO. 1-67', places)).toBe('GRWA/ROTTERDAM C/NO. 1-67');
  });
});

describe('CJK words joined into a line', () => {
  const tok = (text: string, x: number, w: number, ocrWord: boolean): Token => ({ text, x, y: 0, w, h: 38, conf: 0.9, page: 0, cx: x + w / 2, cy: 19, tw: w, th: 38, ...(ocrWord ? { ocrWord } : {}) });
  it('two Korean words OCR read apart keep their space even where their boxes touch', () => {
    expect(joinTokens([tok('영통구', 195, 74, true), tok('광교로', 267, 61, true)])).toBe('영통구 광교로');
  });
  it('touching pieces of a text layer join, and Chinese never gets a space OCR cannot mean', () => {
    expect(joinTokens([tok('영통', 195, 50, false), tok('구', 246, 25, false)])).toBe('영통구');
    expect(joinTokens([tok('上海天马化工有', 100, 160, true), tok('限公司', 262, 70, true)])).toBe('上海天马化工有限公司');
  });
});

describe('labels and values on a form', () => {
  it('a lone word in capitals wrapped from a value ("TRADE") is a value; the same word printed in mixed case is a label', () => {
    const vocab = new LabelVocabulary(['ASEAN-China Free Trade Area', 'Place and date, signature and stamp of certifying authority']);
    const line = (text: string) => makeLine([{ text, x: 0, y: 0, w: 80, h: 20, conf: 0.9, page: 0, cx: 40, cy: 10, tw: 80, th: 20 }]);
    expect(vocab.isLabelLine(line('TRADE'))).toBe(false);
    expect(vocab.isLabelLine(line('Trade'))).toBe(true);
  });

  it('a short label with a long number on its line ("No. 6221-170743") is a value line; a box number with its label is not', () => {
    const vocab = new LabelVocabulary(['Certification', 'No.']);
    const toks = (text: string) =>
      text.split(' ').map((w, i) => ({ text: w, x: i * 100, y: 0, w: 90, h: 20, conf: 0.9, page: 0, cx: i * 100 + 45, cy: 10, tw: 90, th: 20 }));
    expect(vocab.isLabelLine(makeLine(toks('No. 6221-170743')))).toBe(false);
    expect(vocab.withoutLabelPrefix(makeLine(toks('No. 6221-170743')))?.text).toBe('6221-170743');
    expect(vocab.isLabelLine(makeLine(toks('12. Certification')))).toBe(true);
    // a longer label OCR bent, with its number on the line
    const reference = new LabelVocabulary(['Reference No.']);
    expect(reference.isLabelLine(makeLine(toks('Rolerence No. LA24E2594742')))).toBe(false);
    expect(reference.isLabelLine(makeLine(toks('Rolerence No.')))).toBe(true);
  });

  it("printed label scraps before a value typed in capitals are not the value's", () => {
    expect(withoutLeadingLabelScraps('Deponiure dale HMM ALGECIRAS V.763N')).toBe('HMM ALGECIRAS V.763N');
    expect(withoutLeadingLabelScraps('6. (Optional) BY SEA FROM CAT LAI TO GENOA')).toBe('BY SEA FROM CAT LAI TO GENOA');
    expect(withoutLeadingLabelScraps('2 HYUNDAI PRIDE V.449s YANGON')).toBe('HYUNDAI PRIDE V.449s YANGON');
    // a value in mixed case, or a digit before no word in capitals, stays
    expect(withoutLeadingLabelScraps('By sea from Busan')).toBe('By sea from Busan');
    expect(withoutLeadingLabelScraps('1 X')).toBe('1 X');
  });

  it('a whole printed label OCR bent in most of its words is a label line; a value beside it is not', () => {
    const vocab = new LabelVocabulary(['Port of Discharge', "Vessel's name/Aircraft etc."]);
    const toks = (text: string) =>
      text.split(' ').map((w, i) => ({ text: w, x: i * 100, y: 0, w: 90, h: 20, conf: 0.9, page: 0, cx: i * 100 + 45, cy: 10, tw: 90, th: 20 }));
    expect(vocab.isLabelLine(makeLine(toks('Pon of Discharge')))).toBe(true);
    expect(vocab.isLabelLine(makeLine(toks('TIANJIN XINGANG, P.R. CHINA')))).toBe(false);
    expect(vocab.isLabelLine(makeLine(toks('PORT KLANG')))).toBe(false);
  });

  it('a reference number set above its label on a skewed scan is still the field\'s value', async () => {
    const { doc, pages } = await generateWithTextLayer(3003, 'co_rcep', 'en');
    const t = doc.truth.fields;
    const ref = pages[0]!.words.find((w) => w.text === t.reference_no)!;
    const label = pages[0]!.words.find((w) => w.text === 'Certificate' && Math.abs(w.y - ref.y) < ref.h)!;
    expect(label).toBeDefined();
    const words = pages[0]!.words.map((w) => (w === ref ? { ...w, y: w.y - 0.8 * w.h } : w));
    expect(valueOf([{ ...pages[0]!, source: 'ocr', words }], 'reference_no')).toBe(t.reference_no);
  });

  it('the tail of a label sentence OCR put before a value is cut, a misread capitalised label word included', () => {
    const vocab = new LabelVocabulary(['On the basis of control carried out, it is hereby certified that the information herein is correct and that the goods described comply with the origin requirements specified in the RCEP Agreement.']);
    const toks = (text: string) =>
      text.split(' ').map((w, i) => ({ text: w, x: i * 100, y: 0, w: 90, h: 20, conf: 0.9, page: 0, cx: i * 100 + 45, cy: 10, tw: 90, th: 20 }));
    expect(vocab.withoutLabelPrefix(makeLine(toks('RCE Agreament. JAPAN CHAMBER OF COMMERCE')))?.text).toBe('JAPAN CHAMBER OF COMMERCE');
    expect(vocab.withoutLabelPrefix(makeLine(toks('is correct. KOREA CUSTOMS SERVICE')))?.text).toBe('KOREA CUSTOMS SERVICE');
    expect(vocab.withoutLabelPrefix(makeLine(toks('RCE JAPAN CHAMBER')))?.text).toBe('RCE JAPAN CHAMBER');
  });
});

describe('scraps after a value typed in capitals', () => {
  const line = (text: string) => makeLine(text.split(' ').map((w, i) => ({ text: w, x: i * 100, y: 0, w: 90, h: 26, conf: 0.9, page: 0, cx: i * 100 + 45, cy: 13, tw: 90, th: 26 })));
  it('two letters in mixed case or lower-case bits after the last word go; a value in mixed case keeps its words', () => {
    expect(withoutTrailingScraps([line('MAERSK ESSEN V.047N Le')]).map((l) => l.text)).toEqual(['MAERSK ESSEN V.047N']);
    expect(withoutTrailingScraps([line('FROM XIAMEN BY SEA HMM ALGECIRAS V.081E ee ed')]).map((l) => l.text)).toEqual(['FROM XIAMEN BY SEA HMM ALGECIRAS V.081E']);
    expect(withoutTrailingScraps([line('Maersk Essen to Le Havre')]).map((l) => l.text)).toEqual(['Maersk Essen to Le Havre']);
    // a seal's lettering read as words on a line of its own after marks in capitals
    expect(withoutTrailingScraps([line('PTRO/YANTIAN C/NO. 1-580'), line('MADE IN INDONESIA'), line('Lennon tinea')]).map((l) => l.text)).toEqual(['PTRO/YANTIAN C/NO. 1-580', 'MADE IN INDONESIA']);
  });
});

describe('lines of weak readings at the edge of a party box', () => {
  const line = (text: string, conf: number, y: number) => makeLine(text.split(' ').map((w, i) => ({ text: w, x: i * 100, y, w: 90, h: 26, conf, page: 0, cx: i * 100 + 45, cy: y + 13, tw: 90, th: 26 })));
  it('a first or last line read weakly word by word is left out; a line with one sure word, or a Chinese line, stays', () => {
    const name = line('KHMER PRIDE FURNITURE', 0.95, 100);
    const addr = line('PHNOM PENH SEZ', 0.6, 140);
    const texts = (ls: ReturnType<typeof line>[]) => withoutWeakEdgeLines(ls).map((l) => l.text);
    expect(texts([line('SS ppt', 0.3, 60), name, addr, line('tines ee a', 0.25, 180)])).toEqual(['KHMER PRIDE FURNITURE', 'PHNOM PENH SEZ']);
    const oneSure = makeLine([...line('SS', 0.3, 60).tokens, line('X KHMER', 0.9, 60).tokens[1]!]);
    expect(texts([oneSure, name])).toEqual(['SS KHMER', 'KHMER PRIDE FURNITURE']);
    expect(texts([line('宁波恒达实业有限公司', 0.1, 60), name])).toEqual(['宁波恒达实业有限公司', 'KHMER PRIDE FURNITURE']);
    // a value of one line is never emptied
    expect(texts([line('TT', 0.3, 60)])).toEqual(['TT']);
    // the box's numbered label OCR bent past recognising, read surely or not
    expect(texts([line("1. Exponior's namo, address and country:", 0.8, 60), name])).toEqual(['KHMER PRIDE FURNITURE']);
    expect(texts([line('2. HOANG ANH STREET', 0.9, 60), name])).toEqual(['2. HOANG ANH STREET', 'KHMER PRIDE FURNITURE']);
  });
});

describe("the certifying body's name", () => {
  const line = (text: string, y: number) =>
    makeLine(text.split(' ').map((w, i) => ({ text: w, x: i * 100, y, w: 90, h: 26, conf: 0.9, page: 0, cx: i * 100 + 45, cy: y + 13, tw: 90, th: 26 })));
  it('is the first run of lines in capitals: a wrapped second line stays, seal lettering lines further down and a label tail above go', () => {
    const lines = [line('056 Agreement.', 1668), line('CHINA COUNCIL FOR THE PROMOTION', 1702), line('OF INTERNATIONAL TRADE', 1734), line('OFFICIAL', 1872)];
    expect(firstBlock(lines).map((l) => l.text)).toEqual(['CHINA COUNCIL FOR THE PROMOTION', 'OF INTERNATIONAL TRADE']);
  });
});

describe('abbreviations OCR half lost in names and addresses', () => {
  it.each([
    ['NEW YORK US.A.', 'NEW YORK U.S.A.'],
    ['LOS ANGELES U.S.A', 'LOS ANGELES U.S.A.'],
    ['PARTS SAS. 12 QUAI', 'PARTS S.A.S. 12 QUAI'],
    ['HARDWARE B.V, WAALHAVEN', 'HARDWARE B.V. WAALHAVEN'],
    ['WAALHAVEN ZZ. 19 ROTTERDAM', 'WAALHAVEN Z.Z. 19 ROTTERDAM'],
    ['MACHINERY CO, LTD. 99/1', 'MACHINERY CO., LTD. 99/1'],
    ['FUJI TRADING KK. 2-3-1 MINATO', 'FUJI TRADING K.K. 2-3-1 MINATO'],
    ['EVEREST PEAK A.S, BUYUKDERE', 'EVEREST PEAK A.S. BUYUKDERE'],
  ])('%s → %s', (text, fixed) => {
    expect(repairAbbreviations(text)).toBe(fixed);
  });

  it('a Roman numeral read with a lower-case l in an address in capitals is II', () => {
    expect(normaliseParty('LOT C2, VSIP Il, THU DAU MOT').value).toBe('LOT C2, VSIP II, THU DAU MOT');
    expect(normaliseParty('Mill Road ll').value).toBe('Mill Road ll');
  });

  it('forms printed on purpose stay', () => {
    for (const t of ['NEW YORK USA', 'PARTS S.A.S.', 'TRADING CO. LTD.', 'MR. SMITH', 'LOT A.5', 'LONDON, U.K.']) expect(repairAbbreviations(t)).toBe(t);
  });
});

describe('a Form E through OCR', () => {
  it('label tails, fill rows, a bent HS label, a compact invoice date and barely read words do not spoil the values', async () => {
    const { doc, pages } = await generateWithTextLayer(3009, 'co_form_e', 'en');
    const t = doc.truth.fields;
    const words = pages[0]!.words.map((w) => ({ ...w }));
    const page = (ws: OcrWord[]): PageText[] => [{ ...pages[0]!, source: 'ocr', words: ws }];

    // Box 12's sentence ends on the authority's line: "is correct." in label-sized print before it.
    const auth = lineOf(words, t.issuing_authority!, pages[0]!.height * 0.6);
    const h = auth.first.h * 0.7;
    const tail: OcrWord[] = [
      { text: 'is', x: auth.first.x - 120, y: auth.first.y + (auth.first.h - h), w: 14, h, conf: 0.65 },
      { text: 'correct.', x: auth.first.x - 100, y: auth.first.y + (auth.first.h - h), w: 70, h, conf: 0.44 },
    ];
    // The starred fill row under the description read as letters, and the HS label bent.
    const goods = lineOf(words, t.goods_description!, pages[0]!.height * 0.3);
    const goodsLines = words.filter((w) => Math.abs(w.x - goods.first.x) < 5 && w.y >= goods.first.y && w.y < goods.first.y + goods.first.h * 8);
    const below = Math.max(...goodsLines.map((w) => w.y)) + goods.first.h * 1.3;
    const fill: OcrWord[] = ['ede', 'dee', 'de', 'de', 'dee'].map((text, i) => ({ text, x: goods.first.x + i * 40, y: below, w: 30, h: goods.first.h * 0.6, conf: 0.3 }));
    const hs = [
      { text: 'HE:', x: goods.first.x, y: below + goods.first.h * 1.3, w: 30, h: goods.first.h, conf: 0.5 },
      { text: `${t.hs_code}`, x: goods.first.x + 40, y: below + goods.first.h * 1.3, w: 70, h: goods.first.h, conf: 0.9 },
    ];
    // The exporter's second word read at confidence 0.05: still the exporter's word.
    const exp = lineOf(words, t.exporter!);
    exp.line[1]!.conf = 0.05;

    // A smudge after the route's last word read as "a i a—".
    const routeWords = t.transport_route!.split(' ');
    const firstRoute = lineOf(words, t.transport_route!).first;
    const lastRoute = words.filter((w) => w.text === routeWords[routeWords.length - 1] && w.y >= firstRoute.y - 1).sort((a, b) => a.y - b.y)[0]!;
    const smudge: OcrWord[] = ['a', 'i', 'a—'].map((text, i) => ({ text, x: lastRoute.x + lastRoute.w + 20 + i * 16, y: lastRoute.y, w: 10, h: lastRoute.h, conf: 0.2 }));

    const changed = page([...words, ...tail, ...fill, ...hs, ...smudge]);
    expect(valueOf(changed, 'transport_route')).toBe(t.transport_route);
    expect(valueOf(changed, 'issuing_authority')).toBe(t.issuing_authority);
    expect(valueOf(changed, 'goods_description')).toBe(t.goods_description);
    expect(valueOf(changed, 'exporter')).toBe(t.exporter);
    expect(valueOf(changed, 'invoice_no')).toBe(t.invoice_no);
  });

  it('a certification date whose year OCR lost takes the year of the document\'s latest date, flagged', async () => {
    const { doc, pages } = await generateWithTextLayer(3009, 'co_form_e', 'en');
    const t = doc.truth.fields;
    const { line } = lineOf(pages[0]!.words, t.certification_place!, pages[0]!.height * 0.6);
    const year = line.filter((w) => w.text === t.certification_date!.slice(0, 4)).at(-1)!;
    expect(year.x).toBeGreaterThan(pages[0]!.width / 2);
    const words = pages[0]!.words.filter((w) => w !== year);
    const fields = extractRecord([{ ...pages[0]!, source: 'ocr', words }]).fields;
    expect(fields.find((f) => f.key === 'certification_date')).toMatchObject({ value: t.certification_date, status: 'low_confidence' });
    expect(fields.find((f) => f.key === 'certification_place')?.value).toBe(t.certification_place);
  });

  it('a party whose weak word is put right gets its punctuation repaired too ("CO,, TTD." is CO., LTD.)', async () => {
    const { doc, pages } = await generateWithTextLayer(3009, 'co_form_e', 'en');
    const t = doc.truth.fields;
    expect(t.consignee).toContain('CO., LTD.');
    const { line } = lineOf(pages[0]!.words, t.consignee!);
    const co = line.find((w) => w.text === 'CO.,')!;
    const ltd = line.find((w) => w.text === 'LTD.')!;
    const words = pages[0]!.words.map((w) => (w === co ? { ...w, text: 'CO,,' } : w === ltd ? { ...w, text: 'TTD.', conf: 0.57 } : w));
    expect(valueOf([{ ...pages[0]!, source: 'ocr', words }], 'consignee')).toBe(t.consignee);
  });

  it('an invoice date after the certification date, its year\'s last digit misread, takes the digit that fits, flagged', async () => {
    const { doc, pages } = await generateWithTextLayer(3009, 'co_form_e', 'en');
    const t = doc.truth.fields;
    expect(t.invoice_date! <= t.certification_date!).toBe(true);
    const year = t.invoice_date!.slice(0, 4);
    // the year printed under the invoice number ("STS-2026-6518" / "DD. JUN. 09, 2026")
    const { first } = lineOf(pages[0]!.words, t.invoice_no!);
    const printed = pages[0]!.words.find((w) => w.text === year && w.y > first.y && w.y - first.y < 3 * first.h)!;
    const words = pages[0]!.words.map((w) => (w === printed ? { ...w, text: `${year.slice(0, 3)}8` } : w));
    const field = extractRecord([{ ...pages[0]!, source: 'ocr', words }]).fields.find((f) => f.key === 'invoice_date')!;
    expect(field).toMatchObject({ value: t.invoice_date, status: 'low_confidence' });
    // the decade's 2 read as 7 ("2076")
    const decade = pages[0]!.words.map((w) => (w === printed ? { ...w, text: `${year.slice(0, 2)}7${year[3]}` } : w));
    expect(extractRecord([{ ...pages[0]!, source: 'ocr', words: decade }]).fields.find((f) => f.key === 'invoice_date')).toMatchObject({ value: t.invoice_date, status: 'low_confidence' });
  });

  it("a departure date a year from certification, its year's digit misread, takes the digit that fits; a stray closing bracket leaves the place", async () => {
    const { doc, pages } = await generateWithTextLayer(11023, 'co_generic', 'en');
    const t = doc.truth.fields;
    expect([t.departure_date, t.certification_date, t.certification_place]).toEqual(['2025-09-10', '2025-09-08', 'JOHOR BAHRU']);
    const { first: label } = lineOf(pages[0]!.words, 'DEPARTURE');
    const { first: place } = lineOf(pages[0]!.words, 'JOHOR', label.y);
    const words = pages[0]!.words.map((w) =>
      Math.abs(w.y - label.y) < label.h / 2 && w.text === '2025' ? { ...w, text: '2026' } : w === pages[0]!.words[pages[0]!.words.indexOf(place) + 1] ? { ...w, text: w.text.replace(',', '),') } : w,
    );
    expect(words.filter((w) => w.text === '2026' || w.text === 'BAHRU),')).toHaveLength(2);
    const rec = extractRecord([{ ...pages[0]!, source: 'ocr', words }]);
    expect(rec.fields.find((f) => f.key === 'departure_date')).toMatchObject({ value: '2025-09-10', status: 'low_confidence', note: expect.stringMatching(/half year or more/) });
    expect(rec.fields.find((f) => f.key === 'certification_place')!.value).toBe('JOHOR BAHRU');
  });

  it("a box number read without its dot before the route and lower-case scraps after the goods are neither's", async () => {
    const { doc, pages } = await generateWithTextLayer(15118, 'co_form_ak', 'en');
    const t = doc.truth.fields;
    const { first: route } = lineOf(pages[0]!.words, t.transport_route!);
    const goodsLast = t.goods_description!.split(' ').pop()!;
    const { line: goods } = lineOf(pages[0]!.words, t.goods_description!);
    const lastGoods = pages[0]!.words.filter((w) => w.text === goodsLast && w.y >= goods[0]!.y).pop()!;
    const words = [
      ...pages[0]!.words,
      { ...route, text: '2', x: route.x - route.h * 1.2, w: route.h * 0.6, conf: 0.5 },
      // a seal's edge read on a line of its own under the description
      { ...lastGoods, text: 'kkk', y: lastGoods.y + lastGoods.h * 1.3, w: lastGoods.h * 1.5, conf: 0.3 },
    ];
    const rec = extractRecord([{ ...pages[0]!, source: 'ocr', words }]);
    expect(rec.fields.find((f) => f.key === 'transport_route')!.value).toBe(t.transport_route);
    expect(rec.fields.find((f) => f.key === 'goods_description')!.value).toBe(t.goods_description);
  });

  it("a sub-council's hyphen OCR lost is put back", async () => {
    const { doc, pages } = await generateWithTextLayer(8, 'co_form_e', 'en');
    expect(doc.truth.fields.issuing_authority).toBe('CCPIT SHANGHAI SUB-COUNCIL');
    const words = pages[0]!.words.flatMap((w) =>
      w.text === 'SUB-COUNCIL' ? [{ ...w, text: 'SUB', w: w.w * 0.3 }, { ...w, text: 'COUNCIL', x: w.x + w.w * 0.4, w: w.w * 0.6 }] : [w],
    );
    expect(words.some((w) => w.text === 'COUNCIL')).toBe(true);
    expect(extractRecord([{ ...pages[0]!, source: 'ocr', words }]).fields.find((f) => f.key === 'issuing_authority')!.value).toBe('CCPIT SHANGHAI SUB-COUNCIL');
  });

  it('a date years ahead of today, its decade misread, takes the digit that puts it in the past, flagged', async () => {
    const { doc, pages } = await generateWithTextLayer(7025, 'packing_list', 'en');
    const date = doc.truth.fields.invoice_date!;
    const year = date.slice(0, 4);
    const printed = pages[0]!.words.filter((w) => w.text.includes(year));
    expect(printed.length).toBeGreaterThan(0);
    const words = pages[0]!.words.map((w) => (printed.includes(w) ? { ...w, text: w.text.replace(year, `${year.slice(0, 2)}7${year[3]}`) } : w));
    const field = extractRecord([{ ...pages[0]!, source: 'ocr', words }]).fields.find((f) => f.key === 'invoice_date')!;
    expect(field).toMatchObject({ value: date, status: 'low_confidence', note: expect.stringMatching(/years ahead of today/) });
  });

  it.each(['FOD', 'FOI', '+OB'])('an FOB value behind a label OCR read as "%s"', async (bent) => {
    const { doc, pages } = await generateWithTextLayer(3009, 'co_form_e', 'en');
    const fob = pages[0]!.words.filter((w) => w.text === 'FOB' && w.y > pages[0]!.height * 0.3);
    expect(fob.length).toBeGreaterThan(0);
    const words = pages[0]!.words.map((w) => (fob.includes(w) ? { ...w, text: bent } : w));
    expect(valueOf([{ ...pages[0]!, source: 'ocr', words }], 'fob_value')).toBe(doc.truth.fields.fob_value);
  });

  it('a day and month without a year: found, and given the year of the latest date or the next', () => {
    expect(findDayMonth('MELBOURNE, AUSTRALIA 6th December')).toMatchObject({ month: 12, day: 6, index: 21 });
    expect(findDayMonth('BANDAR SERI BEGAWAN, JUN. 17,')).toMatchObject({ month: 6, day: 17 });
    // a full date is no day-and-month without a year
    expect(findDayMonth('MELBOURNE, 6th December 2025')).toBeNull();
    expect(findDayMonth('JUN. 17, 2026')).toBeNull();
    expect(withYearOf(12, 6, '2025-12-06')).toBe('2025-12-06');
    expect(withYearOf(1, 4, '2025-12-20')).toBe('2026-01-04');
    expect(withYearOf(11, 30, '2025-12-06')).toBe('2025-11-30');
    expect(withYearOf(2, 29, '2025-01-10')).toBeNull();
    expect(latestDate(['INVOICE 2025-11-02', 'DATED 6 DEC 2025', 'DEPARTURE 2025-12-01'], 'dmy')).toBe('2025-12-06');
  });

  it('the first item\'s number OCR lost is 1, flagged for review', async () => {
    const { doc, pages } = await generateWithTextLayer(3009, 'co_form_e', 'en');
    const goods = lineOf(pages[0]!.words, doc.truth.fields.goods_description!, pages[0]!.height * 0.3).first;
    const words = pages[0]!.words.filter((w) => !(w.text === '1' && Math.abs(w.y - goods.y) < goods.h && w.x < goods.x));
    expect(words.length).toBe(pages[0]!.words.length - 1);
    const field = extractRecord([{ ...pages[0]!, source: 'ocr', words }]).fields.find((f) => f.key === 'item_no')!;
    expect(field).toMatchObject({ value: '1', status: 'low_confidence' });
  });

  it('the first item\'s number OCR misread as another digit is 1, flagged for review', async () => {
    const { doc, pages } = await generateWithTextLayer(3009, 'co_form_e', 'en');
    const goods = lineOf(pages[0]!.words, doc.truth.fields.goods_description!, pages[0]!.height * 0.3).first;
    const words = pages[0]!.words.map((w) => (w.text === '1' && Math.abs(w.y - goods.y) < goods.h && w.x < goods.x ? { ...w, text: '3' } : w));
    const field = extractRecord([{ ...pages[0]!, source: 'ocr', words }]).fields.find((f) => f.key === 'item_no')!;
    expect(field).toMatchObject({ value: '1', status: 'low_confidence' });
  });

  it('a second item whose number OCR lost does not run into the first item\'s description', async () => {
    const { doc, pages } = await generateWithTextLayer(3047, 'co_eur1', 'en');
    expect(doc.truth.lineItems.length).toBeGreaterThan(1);
    const second = lineOf(pages[0]!.words, doc.truth.lineItems[1]!.description, pages[0]!.height * 0.3).first;
    const words = pages[0]!.words.filter((w) => !(/^2\.?$/.test(w.text) && Math.abs(w.y - second.y) < second.h && w.x < second.x));
    expect(words.length).toBe(pages[0]!.words.length - 1);
    expect(valueOf([{ ...pages[0]!, source: 'ocr', words }], 'goods_description')).toBe(doc.truth.fields.goods_description);
  });

  it('an invoice number over a date whose separators did not read', async () => {
    const { doc, pages } = await generateWithTextLayer(3009, 'co_form_e', 'en');
    const t = doc.truth.fields;
    const num = lineOf(pages[0]!.words, t.invoice_no!);
    // The date's words on the lines under the number, in the invoice column, become one token.
    const dateWords = pages[0]!.words.filter((w) => Math.abs(w.x - num.first.x) < num.first.h * 4 && w.y > num.first.y + 2 && w.y < num.first.y + num.first.h * 4);
    expect(dateWords.length).toBeGreaterThan(0);
    const [y, m, d] = t.invoice_date!.split('-');
    const compact: OcrWord = { ...dateWords[0]!, text: `${d}${m}${y}`, conf: 0.9 };
    const words = [...pages[0]!.words.filter((w) => !dateWords.includes(w)), compact];
    const changed: PageText[] = [{ ...pages[0]!, source: 'ocr', words }];
    expect(valueOf(changed, 'invoice_no')).toBe(t.invoice_no);
    expect(valueOf(changed, 'invoice_date')).toBe(t.invoice_date);
  });
});
