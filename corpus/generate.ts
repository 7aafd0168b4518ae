/**
 * Labelled trade documents generated from a seed: a born-digital PDF and its truth (form,
 * normalised field values exactly as the extractor must output them, line items, and every
 * word drawn with its box in 300-dpi page pixels).
 *
 *   generateDocument({ seed: 7, form: 'co_form_e', lang: 'zh' })
 *
 * The same seed and form always give the same shipment; on one machine, the same bytes. The
 * shipment depends on the form too (a Form E ships between China and ASEAN), so documents
 * that must agree (a certificate and its invoice) are rendered from one shipment:
 * `generateShipmentDocuments({ seed, form: 'co_form_e' })`.
 * Two things outside the seed change the output, and both are recorded in `truth.env`: the HS
 * nomenclature CSV (goods are sampled from it when present, else from a built-in list) and the
 * CJK fonts (Chinese content needs one; see `cjkFontsAvailable`).
 */
import { PDFDocument } from 'pdf-lib';
import type { FormType } from '../contract/fields.ts';
import { A4, cjkFontsAvailable, embedFonts, FontUnavailableError, MISSING_FONT_HINT, Sheet, type TruthRule, type TruthWord } from './draw.ts';
import { drawAseanFamily } from './forms/asean.ts';
import { drawBillOfLading, drawInvoice, drawPackingList } from './forms/commercial.ts';
import type { Rendered, TruthLineItem } from './forms/common.ts';
import { drawEur1 } from './forms/eur1.ts';
import { drawGenericCo } from './forms/generic-co.ts';
import { drawRcep } from './forms/rcep.ts';
import { hsSource } from './hs.ts';
import type { Lang } from './pools.ts';
import { Rng } from './rng.ts';
import { type CorpusForm, FORM_LANGS, makeShipment, type Shipment } from './shipment.ts';

export { FontUnavailableError, cjkFontsAvailable, FORM_LANGS, makeShipment };
export type { CorpusForm, Lang, Shipment, TruthRule, TruthWord, TruthLineItem };

export const CORPUS_FORMS: readonly CorpusForm[] = [
  'co_form_e',
  'co_form_ak',
  'co_eur1',
  'co_rcep',
  'co_gsp_form_a',
  'co_generic',
  'commercial_invoice',
  'packing_list',
  'bill_of_lading',
] as const;

export interface Truth {
  form: CorpusForm;
  seed: number;
  lang: Lang;
  /** Field values normalised as `extractRecord` must output them (see corpus/README.md). */
  fields: Partial<Record<string, string>>;
  lineItems: TruthLineItem[];
  words: TruthWord[];
  /** Ruled lines of the form (box borders, table rules). */
  rules: TruthRule[];
  pages: { width: number; height: number; dpi: number }[];
  env: { hs: 'nomenclature-csv' | 'builtin'; zhFont: boolean };
}

export interface GeneratedDocument {
  pdf: Uint8Array;
  truth: Truth;
}

export interface GenerateOptions {
  seed: number;
  form: CorpusForm;
  lang?: Lang;
  /** Render this shipment instead of the one the seed gives (tests alter one to plant errors). */
  shipment?: Shipment;
  /** Fixed page transform (form space → page), e.g. { s: 1, ox: 0, oy: 0 } to measure a layout. */
  transform?: { s: number; ox: number; oy: number };
}

const needs = (s: Shipment) => {
  const text = [...s.exporter.lines, ...s.consignee.lines].join(' ');
  return { ko: /[\uac00-\ud7af]/.test(text) || s.lang === 'ko', zh: /[\u4e00-\u9fff]/.test(text) || s.lang === 'zh' || s.form === 'co_form_e' };
};

export async function generateDocument(opts: GenerateOptions): Promise<GeneratedDocument> {
  const shipment = opts.shipment ?? makeShipment(opts.seed, opts.form, opts.lang ?? 'en');
  const form = opts.form;
  const need = needs(shipment);
  const fonts = cjkFontsAvailable();
  if (shipment.lang === 'zh' && !fonts.zh) throw new FontUnavailableError('zh', MISSING_FONT_HINT.zh);
  if (shipment.lang === 'ko' && !fonts.ko) throw new FontUnavailableError('ko', MISSING_FONT_HINT.ko);
  const rng = new Rng(opts.seed * 31 + CORPUS_FORMS.indexOf(form) + 1);
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setProducer('OriginDesk corpus generator');
  doc.setCreationDate(new Date(Date.parse(`${shipment.invoiceDate}T09:00:00Z`)));
  const embedded = await embedFonts(doc, shipment.valueFace, { ko: need.ko && !!fonts.ko, zh: need.zh && !!fonts.zh });
  const page = doc.addPage([A4.w, A4.h]);
  // Forms printed and filled on different printers: a small shift and scale.
  const s = rng.float(0.965, 1.01);
  const tf = { s, ox: ((1 - s) * A4.w) / 2 + rng.float(-9, 9), oy: rng.float(-6, 12) };
  const sheet = new Sheet(doc, page, embedded, opts.transform ?? tf, 0);
  const r = rng.fork(form.length);
  let out: Rendered;
  switch (form) {
    case 'co_form_e':
      out = await drawAseanFamily(sheet, shipment, r, 'E');
      break;
    case 'co_form_ak':
      out = await drawAseanFamily(sheet, shipment, r, 'AK');
      break;
    case 'co_gsp_form_a':
      out = await drawAseanFamily(sheet, shipment, r, 'A');
      break;
    case 'co_rcep':
      out = await drawRcep(sheet, shipment, r);
      break;
    case 'co_eur1':
      out = await drawEur1(sheet, shipment, r);
      break;
    case 'co_generic':
      out = await drawGenericCo(sheet, shipment, r);
      break;
    case 'commercial_invoice':
      out = await drawInvoice(sheet, shipment, r);
      break;
    case 'packing_list':
      out = await drawPackingList(sheet, shipment, r);
      break;
    case 'bill_of_lading':
      out = await drawBillOfLading(sheet, shipment, r);
      break;
  }
  const pdf = await doc.save({ useObjectStreams: false });
  const px = (pt: number) => Math.round((pt * 300) / 72);
  return {
    pdf,
    truth: {
      form,
      seed: opts.seed,
      lang: shipment.lang,
      fields: out.fields,
      lineItems: out.lineItems,
      words: sheet.words,
      rules: sheet.rules,
      pages: [{ width: px(A4.w), height: px(A4.h), dpi: 300 }],
      env: { hs: hsSource(), zhFont: !!fonts.zh },
    },
  };
}

/** Whether `form` is a certificate of origin (for callers that only have a corpus form). */
export const isCoForm = (form: FormType) => form.startsWith('co_');

export interface ShipmentDocuments {
  shipment: Shipment;
  certificate: GeneratedDocument;
  invoice: GeneratedDocument;
  /** Only with `all: true`. */
  packingList?: GeneratedDocument;
  billOfLading?: GeneratedDocument;
}

/**
 * A certificate of origin and the commercial documents of the same shipment, which agree with
 * each other (the invoice number, date, goods, HS codes, weights and FOB values the certificate
 * cites are those of the invoice). Pass `alter` to plant inconsistencies in the invoice only.
 */
export async function generateShipmentDocuments(opts: {
  seed: number;
  form: CorpusForm;
  lang?: Lang;
  alterInvoice?: (s: Shipment) => void;
  /** Also render the packing list and the bill of lading. */
  all?: boolean;
}): Promise<ShipmentDocuments> {
  const shipment = makeShipment(opts.seed, opts.form, opts.lang ?? 'en');
  const invoiceShipment: Shipment = structuredClone(shipment);
  opts.alterInvoice?.(invoiceShipment);
  return {
    shipment,
    certificate: await generateDocument({ seed: opts.seed, form: opts.form, shipment }),
    invoice: await generateDocument({ seed: opts.seed, form: 'commercial_invoice', shipment: invoiceShipment }),
    ...(opts.all
      ? {
          packingList: await generateDocument({ seed: opts.seed, form: 'packing_list', shipment }),
          billOfLading: await generateDocument({ seed: opts.seed, form: 'bill_of_lading', shipment }),
        }
      : {}),
  };
}
