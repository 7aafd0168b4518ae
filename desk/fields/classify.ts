/**
 * Form type from the words on the page: titles, keywords and box labels, matched fuzzily so a
 * few misread characters do not matter. Titles near the top of the page in large type count
 * more. Returns the best form with a confidence, and every form's score.
 */
import type { FormType } from '../../contract/fields.ts';
import { findPhrase, groupLines, key, type Line, median, type Token } from './text.ts';

interface Cue {
  phrase: string;
  weight: number;
}

const CO = { phrase: 'CERTIFICATE OF ORIGIN', weight: 1.5 };
const SIGNS: Record<Exclude<FormType, 'other'>, Cue[]> = {
  co_form_e: [
    { phrase: 'FORM E', weight: 5 },
    { phrase: 'ASEAN-CHINA FREE TRADE AREA', weight: 6 },
    { phrase: 'ACFTA', weight: 2 },
    { phrase: '中国—东盟自由贸易区', weight: 5 },
    { phrase: '优惠原产地证明书', weight: 2 },
    { phrase: 'PREFERENTIAL TARIFF', weight: 1 },
    CO,
  ],
  co_form_ak: [
    { phrase: 'FORM AK', weight: 5 },
    { phrase: 'ASEAN-KOREA FREE TRADE AREA', weight: 6 },
    { phrase: 'AKFTA', weight: 2 },
    { phrase: 'PREFERENTIAL TARIFF', weight: 1 },
    CO,
  ],
  co_eur1: [
    { phrase: 'EUR.1', weight: 5 },
    { phrase: 'MOVEMENT CERTIFICATE', weight: 6 },
    { phrase: 'preferential trade between', weight: 2 },
    { phrase: 'CUSTOMS OR COMPETENT GOVERNMENTAL AUTHORITY ENDORSEMENT', weight: 2 },
  ],
  co_rcep: [
    { phrase: 'REGIONAL COMPREHENSIVE ECONOMIC', weight: 5 },
    { phrase: 'PARTNERSHIP AGREEMENT', weight: 1.5 },
    { phrase: 'Form RCEP', weight: 4 },
    { phrase: 'RCEP Country of Origin', weight: 2 },
    { phrase: 'RCEP', weight: 1.5 },
    CO,
  ],
  co_gsp_form_a: [
    { phrase: 'GENERALIZED SYSTEM OF PREFERENCES', weight: 6 },
    { phrase: 'GENERALISED SYSTEM OF PREFERENCES', weight: 6 },
    { phrase: 'FORM A', weight: 4 },
    CO,
  ],
  co_generic: [
    { phrase: 'CERTIFICATE OF ORIGIN', weight: 3 },
    { phrase: 'CHAMBER OF COMMERCE', weight: 1.5 },
    { phrase: 'Country of Origin', weight: 1 },
    { phrase: 'Consignor', weight: 1 },
    // the chamber C/O's own box labels: enough with the others where OCR bent the title ("ERTIFI ATE")
    { phrase: 'Transport Details', weight: 1.5 },
    { phrase: 'Country of Destination', weight: 1 },
    { phrase: '原产地证明书', weight: 2 },
    { phrase: '원산지증명서', weight: 3 },
  ],
  commercial_invoice: [
    { phrase: 'COMMERCIAL INVOICE', weight: 7 },
    { phrase: '商业发票', weight: 6 },
    { phrase: '상업송장', weight: 6 },
    { phrase: 'PROFORMA INVOICE', weight: 4 },
    { phrase: 'INVOICE', weight: 1.5 },
    { phrase: 'TAX INVOICE', weight: 2 },
    { phrase: 'Invoice No', weight: 1 },
    { phrase: 'Unit Price', weight: 1.5 },
    { phrase: 'Terms of Payment', weight: 0.5 },
  ],
  packing_list: [
    { phrase: 'PACKING LIST', weight: 7 },
    { phrase: '装箱单', weight: 6 },
    { phrase: '포장명세서', weight: 6 },
    { phrase: 'N.W.', weight: 1 },
    { phrase: 'Meas.', weight: 1 },
    { phrase: 'CBM', weight: 0.5 },
  ],
  bill_of_lading: [
    { phrase: 'BILL OF LADING', weight: 7 },
    { phrase: '提单', weight: 5 },
    { phrase: '선하증권', weight: 5 },
    { phrase: 'B/L No', weight: 2 },
    { phrase: 'Notify Party', weight: 2 },
    { phrase: 'Ocean Vessel', weight: 2 },
    { phrase: 'SHIPPED ON BOARD', weight: 2 },
    { phrase: 'Place of Receipt', weight: 1 },
  ],
};

export interface Classification {
  form: FormType;
  confidence: number;
  scores: Partial<Record<FormType, number>>;
}

/** Letters OCR confuses with digits, folded so "F0RM E" still reads "FORM E". */
const fold = (s: string) => s.replace(/0/g, 'O').replace(/1/g, 'I').replace(/5/g, 'S').replace(/8/g, 'B');

export function classifyLines(lines: Line[], pageHeight: number): Classification {
  const folded = lines.map((l) => ({ ...l, tokens: l.tokens.map((t) => ({ ...t, text: /\d/.test(t.text) && /[A-Z]/i.test(t.text) ? fold(t.text) : t.text })) }));
  const hMed = median(lines.map((l) => l.h)) || 1;
  const scores: Partial<Record<FormType, number>> = {};
  for (const [form, cues] of Object.entries(SIGNS) as [FormType, Cue[]][]) {
    let s = 0;
    for (const cue of cues) {
      const k = key(cue.phrase);
      const min = k.length <= 3 ? 1 : k.length <= 6 ? 0.86 : 0.78;
      let best = 0;
      for (const m of findPhrase(folded, cue.phrase, min)) {
        // Short cues must be whole tokens (FORM A is not the start of FORM AK).
        if (k.length <= 6 && key(m.tokens.map((t) => t.text).join('')) !== k && m.sim < 0.9) continue;
        if (k.length <= 6) {
          const next = m.line.tokens[m.end];
          if (next && next.cx - next.tw / 2 - (m.tokens[m.tokens.length - 1]!.cx + m.tokens[m.tokens.length - 1]!.tw / 2) < next.th * 0.6 && /^[A-Z]{1,2}$/i.test(next.text)) continue;
        }
        let v = m.sim;
        const top = pageHeight > 0 && m.line.cy < pageHeight * 0.3;
        if (top && m.line.h > hMed * 1.25) v *= 1.5;
        best = Math.max(best, v);
      }
      s += cue.weight * best;
    }
    scores[form] = Math.round(s * 100) / 100;
  }
  const ranked = (Object.entries(scores) as [FormType, number][]).sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first || first[1] < 3) return { form: 'other', confidence: first ? Math.min(0.5, 1 - first[1] / 3) : 1, scores };
  const margin = (first[1] - (second?.[1] ?? 0)) / first[1];
  const strength = Math.min(1, first[1] / 9);
  return { form: first[0], confidence: Math.round(Math.min(1, 0.35 + 0.4 * margin + 0.25 * strength) * 100) / 100, scores };
}

export function classify(pages: { tokens: Token[]; height: number }[]): Classification {
  // The first page decides (attachments and continuation sheets follow it).
  for (const p of pages) {
    if (p.tokens.length === 0) continue;
    return classifyLines(groupLines(p.tokens, 2.2), p.height);
  }
  return { form: 'other', confidence: 1, scores: {} };
}
