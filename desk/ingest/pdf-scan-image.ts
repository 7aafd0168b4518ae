/**
 * Scanned PDFs, fast: most scanners write each page as one JPEG drawn over the whole page and
 * nothing else. Such a page need not be rendered at all — its JPEG *is* the page, at the scanner's
 * own resolution — and libvips decodes it ~20× faster than pdfjs's JavaScript JPEG decoder.
 *
 * This module finds those pages with pdf-lib (object level: the page's content stream and its one
 * image XObject) and returns the JPEG bytes. Anything else — more drawing operators, masks, other
 * filters or colour spaces, rotation, encryption — falls back to rendering with pdfjs, so the fast
 * path can only ever skip work, never change what a page looks like.
 */
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFObject, type PDFPage } from 'pdf-lib';

export interface ScanImage {
  jpeg: Uint8Array;
  /** Page size in PDF points (the image covers it exactly). */
  widthPt: number;
  heightPt: number;
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

/** The content stream's bytes (FlateDecode or none), or null for filters we do not read here. */
function streamBytes(s: PDFRawStream): Uint8Array | null {
  const filter = s.dict.lookup(PDFName.of('Filter'));
  if (filter === undefined) return s.contents;
  if (filter === PDFName.of('FlateDecode')) return inflateSync(s.contents);
  return null;
}

function contentText(page: PDFPage): string | null {
  const contents = page.node.Contents();
  const streams: PDFObject[] = contents instanceof PDFArray ? contents.asArray().map((o) => page.doc.context.lookup(o)!) : contents ? [contents] : [];
  let text = '';
  for (const s of streams) {
    if (!(s instanceof PDFRawStream)) return null;
    const bytes = streamBytes(s);
    if (!bytes) return null;
    text += `${Buffer.from(bytes).toString('latin1')}\n`;
  }
  return text;
}

/** The image a page draws when its content is only graphics-state pushes, `cm`s and one `Do`. */
function soleImage(text: string): { name: string; ctm: Matrix } | null {
  const tokens = text.split(/\s+/).filter(Boolean);
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const saved: Matrix[] = [];
  const nums: number[] = [];
  let operand: string | null = null;
  let drawn: { name: string; ctm: Matrix } | null = null;
  for (const t of tokens) {
    if (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) {
      nums.push(Number(t));
      continue;
    }
    if (t.startsWith('/')) {
      operand = t.slice(1);
      continue;
    }
    // An operator: it takes the operands before it.
    const args = nums.splice(0);
    const name = operand;
    operand = null;
    if (t === 'q' && args.length === 0 && !name) saved.push(ctm);
    else if (t === 'Q' && args.length === 0 && !name) ctm = saved.pop() ?? ctm;
    else if (t === 'cm' && args.length === 6 && !name) ctm = multiply(args as Matrix, ctm);
    else if (t === 'Do' && name && args.length === 0 && !drawn) drawn = { name, ctm };
    else return null; // any other operator draws or changes something else
  }
  if (nums.length > 0 || operand) return null;
  return drawn;
}

function pageScan(doc: PDFDocument, page: PDFPage): ScanImage | null {
  const rotate = page.node.lookup(PDFName.of('Rotate'));
  if (rotate instanceof PDFNumber && rotate.asNumber() % 360 !== 0) return null;
  const box = page.getMediaBox();
  if (Math.abs(box.x) > 0.5 || Math.abs(box.y) > 0.5) return null;
  const crop = page.getCropBox();
  if (Math.abs(crop.width - box.width) > 0.5 || Math.abs(crop.height - box.height) > 0.5) return null;
  const text = contentText(page);
  const drawn = text === null ? null : soleImage(text);
  if (!drawn) return null;
  const [a, b, c, d, e, f] = drawn.ctm;
  // The unit square must land on the whole page, upright.
  if (Math.abs(b) > 1e-6 || Math.abs(c) > 1e-6 || Math.abs(e) > 0.5 || Math.abs(f) > 0.5) return null;
  if (Math.abs(a - box.width) > 0.5 || Math.abs(d - box.height) > 0.5) return null;
  const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  const ref = xobjects?.get(PDFName.of(drawn.name));
  const img = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
  if (!(img instanceof PDFRawStream)) return null;
  const dict = img.dict;
  const is = (key: string, ...values: string[]) => values.some((v) => dict.lookup(PDFName.of(key)) === PDFName.of(v));
  if (!is('Subtype', 'Image') || !is('Filter', 'DCTDecode') || !is('ColorSpace', 'DeviceGray', 'DeviceRGB')) return null;
  for (const key of ['SMask', 'Mask', 'Decode', 'DecodeParms', 'ImageMask']) if (dict.has(PDFName.of(key))) return null;
  const bpc = dict.lookup(PDFName.of('BitsPerComponent'));
  if (!(bpc instanceof PDFNumber) || bpc.asNumber() !== 8) return null;
  return { jpeg: img.contents, widthPt: box.width, heightPt: box.height };
}

/** Page index → its scan JPEG, for the pages that are nothing but one; empty when none are (or the file is encrypted). */
export async function scanImages(data: Uint8Array): Promise<Map<number, ScanImage>> {
  const found = new Map<number, ScanImage>();
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(data, { updateMetadata: false, throwOnInvalidObject: false });
  } catch {
    return found; // encrypted or damaged: pdfjs decides what to say about it
  }
  doc.getPages().forEach((page, i) => {
    try {
      const scan = pageScan(doc, page);
      if (scan) found.set(i, scan);
    } catch {
      // an odd page object: that page is rendered the ordinary way
    }
  });
  return found;
}
