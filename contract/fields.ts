/**
 * Vocabulary of "documents to data": document forms, the fields extracted from each, and the
 * shapes OCR and extraction hand each other. Shared by the desk, the UI, the corpus generator
 * and the benchmark, so a field means the same everywhere.
 */
import { z } from 'zod';

/** Fine classification of a document (the coarse `DocumentKind` is derived from it). */
export const FORM_TYPES = [
  'co_form_e', // ACFTA Form E (ASEAN–China)
  'co_form_ak', // AKFTA Form AK (ASEAN–Korea)
  'co_eur1', // EUR.1 movement certificate
  'co_rcep', // RCEP certificate of origin
  'co_gsp_form_a', // GSP Form A
  'co_generic', // any other certificate of origin (chambers of commerce, CPTPP, …)
  'commercial_invoice',
  'packing_list',
  'bill_of_lading',
  'other',
] as const;
export const FormType = z.enum(FORM_TYPES);
export type FormType = z.infer<typeof FormType>;

export const isCertificateOfOrigin = (form: FormType) => form.startsWith('co_');

/** The coarse document kind an officer sees, from the recognised form. */
export function kindOfForm(form: FormType): 'certificate_of_origin' | 'commercial_invoice' | 'packing_list' | 'bill_of_lading' | 'other' {
  if (isCertificateOfOrigin(form)) return 'certificate_of_origin';
  if (form === 'commercial_invoice' || form === 'packing_list' || form === 'bill_of_lading') return form;
  return 'other';
}

/** Fields of a certificate of origin (the numbered boxes, named by meaning, not by box number). */
export const CO_FIELDS = [
  'reference_no', // C/O number printed top right
  'exporter', // box 1: name and address
  'consignee', // box 2: importer / consignee name and address
  'transport_route', // box 3: means of transport and route
  'departure_date', // box 3: departure date
  'export_country', // country of origin / exporting party
  'import_country', // importing party
  'item_no', // box 5 (first item)
  'marks_numbers', // box 6
  'goods_description', // box 7: packages and description
  'hs_code', // HS code of the first item, normalised NNNN.NN
  'origin_criterion', // box 8: WO, PE, RVC 40%, CTH, …
  'gross_weight_quantity', // box 9
  'fob_value', // box 9 (Form E, AK) when present
  'invoice_no', // box 10
  'invoice_date', // box 10, normalised YYYY-MM-DD
  'issuing_authority', // box 12: certifying body
  'certification_place', // box 12
  'certification_date', // box 12, normalised YYYY-MM-DD
] as const;

export const INVOICE_FIELDS = [
  'invoice_no',
  'invoice_date',
  'seller',
  'buyer',
  'currency', // ISO 4217
  'incoterms', // e.g. FOB, CIF (Incoterms 2020 codes)
  'total_amount', // decimal with '.' and no grouping, e.g. 12345.60
  'total_quantity',
  'gross_weight',
] as const;

export const FIELD_KEYS = [...new Set([...CO_FIELDS, ...INVOICE_FIELDS])] as const;
export type FieldKey = (typeof CO_FIELDS)[number] | (typeof INVOICE_FIELDS)[number];
export const FieldKeySchema = z.enum(FIELD_KEYS as unknown as [FieldKey, ...FieldKey[]]);

/** Axis-aligned box in page pixels (top-left origin) at the page's dpi. */
export const Box = z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() });
export type Box = z.infer<typeof Box>;

/** One recognised word: OCR output, or a word of a born-digital PDF's text layer (conf 1). */
export const OcrWord = Box.extend({ text: z.string(), conf: z.number().min(0).max(1) });
export type OcrWord = z.infer<typeof OcrWord>;

/** A page's text as extraction sees it. */
export interface PageText {
  index: number;
  width: number;
  height: number;
  dpi: number;
  source: 'pdf-text-layer' | 'ocr';
  words: OcrWord[];
}

export const FIELD_STATUSES = ['ok', 'low_confidence', 'missing', 'invalid', 'corrected'] as const;
export const FieldStatus = z.enum(FIELD_STATUSES);

export const ExtractedField = z.object({
  key: FieldKeySchema,
  /** Normalised value (dates ISO, numbers with '.', HS NNNN.NN, ISO country/currency codes). */
  value: z.string().nullable(),
  /** The text as it stands on the page. */
  raw: z.string(),
  confidence: z.number().min(0).max(1),
  page: z.number().int().nonnegative().nullable(),
  box: Box.nullable(),
  status: FieldStatus,
  /** Why the status is what it is (e.g. "HS chapter 99 does not exist"). */
  note: z.string().optional(),
});
export type ExtractedField = z.infer<typeof ExtractedField>;

export const LineItem = z.object({
  description: z.string(),
  hsCode: z.string().nullable(),
  quantity: z.string().nullable(),
  unit: z.string().nullable(),
  unitPrice: z.string().nullable(),
  amount: z.string().nullable(),
  page: z.number().int().nonnegative().nullable(),
  box: Box.nullable(),
});
export type LineItem = z.infer<typeof LineItem>;

export const DocumentRecord = z.object({
  form: FormType,
  formConfidence: z.number().min(0).max(1),
  fields: z.array(ExtractedField),
  lineItems: z.array(LineItem),
});
export type DocumentRecord = z.infer<typeof DocumentRecord>;

// ---------------------------------------------------------------------------
// Cross-document checks (certificate of origin ↔ commercial invoice). Added by the fields
// work package; additive only.

export const CROSS_CHECK_CODES = [
  'invoice_no_mismatch',
  'invoice_date_mismatch',
  'goods_description_mismatch',
  'hs_code_mismatch',
  'quantity_mismatch',
  'gross_weight_mismatch',
  'fob_value_mismatch',
  'line_sum_mismatch',
  'line_amount_mismatch',
  'currency_mismatch',
  'not_checked',
] as const;
export const CrossCheckCode = z.enum(CROSS_CHECK_CODES);
export type CrossCheckCode = z.infer<typeof CrossCheckCode>;

export const CrossCheckSeverity = z.enum(['info', 'warning', 'error']);
export type CrossCheckSeverity = z.infer<typeof CrossCheckSeverity>;

/** A field (or a line item) a finding is about, so the UI can highlight it on both documents. */
export const CrossCheckFieldRef = z.object({
  document: z.enum(['certificate', 'invoice']),
  key: FieldKeySchema.nullable(),
  /** Index into the record's lineItems when the finding is about a line. */
  lineItem: z.number().int().nonnegative().optional(),
});
export type CrossCheckFieldRef = z.infer<typeof CrossCheckFieldRef>;

export const CrossCheckFinding = z.object({
  code: CrossCheckCode,
  severity: CrossCheckSeverity,
  /** Explains itself, quoting both values (English; `params` carry them for translation). */
  message: z.string(),
  fields: z.array(CrossCheckFieldRef),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type CrossCheckFinding = z.infer<typeof CrossCheckFinding>;
