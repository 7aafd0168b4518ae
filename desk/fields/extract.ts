/**
 * extractRecord(pages) → DocumentRecord: classify the document, read it with the form's
 * template (or the generic label/value and table reader), normalise every value and give each
 * field a status, a confidence, its page and its box. Never throws: empty pages, garbage,
 * upside-down or mixed-language text all end as per-field statuses.
 */
import {
  CO_FIELDS, DocumentRecord, type ExtractedField, FIELD_KEYS, type FieldKey, type FormType, INVOICE_FIELDS, type LineItem, type PageText,
} from '../../contract/fields.ts';
import { classify, type Classification } from './classify.ts';
import { correctCjkPlaces, correctFromDocument, correctPhrases, documentWords, joinSplitWords, PACKAGE_WORDS, withoutSpeckDots } from './consensus.ts';
import { countryPhrases, countryWords } from './countries.ts';
import { reconcileCartonNumbers, reconcileCount } from './counts.ts';
import { extractGeneric } from './generic.ts';
import { loadHsNomenclature } from './hs.ts';
import { cjkPlaceNames, placePhrases, placeWords } from './places.ts';
import { commaBeforeCountry, detectDateOrder, detectNumberConvention, latestDate, normaliseParty, correctMarksPort, restoreMarksSlash } from './normalise.ts';
import { amended, applyTemplate, type DocContext, type Reading } from './template.ts';
import { TEMPLATES } from './templates/index.ts';
import { deskew, estimateSkew, groupLines, pageTokens, type Token, tokensBox } from './text.ts';
import { tradeWords } from './vocabulary.ts';

/** The fields each form carries (what a record of that form lists, found or not). */
export const FORM_FIELDS: Record<FormType, readonly FieldKey[]> = {
  co_form_e: CO_FIELDS,
  co_form_ak: CO_FIELDS,
  co_rcep: CO_FIELDS,
  co_gsp_form_a: CO_FIELDS.filter((k) => k !== 'fob_value'),
  co_eur1: CO_FIELDS.filter((k) => !['fob_value', 'origin_criterion', 'departure_date'].includes(k)),
  co_generic: CO_FIELDS.filter((k) => !['fob_value', 'origin_criterion'].includes(k)),
  commercial_invoice: INVOICE_FIELDS,
  packing_list: ['invoice_no', 'invoice_date', 'seller', 'buyer', 'total_quantity', 'gross_weight'],
  bill_of_lading: ['reference_no', 'exporter', 'consignee', 'departure_date', 'gross_weight_quantity'],
  other: FIELD_KEYS as readonly FieldKey[],
};

export interface ExtractOptions {
  /** Skip classification (the officer set the form). */
  form?: FormType;
}

interface Prepared {
  page: PageText;
  tokens: Token[];
}

function prepare(pages: PageText[]): Prepared[] {
  const out: Prepared[] = [];
  for (const [i, p] of (Array.isArray(pages) ? pages : []).entries()) {
    if (!p || typeof p !== 'object') continue;
    const page: PageText = {
      index: Number.isInteger(p.index) && p.index >= 0 ? p.index : i,
      width: Number.isFinite(p.width) && p.width > 0 ? p.width : 2481,
      height: Number.isFinite(p.height) && p.height > 0 ? p.height : 3508,
      dpi: Number.isFinite(p.dpi) && p.dpi > 0 ? p.dpi : 300,
      source: p.source === 'ocr' ? 'ocr' : 'pdf-text-layer',
      words: Array.isArray(p.words) ? p.words : [],
    };
    const tokens = pageTokens(page);
    deskew(tokens, estimateSkew(tokens), page.width / 2, page.height / 2);
    out.push({ page, tokens });
  }
  return out;
}

const round2 = (v: number) => Math.round(Math.max(0, Math.min(1, v)) * 100) / 100;

function toField(key: FieldKey, r: Reading | undefined, quality: number, classConf: number): ExtractedField {
  if (!r || (!r.value && !r.raw.trim())) {
    return { key, value: null, raw: r?.raw ?? '', confidence: 0, page: null, box: null, status: 'missing', ...(r?.note && r.note !== 'empty' ? { note: r.note } : {}) };
  }
  const tokenConf = r.tokens.length ? r.tokens.reduce((s, t) => s + t.conf, 0) / r.tokens.length : 0.5;
  const box = tokensBox(r.tokens);
  const page = r.tokens[0]?.page ?? null;
  if (!r.value || !r.ok) {
    return {
      key,
      value: r.value,
      raw: r.raw,
      confidence: round2(tokenConf * quality * 0.5),
      page,
      box,
      status: 'invalid',
      note: r.note && r.note !== 'empty' ? r.note : `"${r.raw.slice(0, 80)}" could not be read as ${key.replace(/_/g, ' ')}`,
    };
  }
  const confidence = round2(tokenConf * quality * (r.uncertain ? 0.7 : 1) * (0.6 + 0.4 * classConf));
  const weakOcr = tokenConf < 0.75;
  const status = r.uncertain || weakOcr || quality < 0.7 ? 'low_confidence' : 'ok';
  const note = r.note ?? (weakOcr ? `OCR confidence ${Math.round(tokenConf * 100)}%` : quality < 0.7 ? 'few layout anchors found on the page' : undefined);
  return { key, value: r.value, raw: r.raw, confidence, page, box, status, ...(note ? { note } : {}) };
}

function emptyRecord(form: FormType = 'other', note?: string): DocumentRecord {
  return {
    form,
    formConfidence: 0,
    fields: FORM_FIELDS[form].map((key) => ({ key, value: null, raw: '', confidence: 0, page: null, box: null, status: 'missing' as const, ...(note ? { note } : {}) })),
    lineItems: [],
  };
}

/** Shipping marks name the port of destination: the route and consignee say which words are places. */
function restoreMarks(readings: Map<FieldKey, Reading>): void {
  const marks = readings.get('marks_numbers');
  if (!marks?.value) return;
  const places = (['transport_route', 'consignee', 'import_country'] as const).map((k) => readings.get(k)?.value ?? '');
  const slashed = restoreMarksSlash(marks.value, places);
  const fixed = correctMarksPort(slashed, places);
  if (fixed === marks.value) return;
  const notes = [...(slashed !== marks.value ? ['the slash before the port put back'] : []), ...(fixed !== slashed ? ['the port read as the document names it elsewhere'] : [])];
  const note = `read "${marks.value}": ${notes.join('; ')}`;
  readings.set('marks_numbers', amended(marks, note, fixed));
}

const PARTIES: ReadonlySet<FieldKey> = new Set(['exporter', 'consignee', 'seller', 'buyer']);

/** Fields whose words the document repeats elsewhere (names, places, goods). */
const REPEATED_WORDS: FieldKey[] = ['exporter', 'consignee', 'seller', 'buyer', 'transport_route', 'certification_place', 'issuing_authority', 'goods_description'];

/** A word OCR bent in one field put right from a surer reading elsewhere (see consensus.ts). */
function correctBentWords(readings: Map<FieldKey, Reading>, tokens: Token[]): void {
  const seen = documentWords(tokens);
  const hsWords = loadHsNomenclature()?.words;
  const open = [placeWords(), tradeWords()];
  const closed = [countryWords()];
  const goodsClosed = [...closed, PACKAGE_WORDS, ...(hsWords ? [hsWords] : [])];
  const names = [...placePhrases(), ...countryPhrases()];
  for (const k of REPEATED_WORDS) {
    const r = readings.get(k);
    if (!r?.value || !r.ok) continue;
    const goods = k === 'goods_description';
    const joined = joinSplitWords(r.value, r.tokens, [...open, ...closed]);
    const phrase = correctPhrases(joined.value, r.tokens, names);
    const latin = correctFromDocument(phrase.value, r.tokens, seen, open, goods ? goodsClosed : closed);
    // a name is nearer once its words are put right ("FEDLRAL REPUBLIC OI GERMANY")
    const again = latin.changes.length ? correctPhrases(latin.value, r.tokens, names) : { value: latin.value, changes: [] };
    const c = correctCjkPlaces(again.value, r.tokens, cjkPlaceNames());
    const specks = goods ? { value: c.value, changes: [] } : withoutSpeckDots(c.value, [...open, ...closed]);
    const changes = [...joined.changes, ...specks.changes, ...phrase.changes, ...latin.changes, ...again.changes, ...c.changes];
    if (!changes.length) continue;
    const note = `${changes.join(', ')}: taken for misreadings of words read surely elsewhere on the document or of known places, trade words${goods ? ' or HS nomenclature words' : ' or country names'}`;
    // a party's punctuation repairs may only apply to the corrected words ("CO,, TTD." → "CO,, LTD.")
    const value = PARTIES.has(k) ? (normaliseParty(specks.value).value ?? specks.value) : specks.value;
    readings.set(k, amended(r, note, value));
  }
}

/** Digits OCR reads a year's last two digits as (a 5 as 6, an 8 as 3, a 2 as 7…), and back. */
const YEAR_DIGIT_LOOKALIKES: Record<string, string[]> = { '0': ['8', '9'], '3': ['8'], '5': ['6'], '6': ['5', '8'], '7': ['2', '1'], '8': ['3', '6', '9', '0'], '9': ['8', '0'] };

/** An ISO date with one of its year's last two digits (decade or year) replaced by a lookalike, every way, valid dates only. */
const yearMisreadings = (iso: string): string[] =>
  [2, 3].flatMap((at) => (YEAR_DIGIT_LOOKALIKES[iso[at]!] ?? []).map((d) => `${iso.slice(0, at)}${d}${iso.slice(at + 1)}`)).filter((d) => !Number.isNaN(Date.parse(d)));

/**
 * A certificate certifies goods already invoiced: an invoice date after the certification date
 * whose year's last digit or decade OCR misread ("06/01/2026" printed 2025, certified 2025-01-13;
 * "2076") takes the one lookalike digit that puts it within the year before certification,
 * flagged for review.
 */
function invoiceYearBeforeCertification(readings: Map<FieldKey, Reading>): void {
  const inv = readings.get('invoice_date');
  const cert = readings.get('certification_date')?.value;
  if (!inv?.value || !cert || inv.value <= cert) return;
  const yearBefore = `${Number(cert.slice(0, 4)) - 1}${cert.slice(4)}`;
  const fits = yearMisreadings(inv.value).filter((iso) => iso <= cert && iso >= yearBefore);
  if (fits.length !== 1) return;
  const note = `read ${inv.value}, after the certification date ${cert}: the year's last digit taken as misread`;
  readings.set('invoice_date', amended(inv, note, fits[0]!));
}

const daysBetween = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;

/**
 * Goods leave about when their certificate is issued (before it, or within days after: issued
 * retroactively or in advance). A departure date half a year or more from the certification date
 * whose year's digit OCR misread ("10 SEP 2026" for 2025, certified 2025-09-08) takes the one
 * lookalike digit that puts it within a quarter year of certification, flagged for review.
 */
function departureYearNearCertification(readings: Map<FieldKey, Reading>): void {
  const dep = readings.get('departure_date');
  const cert = readings.get('certification_date')?.value;
  if (!dep?.value || !cert || !/^\d{4}-\d\d-\d\d$/.test(cert) || daysBetween(dep.value, cert) < 183) return;
  const fits = yearMisreadings(dep.value).filter((iso) => daysBetween(iso, cert) <= 92);
  if (fits.length !== 1) return;
  const note = `read ${dep.value}, a half year or more from the certification date ${cert}: the year's digit taken as misread`;
  readings.set('departure_date', amended(dep, note, fits[0]!));
}

/**
 * A document is not dated years ahead: a date more than a year after today whose year's decade or
 * last digit OCR misread ("2074-08-28" for 2024) takes the lookalike digit that puts it latest up
 * to today (a document at the desk is recent), flagged for review. `today` is the desk's clock.
 */
function noDateYearsAhead(readings: Map<FieldKey, Reading>, today = new Date()): void {
  const limit = `${today.getUTCFullYear() + 1}${today.toISOString().slice(4, 10)}`;
  const now = today.toISOString().slice(0, 10);
  for (const k of ['invoice_date', 'certification_date', 'departure_date'] as const) {
    const r = readings.get(k);
    if (!r?.value || !/^\d{4}-\d\d-\d\d$/.test(r.value) || r.value <= limit) continue;
    const fits = yearMisreadings(r.value)
      .filter((iso) => iso <= now)
      .sort()
      .reverse();
    if (!fits.length) continue;
    const note = `read ${r.value}, years ahead of today: the year's digit taken as misread`;
    readings.set(k, amended(r, note, fits[0]!));
  }
}

/**
 * The certifying body and place as written: CCPIT's local bodies are sub-councils (the hyphen OCR
 * lost: "CCPIT SHANGHAI SUB COUNCIL"); a closing bracket no other opens after the place is a
 * stamp's edge or a speck ("JOHOR BAHRU), 08 SEP 2025"); a comma before the place's country.
 */
function finishCertification(readings: Map<FieldKey, Reading>): void {
  const authority = readings.get('issuing_authority');
  if (authority?.value) readings.set('issuing_authority', { ...authority, value: authority.value.replace(/\bSUB[\s.]+COUNCIL\b/, 'SUB-COUNCIL') });
  const place = readings.get('certification_place');
  if (place?.value) readings.set('certification_place', { ...place, value: commaBeforeCountry(place.value.replace(/^([^(]*?)\s*\)$/, '$1')) });
}

/**
 * The package count the goods description states in words and in figures, and the shipping marks'
 * last carton number, put right from each other where one is a misreading (counts.ts).
 */
function reconcilePackageCount(readings: Map<FieldKey, Reading>): void {
  const goods = readings.get('goods_description');
  if (!goods?.value) return;
  const c = reconcileCount(goods.value);
  if (c.changes.length) {
    const note = `${c.changes.join('; ')}: the count in words and in figures read alike`;
    readings.set('goods_description', amended(goods, note, c.value));
  }
  const marks = readings.get('marks_numbers');
  if (!marks?.value) return;
  const m = reconcileCartonNumbers(marks.value, c.count);
  if (m.change) readings.set('marks_numbers', amended(marks, m.change, m.value));
}

export function extractRecord(pages: PageText[], opts: ExtractOptions = {}): DocumentRecord {
  try {
    return extractUnsafe(pages, opts);
  } catch (err) {
    // A bug here must not take the desk down: report every field as unread.
    return emptyRecord(opts.form ?? 'other', `extraction failed: ${(err as Error)?.message ?? String(err)}`);
  }
}

function extractUnsafe(pages: PageText[], opts: ExtractOptions): DocumentRecord {
  const prepared = prepare(pages);
  const withText = prepared.filter((p) => p.tokens.length > 0);
  if (withText.length === 0) return emptyRecord(opts.form ?? 'other');

  const cls: Classification = opts.form
    ? { form: opts.form, confidence: 1, scores: {} }
    : classify(withText.map((p) => ({ tokens: p.tokens, height: p.page.height })));
  const form = cls.form;
  const wanted = FORM_FIELDS[form];
  const texts = withText.flatMap((p) => groupLines(p.tokens, 2.2).map((l) => l.text));
  const order = detectDateOrder(texts);
  const ctx: DocContext = { order, convention: detectNumberConvention(texts), latestDate: latestDate(texts, order) };

  let readings = new Map<FieldKey, Reading>();
  let lineItems: LineItem[] = [];
  let quality = 1;
  const tpl = TEMPLATES[form];
  if (tpl) {
    // The page that holds the form (most anchors found).
    let best: ReturnType<typeof applyTemplate> | null = null;
    for (const p of withText.slice(0, 4)) {
      const r = applyTemplate(tpl, p.page, p.tokens, ctx);
      if (!best || r.anchorsFound > best.anchorsFound) best = r;
    }
    readings = best!.readings;
    lineItems = best!.lineItems;
    const share = best!.anchorsFound / Math.max(1, Math.min(10, best!.anchorsTotal));
    quality = best!.anchorsFound >= 6 ? 1 : Math.max(0.4, Math.min(1, share));
    if (best!.anchorsFound < 3) {
      // The layout was not recognised: read what label/value pairs say.
      const g = extractGeneric(withText.map((p) => p.tokens), form, wanted, ctx);
      for (const [k, r] of g.readings) if (!readings.get(k)?.value && r.value) readings.set(k, r);
    }
  } else {
    const g = extractGeneric(withText.map((p) => p.tokens), form, wanted, ctx);
    readings = g.readings;
    lineItems = g.lineItems;
  }
  correctBentWords(readings, withText.flatMap((p) => p.tokens));
  restoreMarks(readings);
  invoiceYearBeforeCertification(readings);
  noDateYearsAhead(readings);
  departureYearNearCertification(readings);
  reconcilePackageCount(readings);
  finishCertification(readings);
  const record: DocumentRecord = {
    form,
    formConfidence: round2(cls.confidence),
    fields: wanted.map((k) => toField(k, readings.get(k), quality, cls.confidence)),
    lineItems,
  };
  const parsed = DocumentRecord.safeParse(record);
  return parsed.success ? parsed.data : emptyRecord(form, `extraction produced an invalid record: ${parsed.error.issues[0]?.message}`);
}
