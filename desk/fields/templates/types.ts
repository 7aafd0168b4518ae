/**
 * Layout templates. A template places each field's box on its form in "form space" (points
 * from the top-left of an A4 page) next to anchor labels printed on every copy of the form.
 * Extraction finds the anchors on the page, fits the page↔form transform (shift, scale,
 * rotation), and reads each box through it, so moderate shifts, scaling and skew don't matter.
 */
import type { FieldKey, FormType } from '../../../contract/fields.ts';

/** [x0, y0, x1, y1] in points from the top-left of an A4 page. */
export type Rect = readonly [number, number, number, number];

export type ParseKind =
  | 'party' // names and addresses: lines joined
  | 'text' // free text: lines joined
  | 'id' // reference numbers: no spaces, upper case
  | 'date' // first date
  | 'country'
  | 'route' // lines that hold no date
  | 'authority' // lines before the place-and-date line
  | 'certPlace' // place of the last place-and-date line
  | 'certDate' // date of the last place-and-date line
  | 'invoiceNo' // "INVOICE NO. X DATED …" → X
  | 'invoiceDate';

export type ItemParse = 'itemNo' | 'text' | 'marks' | 'goods' | 'hs' | 'origin' | 'weight' | 'fob' | 'invoiceNo' | 'invoiceDate';

export type TemplateField =
  | { key: FieldKey; kind: 'box'; box: Rect; parse: ParseKind }
  /** The text on the anchor's line, right of it (or the line below when nothing is right of it). */
  | { key: FieldKey; kind: 'rightOf'; anchor: string; box: Rect; parse: ParseKind }
  /** The nearest content line above the anchor (e.g. the typed country above "(Country)"). */
  | { key: FieldKey; kind: 'above'; anchor: string; box: Rect; parse: ParseKind }
  /** A column of the first item row. */
  | { key: FieldKey; kind: 'item'; column: string; parse: ItemParse; defaultUnit?: string };

export interface ItemsSpec {
  /** The rows area, below the column headings. */
  area: Rect;
  /** Column holding item numbers (row starts). */
  itemColumn: string;
  columns: Record<string, readonly [number, number]>;
  descColumn: string;
  hsColumn?: string;
  weightColumn?: string;
  defaultUnit?: string;
}

export interface Template {
  form: FormType;
  /** Printed labels and where their first word starts (top-left, points). */
  anchors: { phrase: string; at: readonly [number, number] }[];
  /** Every printed label inside field boxes: lines made of these words are not values. */
  labels: string[];
  /** Fields in order; a key listed twice is a fallback (the first usable reading wins). */
  fields: TemplateField[];
  items?: ItemsSpec;
}
