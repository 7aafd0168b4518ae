/**
 * One shipment, drawn from a seed: parties, goods, money, dates, transport. Every document of a
 * shipment (its C/O, invoice, packing list, bill of lading) is rendered from the same record,
 * so documents generated with the same seed agree with each other (what cross-checks test).
 */
import type { FormType } from '../contract/fields.ts';
import { addDays, CURRENCIES, DATE_STYLES, type DateStyle, type NumberConvention, randomDate } from './format.ts';
import { sampleGoods } from './hs.ts';
import { AIRLINES, ASEAN, COUNTRIES, EU, type Lang, makeParty, PACKAGE_KINDS, type Party, VESSELS } from './pools.ts';
import { Rng } from './rng.ts';

export type CorpusForm = Exclude<FormType, 'other'>;

export interface GoodsItem {
  hs: string; // NNNN.NN
  description: string;
  packages: number;
  packageKind: string;
  grossCenti: number; // kg × 100
  netCenti: number;
  fobMinor: number;
  /** Origin criterion as printed, and as normalised. */
  criterionPrinted: string;
  criterion: string;
  unit: string;
  quantity: number;
}

export interface InvoiceLine {
  goodsIndex: number;
  description: string;
  hs: string;
  hsPrinted: string;
  quantity: number;
  unit: string;
  priceMinor: number;
  amountMinor: number;
}

export interface Shipment {
  seed: number;
  form: CorpusForm;
  lang: Lang;
  exporter: Party;
  consignee: Party;
  exportCountry: string;
  importCountry: string;
  referenceNo: string; // as printed
  invoiceNo: string;
  invoiceDate: string;
  departureDate: string;
  certDate: string;
  declarationDate: string;
  dateStyle: DateStyle;
  certDateStyle: DateStyle;
  conv: NumberConvention;
  currency: string;
  currencyPrefix: string;
  incoterm: string;
  incotermPrinted: string;
  mode: 'SEA' | 'AIR';
  vessel: string; // vessel + voyage, or flight
  portLoading: string;
  portDischarge: string;
  goods: GoodsItem[];
  lines: InvoiceLine[];
  totalMinor: number;
  totalQuantity: number;
  grossCenti: number;
  netCenti: number;
  packages: number;
  marks: string[];
  authority: string;
  certPlace: string;
  blNo: string;
  valueFace: 'helv' | 'courier' | 'times';
  upperDates: boolean;
}

const RCEP_MEMBERS = ['CN', 'KR', 'JP', 'AU', 'NZ', ...ASEAN];
const GSP_EXPORTERS = ['KH', 'LA', 'MM', 'VN', 'ID', 'PH'];
const GSP_IMPORTERS = ['JP', 'NO', 'CH', 'AU', 'NZ', 'CA', 'TR'];
const WORLD = ['US', 'DE', 'NL', 'AE', 'IN', 'GB', 'AU', 'JP', 'FR', 'CA', 'IT', 'SG', 'TH', 'VN', 'MY'];
const SOURCES = ['CN', 'KR', 'VN', 'TH', 'MY', 'ID', 'SG', 'PH'];

/** Languages a form can carry (the party in China or Korea written in Chinese or Korean). */
export const FORM_LANGS: Record<CorpusForm, Lang[]> = {
  co_form_e: ['en', 'zh'],
  co_form_ak: ['en', 'ko'],
  co_eur1: ['en'],
  co_rcep: ['en', 'ko', 'zh'],
  co_gsp_form_a: ['en'],
  co_generic: ['en', 'ko', 'zh'],
  commercial_invoice: ['en', 'ko', 'zh'],
  packing_list: ['en', 'ko', 'zh'],
  bill_of_lading: ['en', 'ko', 'zh'],
};

function countries(rng: Rng, form: CorpusForm, lang: Lang): [string, string] {
  const other = (pool: string[], not: string) => rng.pick(pool.filter((c) => c !== not));
  const home = lang === 'zh' ? 'CN' : lang === 'ko' ? 'KR' : null;
  switch (form) {
    case 'co_form_e':
      if (home || rng.chance(0.55)) return ['CN', rng.pick(ASEAN)];
      return [rng.pick(ASEAN), 'CN'];
    case 'co_form_ak':
      if (home ? rng.chance(0.75) : rng.chance(0.5)) return ['KR', rng.pick(ASEAN)];
      return [rng.pick(ASEAN), 'KR'];
    case 'co_rcep': {
      if (home) return rng.chance(0.75) ? [home, other(RCEP_MEMBERS, home)] : [other(RCEP_MEMBERS, home), home];
      const a = rng.pick(RCEP_MEMBERS);
      return [a, other(RCEP_MEMBERS, a)];
    }
    case 'co_eur1':
      return ['VN', rng.pick(EU)];
    case 'co_gsp_form_a':
      return [rng.pick(GSP_EXPORTERS), rng.pick(GSP_IMPORTERS)];
    default: {
      const a = home ?? rng.pick(SOURCES);
      return [a, other(WORLD, a)];
    }
  }
}

function criterion(rng: Rng, form: CorpusForm, importCountry: string, hs: string): [string, string] {
  const rvc = rng.int(40, 78);
  const heading = `${hs.slice(0, 2)}.${hs.slice(2, 4)}`;
  switch (form) {
    case 'co_form_e':
      return rng.weighted<[string, string]>([
        [['WO', 'WO'], 2],
        [['PE', 'PE'], 2],
        [[rng.pick([`RVC ${rvc}%`, `RVC${rvc}%`, `${rvc}%`]), `RVC ${rvc}%`], 4],
        [['CTH', 'CTH'], 2],
        [['PSR', 'PSR'], 1],
      ]);
    case 'co_form_ak':
      return rng.weighted<[string, string]>([
        [['WO', 'WO'], 2],
        [['PE', 'PE'], 2],
        [[rng.pick([`RVC ${rvc}%`, `RVC${rvc}%`, `RVC ${rvc} %`]), `RVC ${rvc}%`], 4],
        [['CTH', 'CTH'], 2],
        [['CTSH', 'CTSH'], 1],
        [['CC', 'CC'], 1],
      ]);
    case 'co_rcep':
      return rng.weighted<[string, string]>([
        [['WO', 'WO'], 2],
        [['PE', 'PE'], 2],
        [['CTC', 'CTC'], 3],
        [['RVC', 'RVC'], 4],
        [['ACU', 'ACU'], 1],
        [['DMI', 'DMI'], 1],
      ]);
    case 'co_gsp_form_a':
      if (importCountry === 'CA') return rng.chance(0.5) ? ['F', 'F'] : ['G', 'G'];
      return rng.chance(0.5)
        ? [rng.pick(['"P"', 'P']), 'P']
        : [rng.pick([`"W" ${heading}`, `W ${heading}`, `W${heading}`, `W ${hs.slice(0, 4)}`]), `W ${heading}`];
    default:
      return ['', ''];
  }
}

const VARIANTS = ['MODEL HX-120', 'MODEL HX-240', 'SIZE S', 'SIZE M', 'SIZE L', 'TYPE A', 'TYPE B', 'GRADE 1', 'GRADE 2', 'COLOR BLACK', 'COLOR WHITE', 'ART. NO. 4410', 'ART. NO. 4420', 'STYLE 2026-07'];

function invoiceNo(rng: Rng, party: Party, year: string): string {
  const initials = party.name.replace(/[^A-Z ]/g, '').split(' ').filter(Boolean).slice(0, 3).map((w) => w[0]).join('') || 'EX';
  return rng.pick([
    `${initials}-${year}-${String(rng.int(1, 9999)).padStart(4, '0')}`,
    `INV${year.slice(2)}${String(rng.int(1, 99999)).padStart(5, '0')}`,
    `${initials}${year.slice(2)}/${String(rng.int(1, 999)).padStart(3, '0')}`,
    `${year}-${party.country}-${String(rng.int(1, 9999)).padStart(4, '0')}`,
    `CI-${initials}${rng.int(100000, 999999)}`,
  ]);
}

function referenceNo(rng: Rng, form: CorpusForm, exp: string, year: string): string {
  const yy = year.slice(2);
  const d = (n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join('');
  switch (form) {
    case 'co_form_e':
      return exp === 'CN' ? `E${yy}${d(4)}${d(9)}` : rng.pick([`${exp}${yy}E${d(7)}`, `${exp}-CN ${yy}/${d(2)}/${d(5)}`]);
    case 'co_form_ak':
      return exp === 'KR' ? rng.pick([`AK${yy}-${d(6)}`, `${yy}${d(5)}AK${d(6)}`]) : `${exp}${yy}AK${d(6)}`;
    case 'co_rcep':
      return exp === 'CN' ? `R${yy}${d(4)}${d(9)}` : exp === 'KR' ? `${yy}RC${d(7)}` : `${exp}RCEP${yy}${d(6)}`;
    case 'co_eur1':
      return rng.pick([`VN ${d(7)}`, `A ${d(6)}`]);
    case 'co_gsp_form_a':
      return rng.pick([`${exp}${yy}A${d(6)}`, `${year}/${exp}/A/${d(6)}`]);
    case 'co_generic':
      return rng.pick([`CO-${yy}-${d(6)}`, `${exp}CO${year}${d(5)}`, `${d(4)}-${d(6)}`]);
    case 'bill_of_lading':
    default:
      return `${rng.pick(['COSU', 'HDMU', 'MAEU', 'ONEY', 'SITU', 'KMTC'])}${d(10)}`;
  }
}

/** The shipment behind a seed (the same seed gives the same shipment whatever is rendered). */
export function makeShipment(seed: number, form: CorpusForm, requestedLang: Lang): Shipment {
  const lang = FORM_LANGS[form].includes(requestedLang) ? requestedLang : 'en';
  const rng = new Rng(seed);
  const [exp, imp] = countries(rng.fork(1), form, lang);
  const pr = rng.fork(2);
  const exporter = makeParty(pr, exp, lang === 'ko' && exp === 'KR' ? 'ko' : lang === 'zh' && exp === 'CN' ? 'zh' : 'en');
  const consignee = makeParty(pr, imp, lang === 'ko' && imp === 'KR' ? 'ko' : lang === 'zh' && imp === 'CN' ? 'zh' : 'en');

  const dr = rng.fork(3);
  const invoiceDate = randomDate(dr);
  const departureDate = addDays(invoiceDate, dr.int(2, 12));
  const certDate = addDays(departureDate, dr.weighted([[-2, 1], [-1, 2], [0, 4], [1, 2], [3, 1]] as const));
  const declarationDate = addDays(certDate, dr.chance(0.7) ? 0 : -1);
  const zhDates = lang === 'zh' && (form === 'commercial_invoice' || form === 'packing_list');
  const koDates = lang === 'ko' && (form === 'commercial_invoice' || form === 'packing_list');
  const dateStyle: DateStyle = zhDates && dr.chance(0.5) ? 'zh' : koDates && dr.chance(0.5) ? 'ko' : dr.pick(DATE_STYLES);
  const certDateStyle: DateStyle = dr.chance(0.7) ? (dateStyle === 'zh' || dateStyle === 'ko' ? 'iso' : dateStyle) : dr.pick(DATE_STYLES);

  const mr = rng.fork(4);
  const euSide = EU.includes(imp) || EU.includes(exp);
  let currency = 'USD';
  if (euSide && mr.chance(0.7)) currency = 'EUR';
  else if ((exp === 'CN' || imp === 'CN') && mr.chance(0.15)) currency = 'CNY';
  else if ((exp === 'KR' || imp === 'KR') && mr.chance(0.12)) currency = 'KRW';
  else if ((exp === 'JP' || imp === 'JP') && mr.chance(0.2)) currency = 'JPY';
  else if ((exp === 'SG' || imp === 'SG') && mr.chance(0.2)) currency = 'SGD';
  else if ((exp === 'AU' || imp === 'AU') && mr.chance(0.2)) currency = 'AUD';
  const cur = CURRENCIES[currency]!;
  let conv: NumberConvention = 'dot';
  if (cur.decimals > 0 && (euSide ? mr.chance(0.6) : ['ID', 'VN', 'TR'].includes(exp) ? mr.chance(0.25) : mr.chance(0.06))) conv = 'comma';
  const currencyPrefix = mr.pick(cur.prefixes);

  const tr = rng.fork(5);
  const mode: 'SEA' | 'AIR' = tr.chance(0.85) ? 'SEA' : 'AIR';
  const portLoading = mode === 'SEA' ? exporter.port : `${exporter.city} AIRPORT`;
  const portDischarge = mode === 'SEA' ? consignee.port : `${consignee.city} AIRPORT`;
  const vessel =
    mode === 'SEA'
      ? `${tr.pick(VESSELS)} V.${String(tr.int(1, 999)).padStart(3, '0')}${tr.pick(['E', 'W', 'N', 'S'])}`
      : `FLIGHT ${tr.pick(AIRLINES)}${tr.int(100, 999)}`;
  const incoterm = tr.weighted([['FOB', 40], ['CIF', 20], ['CFR', 10], ['EXW', 5], ['FCA', 10], ['DAP', 8], ['DDP', 4], ['CPT', 3]] as const);
  const namedPlace = ['FOB', 'FCA', 'EXW'].includes(incoterm) ? portLoading : portDischarge;
  const incotermPrinted = tr.pick([
    `${incoterm} ${namedPlace}`,
    `${incoterm} ${namedPlace}`,
    `${incoterm} ${namedPlace} INCOTERMS 2020`,
    `${incoterm} ${namedPlace}, ${COUNTRIES[['FOB', 'FCA', 'EXW'].includes(incoterm) ? exp : imp]!.names[0]}`,
  ]);

  // Goods: 1–3 kinds (one C/O item each), 2–8 invoice lines.
  const gr = rng.fork(6);
  const nLines = gr.int(2, 8);
  const nGoods = Math.min(nLines, gr.weighted([[1, 4], [2, 3], [3, 2]] as const));
  const priceFactor = currency === 'KRW' ? 13 : currency === 'JPY' ? 1.5 : currency === 'CNY' ? 7.2 : currency === 'EUR' ? 0.92 : 1;
  const goods: GoodsItem[] = [];
  for (let g = 0; g < nGoods; g++) {
    const s = sampleGoods(gr);
    const [printed, norm] = criterion(gr, form, imp, s.hs);
    const grossCenti = gr.int(2_000, 1_500_000);
    goods.push({
      hs: s.hs,
      description: s.description,
      packages: gr.int(1, 800),
      packageKind: gr.pick(PACKAGE_KINDS),
      grossCenti,
      netCenti: Math.round(grossCenti * gr.float(0.85, 0.95)),
      fobMinor: 0,
      criterionPrinted: printed,
      criterion: norm,
      unit: s.unit,
      quantity: 0,
    });
  }
  const lines: InvoiceLine[] = [];
  const variants = gr.shuffle(VARIANTS);
  for (let i = 0; i < nLines; i++) {
    const goodsIndex = i < nGoods ? i : gr.int(0, nGoods - 1);
    const g = goods[goodsIndex]!;
    const quantity = gr.int(1, g.unit === 'KGS' ? 20000 : 3000);
    const baseCents = g.unit === 'UNITS' ? gr.int(2_000, 90_000) : g.unit === 'KGS' ? gr.int(40, 1500) : gr.int(30, 9_000);
    const priceMinor = Math.max(1, Math.round(baseCents * priceFactor));
    const hsPrinted = gr.weighted<string>([
      [g.hs, 5],
      [g.hs.replace('.', ''), 2],
      [`${g.hs}.${String(gr.int(0, 99)).padStart(2, '0')}`, 2],
      [`${g.hs.replace('.', '')}${String(gr.int(0, 9999)).padStart(4, '0')}`, 1],
    ]);
    lines.push({
      goodsIndex,
      description: `${g.description.length > 38 ? g.description.split(',')[0]!.slice(0, 38).trim() : g.description} ${variants[i % variants.length]}`,
      hs: g.hs,
      hsPrinted,
      quantity,
      unit: g.unit,
      priceMinor,
      amountMinor: quantity * priceMinor,
    });
    g.quantity += quantity;
    g.fobMinor += quantity * priceMinor;
  }
  for (const g of goods) if (!['FOB', 'FCA', 'EXW'].includes(incoterm)) g.fobMinor = Math.round(g.fobMinor * 0.94);
  const totalMinor = lines.reduce((s, l) => s + l.amountMinor, 0);
  const totalQuantity = lines.reduce((s, l) => s + l.quantity, 0);

  const xr = rng.fork(7);
  const year = invoiceDate.slice(0, 4);
  const initials = exporter.name.replace(/[^A-Z ]/g, '').split(' ').filter(Boolean).slice(0, 2).map((w) => w.slice(0, 2)).join('') || 'EXP';
  const marks = xr.chance(0.3)
    ? ['N/M']
    : [`${initials}/${consignee.port.split(' ')[0]}`, `C/NO. 1-${goods.reduce((s, g) => s + g.packages, 0)}`, ...(xr.chance(0.5) ? [`MADE IN ${COUNTRIES[exp]!.names[0]}`] : [])];
  const info = COUNTRIES[exp]!;
  const authority = form === 'co_generic' ? xr.pick([info.chamber, ...info.authorities.slice(0, 1)]) : xr.pick(info.authorities);
  const cityName = exporter.lang === 'en' ? exporter.city : info.cities[0]!.city;
  const certPlace = xr.pick([cityName, `${cityName}, ${info.names[0]}`]);

  return {
    seed,
    form,
    lang,
    exporter,
    consignee,
    exportCountry: exp,
    importCountry: imp,
    referenceNo: referenceNo(xr, form, exp, year),
    invoiceNo: invoiceNo(xr, exporter, year),
    invoiceDate,
    departureDate,
    certDate,
    declarationDate,
    dateStyle,
    certDateStyle,
    conv,
    currency,
    currencyPrefix,
    incoterm,
    incotermPrinted,
    mode,
    vessel,
    portLoading,
    portDischarge,
    goods,
    lines,
    totalMinor,
    totalQuantity,
    grossCenti: goods.reduce((s, g) => s + g.grossCenti, 0),
    netCenti: goods.reduce((s, g) => s + g.netCenti, 0),
    packages: goods.reduce((s, g) => s + g.packages, 0),
    marks,
    authority,
    certPlace,
    blNo: referenceNo(xr, 'bill_of_lading', exp, year),
    valueFace: xr.weighted([['helv', 5], ['courier', 3], ['times', 2]] as const),
    upperDates: xr.chance(0.5),
  };
}
