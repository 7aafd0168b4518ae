/**
 * The generic reader (invoices, packing lists, bills of lading) on what OCR of a scan gives:
 * labels garbled or lost, words boxed at odd heights, separators misread. Word lists are laid
 * out like a 200 dpi scan (body text ~19 px high); generated documents have words taken away
 * the way OCR loses them.
 */
import { describe, expect, it } from 'vitest';
import type { OcrWord, PageText } from '../../../contract/fields.ts';
import { extractRecord } from '../../../desk/fields/extract.ts';
import { normaliseWeight, parseNumberToken } from '../../../desk/fields/normalise.ts';
import { generateWithTextLayer } from './helpers.ts';

type Row = [text: string, x: number, y: number, h?: number];

/** Words of printed lines: each line's words left to right, ~0.55 h per character. */
function page(rows: Row[], conf = 0.9): PageText[] {
  const words: OcrWord[] = rows.flatMap(([text, x, y, h = 19]) => {
    let cx = x;
    return text.split(' ').map((w) => {
      const width = Math.max(1, Math.round([...w].length * h * 0.55));
      const word = { text: w, x: cx, y: y - h / 2, w: width, h, conf };
      cx += width + Math.round(h * 0.4);
      return word;
    });
  });
  return [{ index: 0, width: 1654, height: 2339, dpi: 200, source: 'ocr', words }];
}

const values = (pages: PageText[]) => {
  const rec = extractRecord(pages);
  return { rec, v: Object.fromEntries(rec.fields.map((f) => [f.key, f.value])), status: Object.fromEntries(rec.fields.map((f) => [f.key, f.status])) };
};

/** Invoice heading shared by the tests: parties left, references right, then the goods table. */
const INVOICE_TABLE: Row[] = [
  ['No.', 120, 560], ['Description', 360, 560], ['HS Code', 690, 560], ['Qty', 900, 560], ['Unit', 990, 560], ['Unit Price', 1100, 560], ['Amount', 1380, 560],
  ['1', 125, 615], ['COTTON YARN', 180, 615], ['5205.12', 690, 615], ['1,200', 900, 615], ['KGS', 990, 615], ['3.10', 1120, 615], ['3,720.00', 1380, 615],
  ['2', 125, 652], ['GLASS FIBRES', 180, 652], ['7019.71', 690, 652], ['800', 900, 652], ['PCS', 990, 652], ['12.00', 1120, 652], ['9,600.00', 1380, 652],
  ['TOTAL:', 180, 705], ['2,000', 900, 705], ['13,320.00', 1380, 705],
];

describe('labels OCR garbled or lost', () => {
  it('the rest of a party\'s phone line after a word OCR lost (a wide gap) stays in the party', () => {
    const { v } = values(page([
      ['PACKING LIST', 690, 122, 34],
      ['Exporter:', 121, 233, 25], ['Invoice No.:', 897, 222, 17], ['CI-VAP392632', 1192, 219, 17],
      ['VISAYAS AUTO PARTS CORPORATION', 139, 263, 15],
      ['2F, 888 AYALA AVENUE', 141, 291, 16],
      ['MANILA 1018, PHILIPPINES', 140, 318, 16],
      ['TEL +63', 140, 347, 16], ['9855 2669', 257, 345, 16],
      ['Messrs.:', 124, 402, 17],
    ]));
    expect(v.seller).toBe('VISAYAS AUTO PARTS CORPORATION 2F, 888 AYALA AVENUE MANILA 1018, PHILIPPINES TEL +63 9855 2669');
  });

  it('an Incoterm beside a label OCR garbled past reading, a stroke read between the rule and its place', () => {
    const { v, status } = values(page([
      ['COMMERCIAL INVOICE', 592, 98, 34],
      ['Seller:', 111, 184], ['Invoice Number :', 901, 199], ['INV2406923', 1170, 203],
      ['VISAYAS AGRO INC.', 127, 218],
      ['T ‘erms erms o of f Del Delivery', 899, 272], ['FOB -OB MANILA', 1169, 276],
      ...INVOICE_TABLE,
    ]));
    expect(v.incoterms).toBe('FOB');
    expect(status.incoterms).toBe('low_confidence');
  });

  it('a value set further below its small label than the page\'s line spacing is still its value (on-board date)', () => {
    const { v } = values(page([
      ['BILL OF LADING', 900, 200, 34],
      ['Shipper', 100, 160, 15], ['B/L No.', 800, 150, 15], ['SITU2754811119', 900, 150],
      ['GREEN FIELD PLASTICS INC.', 110, 190],
      ['Consignee', 100, 330, 15], ['OCEAN NETWORK EXPRESS PTE. LTD.', 900, 330],
      ['SHIPPED ON BOARD', 105, 1674, 15], ['Place and Date of Issue', 829, 1673, 13],
      ['11th October 2024', 105, 1712, 15], ['BUSAN, 11th October 2024', 840, 1711, 15],
    ]));
    expect(v.departure_date).toBe('2024-10-11');
  });

  it('a bilingual label whose translation did not read still labels its value ("HHA Date:")', () => {
    const { v } = values(page([
      ['COMMERCIAL INVOICE', 600, 130, 44],
      ['Seller:', 110, 230], ['Invoice No.:', 880, 230], ['EX24/952', 1180, 230],
      ['NORTHWIND TRADING LTD.', 130, 265], ['HHA Date:', 880, 268], ['MAY 25, 2024', 1180, 268],
      ['12 HARBOUR ROAD, BUSAN', 130, 293],
      ...INVOICE_TABLE,
    ]));
    expect(v.invoice_date).toBe('2024-05-25');
    expect(v.invoice_no).toBe('EX24/952');
    expect(v.seller).toBe('NORTHWIND TRADING LTD. 12 HARBOUR ROAD, BUSAN');
  });

  it('a label whose first letter was lost at a box edge ("eller:") still counts', () => {
    const { v } = values(page([
      ['PACKING LIST', 690, 160, 34],
      ['eller:', 110, 225], ['Invoice No.:', 900, 225], ['PL-2024-0031', 1180, 225],
      ['NORTHWIND TRADING LTD.', 130, 258],
      ['12 HARBOUR ROAD, BUSAN', 130, 286],
    ]));
    expect(v.seller).toBe('NORTHWIND TRADING LTD. 12 HARBOUR ROAD, BUSAN');
  });

  it('parties without readable labels are read from the address blocks of the left column, in order', () => {
    const { v, status } = values(page([
      ['COMMERCIAL INVOICE', 600, 130, 44],
      ['핀매지', 100, 235], ['Invoice No.:', 880, 235], ['CI-EX360807', 1120, 235],
      ['EH . 로9', 224, 296], ['Date:', 880, 271], ['01.05.2026', 1120, 271],
      ['매지', 118, 375],
      ['ORIENT BRIDGE TEXTILE LTD.', 117, 406],
      ['999 CANADA PLACE', 115, 433],
      ['VANCOUVER BC V6B 1A1, CANADA', 115, 461],
      ['TEL: +1 32 5293 3067', 115, 488],
      ...INVOICE_TABLE,
    ]));
    // The seller's block did not read (text stands in its place): the one block is the buyer's.
    expect(v.buyer).toBe('ORIENT BRIDGE TEXTILE LTD. 999 CANADA PLACE VANCOUVER BC V6B 1A1, CANADA TEL: +1 32 5293 3067');
    expect(status.buyer).toBe('low_confidence');
    expect(v.seller).toBeNull();
  });

  it('a garbled label read on the party block\'s first lines is not part of the party', () => {
    const { v } = values(page([
      ['COMMERCIAL INVOICE', 600, 130, 44],
      ['2482} 수출자 / / Seller', 110, 230], ['Invoice No.:', 880, 230], ['EX24/952', 1180, 230],
      ['주식회사 태광기계', 130, 265], ['Date:', 880, 268], ['MAY 25, 2024', 1180, 268],
      ['인천광역시 연수구 송도과학로 32', 130, 293],
      ['BiB A Consigner STRAITS AGRO PTE LTD', 110, 375],
      ['30 TUAS AVENUE 8, SINGAPORE', 130, 403],
      ...INVOICE_TABLE,
    ]));
    expect(v.seller).toBe('주식회사 태광기계 인천광역시 연수구 송도과학로 32');
    expect(v.buyer).toBe('STRAITS AGRO PTE LTD 30 TUAS AVENUE 8, SINGAPORE');
  });

  it('a name in capitals that holds a label word keeps it', () => {
    const { v } = values(page([
      ['COMMERCIAL INVOICE', 600, 130, 44],
      ['Seller:', 110, 230], ['Invoice No.:', 880, 230], ['EX24/952', 1180, 230],
      ['GLOBAL SHIPPER SUPPLIES LTD.', 130, 265], ['Date:', 880, 268], ['MAY 25, 2024', 1180, 268],
      ['12 HARBOUR ROAD, BUSAN', 130, 293],
      ...INVOICE_TABLE,
    ]));
    expect(v.seller).toBe('GLOBAL SHIPPER SUPPLIES LTD. 12 HARBOUR ROAD, BUSAN');
  });

  it('with no party label at all, the first block is the seller and the next the buyer', () => {
    const { v } = values(page([
      ['COMMERCIAL INVOICE', 600, 130, 44],
      ['MERLION METAL PRODUCTS PTE LTD', 130, 230], ['MMP26/576', 838, 233], ['19-Jan-2026', 1198, 232],
      ['2 JURONG EAST STREET 21, SINGAPORE', 129, 257],
      ['SINGAPORE', 129, 286],
      ['JADE FIELD ELECTRONICS LTD', 128, 443],
      ['1 LONDON WALL', 128, 470],
      ['LONDON EC1A 1BB, U.K.', 129, 498],
      ...INVOICE_TABLE,
    ]));
    expect(v.seller).toBe('MERLION METAL PRODUCTS PTE LTD 2 JURONG EAST STREET 21, SINGAPORE SINGAPORE');
    expect(v.buyer).toBe('JADE FIELD ELECTRONICS LTD 1 LONDON WALL LONDON EC1A 1BB, U.K.');
    // Number and date without their labels: the identifier and the first date of the heading.
    expect(v.invoice_no).toBe('MMP26/576');
    expect(v.invoice_date).toBe('2026-01-19');
  });

  it('a gross weight whose label did not read is the largest weight of the summary', () => {
    const { v } = values(page([
      ['COMMERCIAL INVOICE', 600, 130, 44],
      ['Seller:', 110, 230], ['Invoice No.:', 880, 230], ['EX24/952', 1180, 230],
      ['NORTHWIND TRADING LTD.', 130, 265],
      ['12 HARBOUR ROAD, BUSAN', 130, 293],
      ...INVOICE_TABLE,
      ['총 TT', 95, 920], ['EUR 13,320.00', 508, 920],
      ['총', 95, 990], ['18,242.65 KGS', 508, 990],
      ['N.W.:', 95, 1025], ['17,010.10 KGS', 508, 1025],
    ]));
    expect(v.gross_weight).toBe('18242.65 KG');
    // The line quantities in KGS stand in the goods rows: never taken for the gross weight.
    expect(v.total_quantity).toBe('2000');
  });

  it("a bilingual label whose translation OCR bent into a number ('총중량 66055 WEIGHT:') is no value", () => {
    const { v } = values(page([
      ['PACKING LIST', 600, 130, 44],
      ['Seller:', 110, 230], ['Invoice No.:', 880, 230], ['EX24/952', 1180, 230],
      ['NORTHWIND TRADING LTD.', 130, 265],
      ['12 HARBOUR ROAD, BUSAN', 130, 293],
      ...INVOICE_TABLE,
      ['총중량 66055 WEIGHT:', 95, 990], ['21.823,89 KGS', 508, 990],
    ]));
    expect(v.gross_weight).toBe('21823.89 KG');
  });
});

describe('bills of lading through OCR', () => {
  const blHeading: Row[] = [
    ['Shipper', 104, 124],
    ['BL. bho', 840, 141],
    ['BERJAYA AUTO PARTS SDN. BHD.', 115, 157],
    ['NO. 7, JALAN KLANG LAMA, JOHOR BAHRU', 116, 185],
    ['MALAYSIA', 115, 212],
    ['BILL OF LADING', 1007, 232, 34],
    ['FOR COMBINED TRANSPORT OR PORT TO PORT SHIPMENT', 942, 280, 14],
    ['SITC CONTAINER LINES', 1037, 344, 20],
    // "Consignee" lost under the box rule.
    ['NORDHAFEN PLASTICS GMBH', 116, 378],
    ['RECEIVED by the Carrier from the Shipper in apparent good order', 844, 403],
    ['AM SANDTORKAI 44', 114, 405],
    ['BREMEN 28195, GERMANY', 115, 434],
    ['Notify Party', 104, 567, 17],
    ['SAME AS CONSIGNEE', 115, 600],
  ];

  it('a sentence under the B/L No. label is not a number; the consignee block follows the shipper', () => {
    const { v } = values(page([
      ...blHeading,
      ['Marks and Numbers', 101, 928, 14], ['No. of Packages', 416, 928, 13], ['Description of Goods', 637, 928, 15], ['Gross Weight', 1218, 928, 18], ['Measurement', 1384, 928, 15],
      ['1039 ROLLS', 420, 998], ["SHIPPER'S LOAD, COUNT AND SEAL", 641, 998], ['17,751.48 KGS', 1224, 999], ['71.01 CBM', 1425, 999],
      ['SAID TO CONTAIN:', 640, 1026],
      ['SHIPPED ON BOARD', 139, 1710], ['16.05.2025', 139, 1751],
    ]));
    expect(v.reference_no).toBeNull();
    expect(v.exporter).toBe('BERJAYA AUTO PARTS SDN. BHD. NO. 7, JALAN KLANG LAMA, JOHOR BAHRU MALAYSIA');
    expect(v.consignee).toBe('NORDHAFEN PLASTICS GMBH AM SANDTORKAI 44 BREMEN 28195, GERMANY');
    expect(v.departure_date).toBe('2025-05-16');
    expect(v.gross_weight_quantity).toBe('17751.48 KG');
  });

  it('the B/L number beside a garbled label; the cargo row far below small headings; space-grouped weight', () => {
    const { v } = values(page([
      ['Shipper', 123, 149],
      ['8ᄂ140. ONEY8404236718', 865, 166, 33],
      ['TAEKWANG TEXTILE CO., LTD.', 152, 182],
      ['INCHEON 21984, SOUTH KOREA', 152, 209],
      ['BILL OF LADING', 1033, 259, 34],
      ['Consignee', 122, 369, 28],
      ['SIAM METAL PRODUCTS PUBLIC COMPANY LIMITED', 151, 401],
      ['1 SILOM ROAD, BANGRAK, CHONBURI', 152, 428],
      // Headings set at 6 pt (~13 px); the first cargo row 71 px below them; OCR misread "Gross Weight".
      ['Marks and Numbers', 117, 950, 14], ['No. of Packages', 437, 951, 13], ['Description of Goods', 661, 951, 14], ['GGroxs Welght', 1250, 952, 14], ['Measurement', 1420, 951, 16],
      ["SHIPPER'S LOAD, COUNT AND SEAL", 664, 1022], ['769 CASES', 441, 1022], ['14 815.87 KGS', 1249, 1023], ['59.26 CBM', 1447, 1023],
      ['SHIPPED ON BOARD', 139, 1710], ['16.05.2025', 139, 1751],
    ]));
    expect(v.reference_no).toBe('ONEY8404236718');
    expect(v.gross_weight_quantity).toBe('14815.87 KG');
    expect(v.consignee).toBe('SIAM METAL PRODUCTS PUBLIC COMPANY LIMITED 1 SILOM ROAD, BANGRAK, CHONBURI');
  });

  it('a party label is not given the carrier name printed across the page on its line', () => {
    const { v } = values(page([
      ['"Shipper', 114, 153, 35],
      ['B/LNo. ONEY6047202597', 862, 174, 25],
      ['BLUE FIELD PLASTICS SDN. BHD.', 137, 192],
      ['LOT 12, JALAN PERUSAHAAN 2', 137, 220],
      ['BILL OF LADING', 1007, 300, 34],
      ['Consignee', 123, 377, 38],
      ['OCEAN NETWORK EXPRESS PTE. LTD.', 970, 379, 20],
      ['TO THE ORDER OF', 136, 414],
      ['DRAGON WAVE MACHINERY PLC', 137, 441],
      // One printed line OCR boxed at three heights.
      ['1', 137, 469, 17], ['LONDON', 160, 466, 30], ['WALL', 257, 469, 17],
      ['LONDON EC1A 1BB, U.K.', 137, 497],
      ['Party', 177, 599, 39],
      ['DRAGON WAVE MACHINERY PLC', 137, 635],
    ]));
    expect(v.reference_no).toBe('ONEY6047202597');
    expect(v.consignee).toBe('TO THE ORDER OF DRAGON WAVE MACHINERY PLC 1 LONDON WALL LONDON EC1A 1BB, U.K.');
  });
});

describe('numbers through OCR', () => {
  it('a total amount that misreads the sum of lines checked by quantity times price takes the sum; one that disagrees otherwise stays', () => {
    const invoice = (total: string) =>
      values(page([
        ['COMMERCIAL INVOICE', 600, 130, 44],
        ['Seller:', 110, 230], ['Invoice No.:', 880, 230], ['EX24/952', 1180, 230],
        ['NORTHWIND TRADING LTD.', 130, 265],
        ...INVOICE_TABLE.slice(0, -1),
        ['TOTAL:', 180, 705], ['2,000', 900, 705], [total, 1380, 705],
      ]));
    const lost = invoice('3,320.00');
    expect(lost.v.total_amount).toBe('13320.00');
    expect(lost.rec.fields.find((f) => f.key === 'total_amount')).toMatchObject({ status: 'low_confidence', note: expect.stringMatching(/add up to 13320.00/) });
    expect(invoice('13,320.00').v.total_amount).toBe('13320.00');
    expect(invoice('15,000.00').v.total_amount).toBe('15000.00');
  });


  it('weights grouped with spaces', () => {
    expect(normaliseWeight('14 815.87 KGS').value).toBe('14815.87 KG');
    expect(normaliseWeight('1 234 567,5 KG', { convention: 'comma' }).value).toBe('1234567.5 KG');
    // Not a weight's grouping: a count and a weight.
    expect(normaliseWeight('3 CTNS 250 KG').value).toBe('250 KG');
  });

  it('a decimal separator read as a space after grouped thousands', () => {
    expect(normaliseWeight('GROSS WEIGHT: 28.444 18 KGS').value).toBe('28444.18 KG');
    expect(normaliseWeight('28,444 18 KGS').value).toBe('28444.18 KG');
    // two digits alone after a number with no grouped thousands are not its decimals
    expect(normaliseWeight('444 18 KGS').value).toBe('18 KG');
  });

  it('a decimal separator OCR read as the grouping one ("7.043.02 KGS")', () => {
    expect(parseNumberToken('7.043.02', 'dot')).toEqual({ value: '7043.02', ambiguous: true });
    expect(normaliseWeight('7.043.02 KGS', { convention: 'dot' }).value).toBe('7043.02 KG');
    expect(parseNumberToken('1,234,56', 'comma')?.value).toBe('1234.56');
    // Still not numbers: dates, HS codes, groups of the wrong size.
    expect(parseNumberToken('12.05.2024')).toBeNull();
    expect(parseNumberToken('2713.20.50')).toBeNull();
    expect(parseNumberToken('1.23.45')).toBeNull();
  });

  it('a total quantity whose separator was misread is settled by the line quantities', () => {
    const { v, rec } = values(page([
      ['COMMERCIAL INVOICE', 600, 130, 44],
      ['Seller:', 110, 230], ['Invoice No.:', 880, 230], ['EX24/952', 1180, 230],
      ['NORTHWIND TRADING LTD.', 130, 265],
      ['12 HARBOUR ROAD, BUSAN', 130, 293],
      ['No.', 120, 560], ['Description', 360, 560], ['HS Code', 690, 560], ['Qty', 900, 560], ['Unit', 990, 560], ['Unit Price', 1100, 560], ['Amount', 1380, 560],
      ['1', 125, 615], ['PHARMACEUTICAL GOODS', 180, 615], ['3006.92', 690, 615], ['11,122', 900, 615], ['KGS', 990, 615], ['2,187.50', 1100, 615], ['24,323,814.00', 1350, 615],
      ['2', 125, 652], ['PHARMACEUTICAL GOODS', 180, 652], ['3006.92', 690, 652], ['10,370', 900, 652], ['KGS', 990, 652], ['1,380.00', 1100, 652], ['14,310,600.00', 1350, 652],
      ['TOTAL QUANTITY:', 137, 958], ['21.492', 543, 957],
    ]));
    expect(rec.lineItems.map((l) => l.quantity)).toEqual(['11122', '10370']);
    expect(v.total_quantity).toBe('21492');
  });
});

describe('generated documents with the words OCR loses', () => {
  const drop = (pages: PageText[], lose: (w: OcrWord, all: OcrWord[]) => boolean): PageText[] =>
    pages.map((p) => ({ ...p, source: 'ocr' as const, words: p.words.filter((w) => !lose(w, p.words)) }));

  it('a packing list whose buyer label and reference labels did not read', async () => {
    for (const seed of [23, 50]) {
      const { doc, pages } = await generateWithTextLayer(seed, 'packing_list', 'en');
      const buyerLabels = /^(Buyer|Consignee|Sold|To|Messrs\.|\/|:|Buyer:|Consignee:|To:|Messrs\.:)$/;
      const refLabels = /^(Invoice|Inv\.|No\.|No\.:|Number|Number:|Date|Date:|Date\s?:|of|Invoice:|:)$/;
      const sellerTop = Math.min(...pages[0]!.words.filter((w) => /^(Seller|Shipper|Exporter|Seller:|Shipper:|Exporter:)/.test(w.text)).map((w) => w.y));
      const lost = drop(pages, (w) => {
        const leftColumn = w.x < pages[0]!.width * 0.3;
        // The buyer's label: the label-sized words of the left column below the seller's block start.
        if (leftColumn && w.y > sellerTop + 40 && buyerLabels.test(w.text) && w.y < pages[0]!.height * 0.3) return true;
        return !leftColumn && w.y < pages[0]!.height * 0.2 && refLabels.test(w.text);
      });
      const { v } = values(lost);
      expect(v.buyer).toBe(doc.truth.fields.buyer);
      expect(v.invoice_no).toBe(doc.truth.fields.invoice_no);
      expect(v.invoice_date).toBe(doc.truth.fields.invoice_date);
      expect(v.gross_weight).toBe(doc.truth.fields.gross_weight);
    }
  });
});
