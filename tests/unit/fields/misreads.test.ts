import { describe, expect, it } from 'vitest';
import { misreadBudget, misreadCost, nearestWord } from '../../../desk/fields/misreads.ts';
import { normaliseGspCriterion, normaliseId, normaliseIncoterm, normaliseParty, normaliseText, repairAddressPunctuation, repairPhone, withoutQuoteSpecks } from '../../../desk/fields/normalise.ts';
import type { Token } from '../../../desk/fields/text.ts';
import { correctCjkPlaces, correctFromDocument, correctPhrases, documentWords, withoutSpeckDots } from '../../../desk/fields/consensus.ts';
import { cjkPlaceNames, placePhrases, placeWords } from '../../../desk/fields/places.ts';
import { countryPhrases, countryWords } from '../../../desk/fields/countries.ts';
import { tradeWords } from '../../../desk/fields/vocabulary.ts';

const tok = (text: string, conf: number): Token => ({ text, x: 0, y: 0, w: 50, h: 20, conf, page: 0, cx: 25, cy: 10, tw: 50, th: 20 });

describe('misreading cost: what OCR does to print is cheap, other edits are not', () => {
  it('letters of the same shape, thin strokes and split glyphs cost less than an edit', () => {
    expect(misreadCost('SFA', 'SEA')).toBeLessThan(misreadCost('SPA', 'SEA'));
    expect(misreadCost('PIINOM', 'PHNOM')).toBe(0.4); // II for H
    expect(misreadCost('BORNE()', 'BORNEO')).toBe(0.4); // () for O
    expect(misreadCost('MIN1STRY', 'MINISTRY')).toBe(0.4);
    expect(misreadCost('SHANGHALI', 'SHANGHAI')).toBe(0.5); // a stroke added
    expect(misreadCost('SEWON', 'SEOUL')).toBeGreaterThan(misreadBudget(5));
  });

  it('gives up past its limit, and agrees with the full computation below it', () => {
    expect(misreadCost('UEBFRSELALLLE', 'MINISTRY', 1)).toBe(Infinity);
    expect(misreadCost('HIAMBUIRG', 'HAMBURG', 1.5)).toBe(misreadCost('HIAMBUIRG', 'HAMBURG'));
  });

  it('the nearest word is taken only when it is clearly nearest', () => {
    expect(nearestWord('COMMFRCE', [{ words: ['COMMERCE', 'COMMENCE'], budget: 1.2 }])?.word).toBe('COMMERCE');
    // "BANDAR" is as near to both: nothing is guessed
    expect(nearestWord('BANDAR', [{ words: ['BANDAN', 'BANDIR'], budget: 1.2 }])).toBeNull();
    expect(nearestWord('WHFFIS', [{ words: ['WHEELS'], budget: misreadBudget(6) }])).toBeNull();
  });
});

describe('weakly read words of a party or an authority put right from the trade vocabulary', () => {
  const known = [tradeWords(), new Set(['HAMBURG', 'XIAMEN', 'PHNOM', 'PENH'])];
  it('misread words are put right, punctuation and surely read names kept', () => {
    const value = 'BLUE RTVFR MACHINERY CO., LTD. NO. 35 HALER ROAD XLAMEN 361006, CHINA';
    const toks = [tok('BLUE', 0.95), tok('RTVFR', 0.33), tok('MACHINERY', 0.96), tok('HALER', 0.9), tok('XLAMEN', 0.6)];
    const c = correctFromDocument(value, toks, new Map(), known);
    expect(c.value).toBe('BLUE RIVER MACHINERY CO., LTD. NO. 35 HALER ROAD XIAMEN 361006, CHINA');
    expect(c.changes).toEqual(['RTVFR → RIVER', 'XLAMEN → XIAMEN']);
  });

  it('digits and brackets OCR put inside a word are read as the strokes they are', () => {
    const c = correctFromDocument('MIN1STRY OF INDUSTRY AND TRADE', [tok('MIN1STRY', 0.7)], new Map(), known);
    expect(c.value).toBe('MINISTRY OF INDUSTRY AND TRADE');
  });

  it('places come from the gazetteer', () => {
    const c = correctFromDocument('BY SEA FROM HAI PHONG TO HIAMBUIRG', [tok('HIAMBUIRG', 0.1)], new Map(), [placeWords()]);
    expect(c.value).toBe('BY SEA FROM HAI PHONG TO HAMBURG');
    expect(placeWords().has('SIHANOUKVILLE')).toBe(true);
  });

  it('what the document reads surely twice outweighs a list word as near', () => {
    const doc = documentWords([tok('BAHRU,', 0.95), tok('BAHRU', 0.95)]);
    const c = correctFromDocument('JOHOR BAMRU', [tok('BAMRU', 0.5)], doc, [new Set(['BARU', 'BAHRU'])]);
    expect(c.value).toBe('JOHOR BAHRU');
  });

  it('a short weak word is only put right into one of the commonest short words', () => {
    // "PHU" (a Vietnamese name) is one shape away from "PHO" but is no common word: kept
    expect(correctFromDocument('PHU MY FURNITURE', [tok('PHU', 0.5)], new Map(), [new Set(['PHO', 'FURNITURE'])]).value).toBe('PHU MY FURNITURE');
    expect(correctFromDocument('BY SFA', [tok('SFA', 0.5)], new Map(), known).value).toBe('BY SEA');
  });
});

describe('address punctuation and telephone labels OCR bent', () => {
  it('a dot after a number inside an address is the comma; LTD keeps its dot', () => {
    expect(repairAddressPunctuation('HAMBURG 20457. GERMANY')).toBe('HAMBURG 20457, GERMANY');
    expect(repairAddressPunctuation('CO., LTD, 45. SAMSAN-RO')).toBe('CO., LTD. 45, SAMSAN-RO');
    expect(repairAddressPunctuation('TEXTILE INC, 999 CANADA PLACE; CO., LTD. NO, 1208 HUASHAN ROAD')).toBe('TEXTILE INC. 999 CANADA PLACE; CO., LTD. NO. 1208 HUASHAN ROAD');
    // "NO," not before a number, and "INC," ending the value, stay
    expect(repairAddressPunctuation('YES, NO, MAYBE INC,')).toBe('YES, NO, MAYBE INC,');
    // a number ending the value, and a box number opening it, stay
    expect(repairAddressPunctuation('1. CONSIGNOR NO. 5')).toBe('1. CONSIGNOR NO. 5');
  });

  it('a misread TEL label before a number is TEL again; the plus read as 4 comes back for the named country', () => {
    expect(repairPhone('XIAMEN 361006, CHINA TET.: 486 23 2108 3958')).toBe('XIAMEN 361006, CHINA TEL: +86 23 2108 3958');
    expect(repairPhone('ULSAN KOREA TFL: +82 38 3381 3169')).toBe('ULSAN KOREA TEL: +82 38 3381 3169');
    // 486 is not the calling code of a Korean address: the digits stay as read
    expect(repairPhone('BUSAN, KOREA TEL: 486 23 2108 3958')).toBe('BUSAN, KOREA TEL: 486 23 2108 3958');
    // a word that is no misreading of TEL, or no number after it, stays
    expect(repairPhone('FAX: +86 23 2108 3958')).toBe('FAX: +86 23 2108 3958');
    expect(repairPhone('TFL ROAD 5')).toBe('TFL ROAD 5');
  });

  it('normaliseParty applies both', () => {
    expect(normaliseParty('ELBTAL AG HAMBURG 20457. GERMANY TKL: +49 90 5143 9540').value).toBe('ELBTAL AG HAMBURG 20457, GERMANY TEL: +49 90 5143 9540');
  });
});

describe('apostrophes', () => {
  it('a typographic apostrophe inside a word or after a plural is the plain one; quotes around words stay', () => {
    expect(normaliseText("PYJAMAS, MEN’S OR BOYS’, OF MAN-MADE FIBRES").value).toBe("PYJAMAS, MEN'S OR BOYS', OF MAN-MADE FIBRES");
    expect(normaliseText('‘SUNRISE’ BRAND').value).toBe('‘SUNRISE’ BRAND');
  });
});

describe('numbers OCR read as letters where only a number can stand', () => {
  it('a lone Hangul letter (a speck read as a jamo) is dropped from an address; syllables stay', () => {
    expect(normaliseParty('JOINT STOCK COMPANY ᅵ LOT C2, VSIP II').value).toBe('JOINT STOCK COMPANY LOT C2, VSIP II');
    expect(normaliseParty('부산광역시 해운대구 센텀중앙로 97').value).toBe('부산광역시 해운대구 센텀중앙로 97');
  });

  it('in capitals, a lower-case l among digits and a bracket closing digits are 1s; letters elsewhere stay', () => {
    expect(normaliseParty('VANCOUVER BC V6B 1Al, CANADA').value).toBe('VANCOUVER BC V6B 1A1, CANADA');
    expect(normaliseParty('MUMBAI 40000], INDIA TEL: +82 90 455] 1257').value).toBe('MUMBAI 400001, INDIA TEL: +82 90 4551 1257');
    expect(normaliseParty('Vancouver BC V6B 1Al').value).toBe('Vancouver BC V6B 1Al');
    expect(normaliseParty('HALL 5 [B]').value).toBe('HALL 5 [B]');
  });

  it('a lone I numbering a street is 1; a Roman numeral elsewhere stays', () => {
    expect(normaliseParty('AUTO PARTS PUBLIC COMPANY LIMITED I SILOM ROAD, BANGRAK').value).toBe('AUTO PARTS PUBLIC COMPANY LIMITED 1 SILOM ROAD, BANGRAK');
    expect(normaliseParty('PHASE I, THU DAU MOT').value).toBe('PHASE I, THU DAU MOT');
    expect(normaliseParty('12 NGUYEN HUE STREET, DISTRICT I, BINH DUONG').value).toBe('12 NGUYEN HUE STREET, DISTRICT 1, BINH DUONG');
  });

  it('a percent sign after a number of an address, and a section sign numbering a unit, are 5s', () => {
    expect(normaliseParty('GOLDEN LAND SEAFOOD COMPANY LIMITED NO. 4%, THILAWA SEZ').value).toBe('GOLDEN LAND SEAFOOD COMPANY LIMITED NO. 45, THILAWA SEZ');
    expect(normaliseParty('SERI SEAFOOD SDN BHD UNIT §, BLOCK B').value).toBe('SERI SEAFOOD SDN BHD UNIT 5, BLOCK B');
    expect(normaliseParty('100% COTTON TRADING LTD').value).toBe('100% COTTON TRADING LTD');
  });

  it('a dotted abbreviation with a comma for a dot, and CO.,LTD. with its O read small', () => {
    expect(normaliseParty('EASTERN FIELD TEXTILE N,V. NOORDERLAAN 147').value).toBe('EASTERN FIELD TEXTILE N.V. NOORDERLAAN 147');
    expect(normaliseParty('IRRAWADDY MACHINERY Co.,LTD. NO. 45').value).toBe('IRRAWADDY MACHINERY CO., LTD. NO. 45');
    expect(normaliseParty('SUNRISE FIELD CHEMICALS CO.. LTD. LOT A5').value).toBe('SUNRISE FIELD CHEMICALS CO., LTD. LOT A5');
    expect(normaliseParty('PT, JADE PEAK TRADING TBK JL. RAYA RUNGKUT NO. 17').value).toBe('PT. JADE PEAK TRADING TBK JL. RAYA RUNGKUT NO. 17');
    expect(normaliseParty('GREEN FIELD APPAREL, SARL 12 QUAI DE SOUTHAMPTON').value).toBe('GREEN FIELD APPAREL SARL 12 QUAI DE SOUTHAMPTON');
    expect(normaliseParty('BERJAYA INDUSTRIAL, BERHAD LOT 12').value).toBe('BERJAYA INDUSTRIAL BERHAD LOT 12');
    expect(normaliseParty('ACME TRADING, INC. 350 FIFTH AVENUE').value).toBe('ACME TRADING, INC. 350 FIFTH AVENUE');
  });

  it("a lone slash numbering a district is a 7 whose bar faded", () => {
    expect(normaliseParty('LOT A5, TAN THUAN EPZ, DISTRICT /, HO CHI MINH CITY').value).toBe('LOT A5, TAN THUAN EPZ, DISTRICT 7, HO CHI MINH CITY');
    expect(normaliseParty('AND/OR NOTIFY').value).toBe('AND/OR NOTIFY');
  });

  it('one Hangul syllable or Chinese character alone after the closing country is a speck', () => {
    expect(normaliseParty('주식회사 미래섬유 인천광역시 연수구 송도과학로 32 대한민국 미').value).toBe('주식회사 미래섬유 인천광역시 연수구 송도과학로 32 대한민국');
    expect(normaliseParty('上海恒达进出口有限公司 广东省深圳市盐田区海景二路35号 P.R. CHINA 了').value).toBe('上海恒达进出口有限公司 广东省深圳市盐田区海景二路35号 P.R. CHINA');
    expect(normaliseParty('서울특별시 강남구 테헤란로 123 구').value).toBe('서울특별시 강남구 테헤란로 123 구');
  });

  it('an Incoterm split by a speck read as a quote mark is the code, flagged; a word with an apostrophe is none', () => {
    expect(normaliseIncoterm('F ‘CA CHANGWON AIRPORT')).toMatchObject({ value: 'FCA', ok: true, uncertain: true });
    expect(normaliseIncoterm("D'ARCY PORT").ok).toBe(false);
    // the line the generic reader falls back to, when the label's own line held only a scrap
    expect(withoutQuoteSpecks('F ‘CA CHANGWON AIRPORT')).toBe('FCA CHANGWON AIRPORT');
  });

  it('a country code inside a year-country-number reference with a letter read as a digit', () => {
    expect(normaliseId('2025-1D-2649')).toMatchObject({ value: '2025-ID-2649', uncertain: true });
    expect(normaliseId('CNC0202490344')).toMatchObject({ value: 'CNCO202490344', uncertain: true });
    expect(normaliseId('KRCO0202469013').value).toBe('KRCO202469013'); // the O read twice, as O and 0
    expect(normaliseId('KRCO0O202400783').value).toBe('KRCO202400783');
    expect(normaliseId('KRCO0123456').value).toBe('KRCO0123456'); // no year follows: the 0 may be the serial's
    expect(normaliseId('2024/LAIAIS28820').value).toBe('2024/LA/A/528820');
    expect(normaliseId('2025/LAJA/601493').value).toBe('2025/LA/A/601493');
    expect(normaliseId('P$S-2024-6489')).toMatchObject({ value: 'PSS-2024-6489', uncertain: true, note: 'read "P$S-2024-6489": "$" for S' });
    expect(normaliseId('E26051923628579%')).toMatchObject({ value: 'E260519236285795', uncertain: true });
    expect(normaliseId('XQC0202490344').value).toBe('XQC0202490344'); // no country's code
    // digits that stand for no country's letters, and references already right, stay
    expect(normaliseId('2025-12-2649').value).toBe('2025-12-2649');
    expect(normaliseId('2025-10-2649').value).toBe('2025-10-2649');
    expect(normaliseId('2024-KR-5043')).toEqual({ value: '2024-KR-5043', ok: true });
  });

  it('a GSP "W" heading with a digit read as a letter is the only heading of the HS it can be', () => {
    const n = normaliseGspCriterion('WA4.45');
    expect(n).toMatchObject({ value: 'W 84.45', ok: true, uncertain: true });
    // no heading 44.45 exists in HS 2022, so A is not 4 here; "WOOD" holds no digit and is no heading
    expect(normaliseGspCriterion('WOOD').ok).toBe(false);
  });
});

describe('place names of two or three words whose short words OCR bent', () => {
  it('one word read exactly and the rest a likely misreading: the name, punctuation kept', () => {
    const c = correctPhrases('FROM DA NANG TO TE HAVRE BY SEA', [tok('TE', 0.24), tok('HAVRE', 0.96)], placePhrases());
    expect(c.value).toBe('FROM DA NANG TO LE HAVRE BY SEA');
    expect(correctPhrases('BY SEA FROM CAT ILAI, VIETNAM', [tok('CAT', 0.91), tok('ILAI,', 0.83)], placePhrases()).value).toBe('BY SEA FROM CAT LAI, VIETNAM');
  });

  it('a word read surely is not changed, nor a run that matches no word exactly', () => {
    expect(correctPhrases('TE HAVRE', [tok('TE', 0.95), tok('HAVRE', 0.96)], placePhrases()).value).toBe('TE HAVRE');
    expect(correctPhrases('IOS ANGFLES', [tok('IOS', 0.1), tok('ANGFLES', 0.5)], placePhrases()).value).toBe('IOS ANGFLES');
  });

  it("countries' long names up to six words, a short word bent past a lone word's budget among words read exactly", () => {
    const names = [...placePhrases(), ...countryPhrases()];
    // H read as I once its crossbar faded (a fax)
    expect(correctPhrases('ROTTERDAM 3011 AA, TIE NETHERLANDS', [tok('TIE', 0.57), tok('NETHERLANDS', 0.84)], names).value).toBe('ROTTERDAM 3011 AA, THE NETHERLANDS');
    const c = correctPhrases('10, HAMBURG FEDERAL REPUBLIC OI GERMANY', [tok('OI', 0.75)], names);
    expect(c).toEqual({ value: '10, HAMBURG FEDERAL REPUBLIC OF GERMANY', changes: ['FEDERAL REPUBLIC OI GERMANY → FEDERAL REPUBLIC OF GERMANY'] });
    // one exact word is not enough for a plain edit
    expect(correctPhrases('HAMBURG FEDERAL REPUBLIX OI GERMANY', [tok('OI', 0.75), tok('REPUBLIX', 0.5)], names).value).toBe('HAMBURG FEDERAL REPUBLIX OI GERMANY');
  });

  it('a bracket closing a word it never opened is read as the letter; an abbreviation is left as written', () => {
    expect(correctPhrases('BANDAR SER] BEGAWAN, BRUNEI', [tok('SER]', 0.5)], placePhrases()).value).toBe('BANDAR SERI BEGAWAN, BRUNEI');
    expect(correctPhrases('NINGBO, P.R. CHINA', [tok('P.R.', 0.5)], [...placePhrases(), ...countryPhrases()]).value).toBe('NINGBO, P.R. CHINA');
  });
});

describe('a word the document reads the same way twice', () => {
  it('stays as read when one reading is sure, or when no closed list has a word it bends', () => {
    const tokens = [tok('HINCAPORE', 0.58), tok('HINCAPORE,', 0.89)];
    const seen = documentWords(tokens);
    // both readings weak, and country names hold SINGAPORE: the same print bent the same way twice
    expect(correctFromDocument('REPUBLIC OF HINCAPORE', tokens, seen, [], [countryWords()]).value).toBe('REPUBLIC OF SINGAPORE');
    // an open list (places) may lack the name: twice read is kept
    expect(correctFromDocument('REPUBLIC OF HINCAPORE', tokens, seen, [new Set(['SINGAPORE'])], []).value).toBe('REPUBLIC OF HINCAPORE');
    const sure = documentWords([tok('HINCAPORE', 0.58), tok('HINCAPORE', 0.97)]);
    expect(correctFromDocument('REPUBLIC OF HINCAPORE', tokens, sure, [], [countryWords()]).value).toBe('REPUBLIC OF HINCAPORE');
  });
});

describe('Korean and Chinese place names with one character misread', () => {
  it("a major road's name too, however surely read if five syllables or more; a name read right inside a longer one is no misreading", () => {
    expect(correctCjkPlaces('부산광역시 해운대구 센팀중앙로 97', [tok('센팀중앙로', 0.25)], cjkPlaceNames()).value).toBe('부산광역시 해운대구 센텀중앙로 97');
    expect(correctCjkPlaces('인천광역시 연수구 송도괴학로 32', [tok('송도괴학로', 0.96)], cjkPlaceNames()).value).toBe('인천광역시 연수구 송도과학로 32');
    expect(correctCjkPlaces('서울특별시 강남구 데헤란로 1', [tok('데헤란로', 0.6)], cjkPlaceNames()).value).toBe('서울특별시 강남구 테헤란로 1');
    // a port district's sub-district with its rare character misread, weakly
    expect(correctCjkPlaces('浙江省宁波市北仑区新砚街道17号', [tok('浙江省宁波市北仑区新砚街道17号', 0.32)], cjkPlaceNames()).value).toBe('浙江省宁波市北仑区新碶街道17号');
    // 송도과학로 ends in 과학로, one syllable from a road 과정로: a name read right is left as read
    expect(correctCjkPlaces('인천광역시 연수구 송도과학로 32', [tok('송도과학로', 0.5)], ['송도과학로', '과정로']).changes).toEqual([]);
    expect(correctCjkPlaces('부산광역시 과학로 32', [tok('과학로', 0.5)], ['송도과학로', '과정로']).value).toBe('부산광역시 과정로 32');
  });

  it('a metropolitan city or province is put right however surely it was read', () => {
    const c = correctCjkPlaces('주식회사 현진산업 물산광역시 남구 삼산로 45 KOREA', [tok('물산광역시', 0.9)], cjkPlaceNames());
    expect(c.value).toBe('주식회사 현진산업 울산광역시 남구 삼산로 45 KOREA');
    expect(c.changes).toEqual(['물산광역시 → 울산광역시']);
  });

  it('a shorter name only where OCR read it weakly; the division suffix is never respelt', () => {
    expect(correctCjkPlaces('山东省青兄市崂山区', [tok('山东省青兄市崂山区', 0.06)], cjkPlaceNames()).value).toBe('山东省青岛市崂山区');
    expect(correctCjkPlaces('山东省青兄市崂山区', [tok('山东省青兄市崂山区', 0.96)], cjkPlaceNames()).value).toBe('山东省青兄市崂山区');
    // 青岛区 differs from 青岛市 only in the suffix: a different division, not a misreading
    expect(correctCjkPlaces('青岛区', [tok('青岛区', 0.1)], ['青岛市']).value).toBe('青岛区');
  });

  it('a run near two names is left alone; Latin text is untouched', () => {
    expect(correctCjkPlaces('青兄市', [tok('青兄市', 0.1)], ['青岛市', '青州市']).value).toBe('青兄市');
    expect(correctCjkPlaces('HAMBURG', [tok('HAMBURG', 0.1)], cjkPlaceNames()).changes).toEqual([]);
  });
});

describe('a speck read as a dot after a whole word', () => {
  it('is dropped after list words and after THE, AND, OF inside the value; abbreviations keep their dot', () => {
    const lists = [tradeWords(), countryWords()];
    expect(withoutSpeckDots('MINISTRY OF INDUSTRY AND TRADE. OF VIETNAM', lists)).toEqual({ value: 'MINISTRY OF INDUSTRY AND TRADE OF VIETNAM', changes: ['TRADE. → TRADE'] });
    expect(withoutSpeckDots('REPUBLIC OF THE. UNION OF MYANMAR', lists).value).toBe('REPUBLIC OF THE UNION OF MYANMAR');
    expect(withoutSpeckDots('CCPIT SHANGHAI SUB-COUNCIL.', lists).value).toBe('CCPIT SHANGHAI SUB-COUNCIL');
    expect(withoutSpeckDots('ACME CORP. 12 MAIN ROAD', lists).value).toBe('ACME CORP. 12 MAIN ROAD');
    expect(withoutSpeckDots('ORANJE HARDWARE B.V. ROTTERDAM', lists).value).toBe('ORANJE HARDWARE B.V. ROTTERDAM');
    expect(withoutSpeckDots('NO. 35 HAIER ROAD', lists).value).toBe('NO. 35 HAIER ROAD');
  });
});

describe('a word put right keeps the case it was written in', () => {
  it('title case stays title case; a capital word with letters read small is in capitals', () => {
    const open = [placeWords(), tradeWords()];
    expect(correctFromDocument('Port of Shanghal', [tok('Shanghal', 0.5)], new Map(), open).value).toBe('Port of Shanghai');
    expect(correctFromDocument('GOLDEN LAND TeXTLLE COMPANY', [tok('TeXTLLE', 0.4)], new Map(), open).value).toBe('GOLDEN LAND TEXTILE COMPANY');
    expect(correctFromDocument('golden textlle', [tok('textlle', 0.4)], new Map(), open).value).toBe('golden textile');
  });
});
