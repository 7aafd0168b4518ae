/**
 * The forensics work the desk asks for, as plain functions over files and bytes: detect marks on
 * a page, crop an examiner's region, describe a specimen for the library, verify a mark against
 * specimens with evidence images. Runs inside the forensics worker thread (worker.ts) so seconds
 * of pixel work never stall the UI; tests call it directly.
 *
 * Prepared marks (ink maps, outlines, canonical images) cost ~100 ms each, so the most recent
 * ones are cached by content hash: a specimen prepared once serves every later verification.
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { CANON, SIG_H, SIG_W, prepareMark, type PreparedMark } from '../forensics/align.ts';
import { evidenceImages } from '../forensics/evidence.ts';
import { extractMarks } from '../forensics/extract.ts';
import { cropRgb, decodeRgb, encodeGray, encodeRgb, type Rgb } from '../forensics/image.ts';
import { estimateInk, inkMap } from '../forensics/inkmap.ts';
import { ImpressionIndex, descriptorOf, stampRerankBlob } from '../forensics/library.ts';
import { assessQuality, verify, type QualityIssue, type Verdict } from '../forensics/verify.ts';
import { sha256Hex } from '../store/blobs.ts';
import type { Box } from '../../contract/fields.ts';
import type { MarkKind } from '../../contract/forensics.ts';

/** A mark or specimen image the engine reads: a file (page crop, stored specimen) or bytes. */
export interface MarkImageRef {
  id: string;
  kind: MarkKind;
  dpi: number;
  path?: string;
  png?: Uint8Array;
}

export interface DetectedMark {
  kind: MarkKind;
  box: Box;
  crop: Uint8Array;
  inkMask: Uint8Array;
  colour: { name: 'red' | 'blue' | 'violet' | 'black' | 'other'; rgb: [number, number, number] };
  confidence: number;
  note: string;
}

export interface Description {
  descriptor: Float32Array;
  rerank: Float32Array | null;
  sizeMm: number;
  ink: DetectedMark['colour']['name'];
  quality: { ok: boolean; issues: QualityIssue[] };
}

export interface VerifyResult {
  verdict: Omit<Verdict, 'aligned'>;
  /** Id of the specimen the evidence shows. */
  specimenId: string | null;
  evidence: { overlay: Uint8Array; heatmap: Uint8Array; sideBySide: Uint8Array; frameWidth: number; frameHeight: number; gap: number; mmPerPx: number } | null;
}

/** Largest mark or specimen image the engine decodes (a seal at 1200 dpi is ~4 Mpx). */
const MAX_MARK_PIXELS = 40_000_000;
const EVIDENCE_ZOOM = 2;

const prepared = new Map<string, PreparedMark>();
const PREPARED_CACHE = 256;

async function decodeChecked(bytes: Uint8Array): Promise<Rgb> {
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    meta = await sharp(bytes).metadata();
  } catch {
    throw new Error('the image cannot be read (not a PNG, JPEG or TIFF, or damaged)');
  }
  const px = (meta.width ?? 0) * (meta.height ?? 0);
  if (px === 0) throw new Error('the image is empty');
  if (px > MAX_MARK_PIXELS) throw new Error(`the image is ${meta.width}×${meta.height} px, too large for a stamp or signature (crop it first)`);
  const img = await decodeRgb(bytes);
  if (img.w < 16 || img.h < 16) throw new Error(`the image is ${img.w}×${img.h} px, too small to compare`);
  return img;
}

function bytesOf(ref: MarkImageRef): Uint8Array {
  if (ref.png) return ref.png;
  if (ref.path) return readFileSync(ref.path);
  throw new Error(`no image for ${ref.id}`);
}

async function prepare(ref: MarkImageRef): Promise<PreparedMark> {
  const bytes = bytesOf(ref);
  const key = `${ref.kind}:${ref.dpi}:${sha256Hex(bytes)}`;
  const hit = prepared.get(key);
  if (hit) {
    prepared.delete(key); // refresh its place in the LRU order
    prepared.set(key, hit);
    return hit;
  }
  const mark = prepareMark(await decodeChecked(bytes), { kind: ref.kind, dpi: ref.dpi });
  prepared.set(key, mark);
  if (prepared.size > PREPARED_CACHE) prepared.delete(prepared.keys().next().value!);
  return mark;
}

export async function detectPage(pagePath: string, dpi: number): Promise<DetectedMark[]> {
  return (await extractMarks(readFileSync(pagePath), dpi)).map((m) => ({ ...m, crop: new Uint8Array(m.crop), inkMask: new Uint8Array(m.inkMask) }));
}

/** An examiner's region of a page: crop, ink colour and ink mask (no detection, the examiner decided). */
export async function cropRegion(pagePath: string, dpi: number, box: Box, kind: MarkKind): Promise<DetectedMark> {
  const page = await decodeRgb(readFileSync(pagePath));
  const x = Math.max(0, Math.floor(box.x));
  const y = Math.max(0, Math.floor(box.y));
  const w = Math.min(page.w - x, Math.ceil(box.w));
  const h = Math.min(page.h, Math.ceil(box.y + box.h)) - y;
  const minPx = Math.round((3 * dpi) / 25.4);
  if (w < minPx || h < minPx) throw new Error(`the region is smaller than 3 mm; draw it around the whole ${kind}`);
  const crop = cropRgb(page, { x, y, w, h });
  const ink = estimateInk(crop);
  const { map } = inkMap(crop, ink);
  return {
    kind,
    box: { x, y, w, h },
    crop: new Uint8Array(await encodeRgb(crop)),
    inkMask: new Uint8Array(await encodeGray(map, true)),
    colour: { name: ink.name, rgb: ink.rgb },
    confidence: 1,
    note: 'region drawn by the examiner',
  };
}

/** A specimen's library entry: descriptor for the 1:N index, size, ink and quality. */
export async function describe(ref: MarkImageRef): Promise<Description & { png: Uint8Array }> {
  const bytes = bytesOf(ref);
  const mark = await prepare({ ...ref, png: bytes });
  const q = assessQuality(mark, 'specimen');
  // Stored as PNG whatever came in (JPEG/TIFF uploads), so every later read decodes the same pixels.
  const png = new Uint8Array(await encodeRgb(mark.rgb));
  return {
    descriptor: descriptorOf(mark),
    rerank: mark.kind === 'stamp' ? stampRerankBlob(mark.canon) : null,
    sizeMm: mark.kind === 'stamp' ? mark.sizeMm.diameter : mark.sizeMm.w,
    ink: mark.ink.name,
    quality: { ok: q.ok, issues: q.issues },
    png,
  };
}

/** The query side of 1:N identification. */
export async function queryDescriptor(ref: MarkImageRef): Promise<{ descriptor: Float32Array; rerank: Float32Array | null; sizeMm: number }> {
  const mark = await prepare(ref);
  return { descriptor: descriptorOf(mark), rerank: mark.kind === 'stamp' ? stampRerankBlob(mark.canon) : null, sizeMm: mark.sizeMm.diameter };
}

/**
 * 1:1 verification of `query` against an owner's specimens, with the store's other impressions of
 * the same kind checked for a pixel copy first (a pasted seal).
 */
export async function verifyMark(query: MarkImageRef, specimens: MarkImageRef[], others: MarkImageRef[]): Promise<VerifyResult> {
  const q = await prepare(query);
  const specs = await Promise.all(specimens.map(prepare));
  const index = new ImpressionIndex();
  const onFile = new Map<string, PreparedMark>();
  for (const o of others) {
    try {
      const m = await prepare(o);
      index.add(o.id, m);
      onFile.set(o.id, m);
    } catch {
      // an unreadable old crop cannot be a source of a copy; the check goes on without it
    }
  }
  const copies = q.kind === 'stamp' ? index.probe(q) : [];
  const onRecord = copies.map((c) => ({ id: c.id, mark: onFile.get(c.id)! }));
  const v = verify(q, specs, { onRecord });
  const { aligned, ...verdict } = v;
  if (v.outcome !== 'scored' || !aligned) return { verdict, specimenId: null, evidence: null };
  const spec = specs[v.specimenIndex]!;
  const ev = await evidenceImages(q, spec, aligned, EVIDENCE_ZOOM);
  const frameWidth = (spec.kind === 'stamp' ? CANON : SIG_W) * EVIDENCE_ZOOM;
  const frameHeight = (spec.kind === 'stamp' ? CANON : SIG_H) * EVIDENCE_ZOOM;
  return {
    verdict,
    specimenId: specimens[v.specimenIndex]!.id,
    evidence: {
      overlay: new Uint8Array(ev.overlay),
      heatmap: new Uint8Array(ev.heatmap),
      sideBySide: new Uint8Array(ev.sideBySide),
      frameWidth,
      frameHeight,
      gap: 4 * EVIDENCE_ZOOM,
      // canonical px per native px is toCanon.scale; native px are 25.4/dpi mm
      mmPerPx: 25.4 / (spec.nativeDpi * spec.toCanon.scale * EVIDENCE_ZOOM),
    },
  };
}
