/**
 * The facts of the demo consignment, shared by every generated document so that the
 * certificate of origin, the invoice and the packing list agree to the last kilogram.
 *
 * Scenario: a Ningbo fastener maker sells steel bolts, nuts and washers FOB Ningbo to an
 * industrial supplier in Hai Phong, Viet Nam; the goods travel by sea under an ACFTA Form E
 * (ASEAN-China Free Trade Area certificate of origin) issued by Ningbo Customs.
 * Every company, person, vessel and number is fictitious.
 */

export interface Party {
  name: string;
  address: string[];
  contact: string;
}

export const exporter: Party = {
  name: 'NINGBO HENGTAI FASTENER MANUFACTURING CO., LTD.',
  address: ['NO. 318 XINGYE ROAD, ZHENHAI DISTRICT', 'NINGBO 315200, ZHEJIANG, CHINA'],
  contact: 'TEL: +86 574 8625 3310   FAX: +86 574 8625 3311',
};

export const consignee: Party = {
  name: 'MINH PHAT INDUSTRIAL SUPPLY JOINT STOCK COMPANY',
  address: ['LOT B12, NAM CAU KIEN INDUSTRIAL PARK', 'THUY NGUYEN, HAI PHONG CITY, VIET NAM'],
  contact: 'TAX CODE: 0201874563   TEL: +84 225 3642 118',
};

export const shipment = {
  invoiceNo: 'HT260417',
  invoiceDate: '03 NOV 2026',
  contractNo: 'HT-SC-26-0915',
  contractDate: '15 SEP 2026',
  customerPo: 'MP-PO-2026-1182',
  declarationDate: '05 NOV 2026',
  certificateDate: '06 NOV 2026',
  departureDate: '08 NOV 2026',
  vessel: 'CAPE FORTUNA V.2645S',
  portOfLoading: 'NINGBO, CHINA',
  portOfDischarge: 'HAI PHONG, VIET NAM',
  billOfLading: 'NGBHPH2611047',
  container: 'HPCU 482173-5 / 20GP / SEAL NO. HT0417532',
  incoterm: 'FOB NINGBO',
  payment: 'T/T 30% IN ADVANCE, 70% AGAINST COPY OF B/L',
  currency: 'USD',
  /** Form E reference number printed in the top-right box. */
  certificateNo: 'E263100000417005',
  issuingAuthority: 'NINGBO CUSTOMS',
  marks: ['M.P.J.S.C.', 'HAI PHONG', 'C/NO. 1-265', 'MADE IN CHINA'],
  exporterSignatory: 'CHEN JIANGUO',
  exporterTitle: 'EXPORT MANAGER',
} as const;

export interface LineItem {
  /** HS 2022 subheading (checked against shared/data/hs/harmonized-system-2022). */
  hs: string;
  description: string;
  spec: string;
  quantity: number;
  unit: 'PCS';
  /** USD per piece, FOB Ningbo. */
  unitPrice: number;
  cartons: number;
  pcsPerCarton: number;
  /** Net and gross kg per carton (carton + inner bags weigh the difference). */
  netPerCarton: number;
  grossPerCarton: number;
  /** Carton outer size in cm. */
  cartonCm: [number, number, number];
  originCriterion: string;
}

export const items: LineItem[] = [
  {
    hs: '7318.15',
    description: 'HEXAGON HEAD BOLTS, STEEL',
    spec: 'DIN 933 M12X50, GRADE 8.8, ZINC PLATED',
    quantity: 60_000,
    unit: 'PCS',
    unitPrice: 0.078,
    cartons: 150,
    pcsPerCarton: 400,
    netPerCarton: 22.12,
    grossPerCarton: 22.72,
    cartonCm: [36, 24, 16],
    originCriterion: 'RVC 52%',
  },
  {
    hs: '7318.16',
    description: 'HEXAGON NUTS, STEEL',
    spec: 'DIN 934 M12, GRADE 8, ZINC PLATED',
    quantity: 80_000,
    unit: 'PCS',
    unitPrice: 0.024,
    cartons: 80,
    pcsPerCarton: 1_000,
    netPerCarton: 16.7,
    grossPerCarton: 17.2,
    cartonCm: [30, 20, 14],
    originCriterion: 'RVC 48%',
  },
  {
    hs: '7318.22',
    description: 'FLAT WASHERS, STEEL',
    spec: 'DIN 125-A M12 (13X24X2.5), ZINC PLATED',
    quantity: 100_000,
    unit: 'PCS',
    unitPrice: 0.0085,
    cartons: 25,
    pcsPerCarton: 4_000,
    netPerCarton: 25.08,
    grossPerCarton: 25.58,
    cartonCm: [34, 24, 14],
    originCriterion: 'CTH',
  },
  {
    hs: '7318.21',
    description: 'SPRING LOCK WASHERS, STEEL',
    spec: 'DIN 127-B M12, ZINC PLATED',
    quantity: 50_000,
    unit: 'PCS',
    unitPrice: 0.0065,
    cartons: 10,
    pcsPerCarton: 5_000,
    netPerCarton: 15.5,
    grossPerCarton: 16.0,
    cartonCm: [30, 20, 12],
    originCriterion: 'CTH',
  },
];

// ---------------------------------------------------------------------------
// Derived figures (computed in cents / grams so rounding never makes them disagree)

export const amountCents = (it: LineItem) => Math.round(it.quantity * it.unitPrice * 100);
export const netKg = (it: LineItem) => Math.round(it.cartons * it.netPerCarton * 100) / 100;
export const grossKg = (it: LineItem) => Math.round(it.cartons * it.grossPerCarton * 100) / 100;

export const totals = {
  cartons: items.reduce((s, it) => s + it.cartons, 0),
  pieces: items.reduce((s, it) => s + it.quantity, 0),
  amountCents: items.reduce((s, it) => s + amountCents(it), 0),
  netKg: Math.round(items.reduce((s, it) => s + netKg(it) * 100, 0)) / 100,
  grossKg: Math.round(items.reduce((s, it) => s + grossKg(it) * 100, 0)) / 100,
  cbm: Math.round(items.reduce((s, it) => s + it.cartons * (it.cartonCm[0] * it.cartonCm[1] * it.cartonCm[2]) / 1e6, 0) * 1000) / 1000,
};

/** Carton number ranges, in item order: 1-150, 151-230, ... */
export function cartonRanges(): [number, number][] {
  let next = 1;
  return items.map((it) => {
    const range: [number, number] = [next, next + it.cartons - 1];
    next += it.cartons;
    return range;
  });
}

// ---------------------------------------------------------------------------
// Formatting

export const money = (cents: number) =>
  (cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const kg = (v: number) => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const int = (v: number) => v.toLocaleString('en-US');
export const unitPrice = (v: number) => v.toFixed(4);

const ONES = ['', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE', 'TEN', 'ELEVEN', 'TWELVE', 'THIRTEEN', 'FOURTEEN', 'FIFTEEN', 'SIXTEEN', 'SEVENTEEN', 'EIGHTEEN', 'NINETEEN'];
const TENS = ['', '', 'TWENTY', 'THIRTY', 'FORTY', 'FIFTY', 'SIXTY', 'SEVENTY', 'EIGHTY', 'NINETY'];

function below1000(n: number): string {
  const parts: string[] = [];
  if (n >= 100) parts.push(`${ONES[Math.floor(n / 100)]} HUNDRED`);
  const rest = n % 100;
  if (rest > 0) {
    const words = rest < 20 ? ONES[rest]! : `${TENS[Math.floor(rest / 10)]}${rest % 10 ? `-${ONES[rest % 10]}` : ''}`;
    parts.push(n >= 100 ? `AND ${words}` : words);
  }
  return parts.join(' ');
}

/** 7775 -> "SEVEN THOUSAND SEVEN HUNDRED AND SEVENTY-FIVE" (as invoices spell totals). */
export function inWords(n: number): string {
  if (n === 0) return 'ZERO';
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const parts: string[] = [];
  if (thousands > 0) parts.push(`${below1000(thousands)} THOUSAND`);
  if (rest > 0) parts.push(rest < 100 && thousands > 0 ? `AND ${below1000(rest)}` : below1000(rest));
  return parts.join(' ');
}

export function amountInWords(cents: number): string {
  const dollars = Math.floor(cents / 100);
  const c = cents % 100;
  return `SAY US DOLLARS ${inWords(dollars)}${c ? ` AND CENTS ${inWords(c)}` : ''} ONLY.`;
}
