/**
 * Documents to data: classification, field extraction, normalisation and cross-document checks.
 *
 *   const record = extractRecord(pages);          // PageText[] (text layer or OCR) → DocumentRecord
 *   const findings = crossCheck(coRecord, invoiceRecord);
 *
 * Pure functions over words: nothing here touches the store, the network or the UI.
 */
export { extractRecord, FORM_FIELDS, type ExtractOptions } from './extract.ts';
export { crossCheck, descriptionOverlap, type CheckOptions } from './checks.ts';
export { classify, classifyLines, type Classification } from './classify.ts';
export {
  normaliseCountry, normaliseCurrency, normaliseDate, normaliseHs, normaliseId, normaliseIncoterm, normaliseNumber,
  normaliseOriginCriterion, normaliseText, normaliseWeight, type Normalised,
} from './normalise.ts';
export { checkHs, hsNomenclaturePath, setHsNomenclaturePath, defaultHsNomenclaturePath } from './hs.ts';
export { pdfTextLayer } from './pdf-text.ts';
export { TEMPLATES } from './templates/index.ts';
