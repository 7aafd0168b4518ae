/**
 * Page rendering: PDF pages through pdfjs-dist at 300 dpi (keeping the embedded text layer) — or,
 * for pages that are only a scanner's JPEG, that JPEG itself at its own resolution —
 * TIFF/PNG/JPEG through sharp/libvips (every TIFF page, 16-bit kept, EXIF orientation applied).
 * Each page becomes a lossless PNG (what OCR and forensics read) and a JPEG thumbnail.
 *
 * Runs inside the ingest worker thread, never on the thread that answers the UI.
 */
import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import sharp from 'sharp';
import type { FileType } from '../../contract/api.ts';
import { limits } from '../config.ts';
import { DeskError } from '../errors.ts';
import type { PageMeta, PageWord } from '../store/case-store.ts';
import { loadPdfJs, pdfResources, textLayer } from './pdf-text-layer.ts';
import { scanImages, type ScanImage } from './pdf-scan-image.ts';

export interface RenderedPage extends PageMeta {
  index: number;
  words: PageWord[];
}

export interface RenderTarget {
  /** Where page `index` goes, per variant. */
  pagePath(index: number, variant: 'full' | 'thumb'): string;
}

export interface RenderCallbacks {
  onTotal(total: number): void;
  onPage(page: RenderedPage): void;
  /** Checked between pages so a cancel takes effect promptly. */
  cancelled(): boolean;
}

type Sharp = ReturnType<typeof sharp>;
type ImageMetadata = Awaited<ReturnType<Sharp['metadata']>>;

// libvips refuses to decode more than this; our own header check rejects earlier with a clear message.
sharp.concurrency(1);
sharp.cache(false);

async function writeImages(
  image: Sharp,
  target: RenderTarget,
  index: number,
  { sixteenBit, grey }: { sixteenBit: boolean; grey: boolean },
): Promise<{ width: number; height: number }> {
  const fullPath = target.pagePath(index, 'full');
  mkdirSync(dirname(fullPath), { recursive: true });
  // Greyscale pages stay one channel: a third of the pixels to encode, store and read back.
  const source = grey ? image.toColourspace(sixteenBit ? 'grey16' : 'b-w') : image;
  // Decode once to raw pixels, then encode both variants from memory.
  const { data, info } = await source.raw({ depth: sixteenBit ? 'ushort' : 'uchar' }).toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } } as const;
  const fromRaw = () => sharp(data, { ...raw, limitInputPixels: false });
  const tmp = `${fullPath}.tmp`;
  // Low zlib effort: 300-dpi pages are large and the cache is rebuilt from the original anyway.
  const full = sixteenBit
    ? fromRaw().toColourspace(info.channels <= 2 ? 'grey16' : 'rgb16').png({ compressionLevel: 2 })
    : // One-channel raw input would otherwise be written as RGB.
      (info.channels === 1 ? fromRaw().toColourspace('b-w') : fromRaw()).png({ compressionLevel: 2, adaptiveFiltering: false });
  await full.toFile(tmp);
  renameSync(tmp, fullPath);
  const thumbPath = target.pagePath(index, 'thumb');
  await fromRaw()
    .resize({ width: limits.thumbSize, height: limits.thumbSize, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .jpeg({ quality: 82 })
    .toFile(`${thumbPath}.tmp`);
  renameSync(`${thumbPath}.tmp`, thumbPath);
  return { width: info.width, height: info.height };
}

// ---------------------------------------------------------------------------
// Raster: TIFF (all pages), PNG, JPEG

function checkDimensions(width: number, height: number, page: number): void {
  if (width > limits.maxPageSide || height > limits.maxPageSide || width * height > limits.maxPagePixels) {
    throw new DeskError(
      'too_large',
      `page ${page} is ${width}×${height} pixels, over the limit of ${limits.maxPagePixels / 1e6} megapixels; a likely decompression bomb or a mis-scanned file`,
      { page, width, height, limitMp: limits.maxPagePixels / 1e6 },
    );
  }
}

async function renderRaster(path: string, target: RenderTarget, cb: RenderCallbacks): Promise<void> {
  let meta: ImageMetadata;
  try {
    meta = await sharp(path, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw new DeskError('corrupt_file', `the image cannot be read: ${(err as Error).message}`);
  }
  const total = meta.pages ?? 1;
  if (total < 1) throw new DeskError('no_pages', 'the image holds no pages');
  if (total > limits.maxPages) {
    throw new DeskError('too_large', `the file has ${total} pages, over the limit of ${limits.maxPages}`, {
      pages: total,
      limit: limits.maxPages,
    });
  }
  cb.onTotal(total);
  for (let index = 0; index < total; index++) {
    if (cb.cancelled()) return;
    // Multi-page TIFF pages may differ in size and depth: read each page's own header.
    const pageMeta = total > 1 ? await sharp(path, { page: index, limitInputPixels: false }).metadata() : meta;
    const w = pageMeta.width ?? 0;
    const h = pageMeta.height ?? 0;
    checkDimensions(w, h, index + 1);
    const sixteenBit = pageMeta.depth === 'ushort';
    try {
      const image = sharp(path, { page: index, limitInputPixels: limits.maxPagePixels, failOn: 'error' }).autoOrient();
      const grey = (pageMeta.channels ?? 3) <= 2 || pageMeta.space === 'b-w' || pageMeta.space === 'grey16';
      const size = await writeImages(image, target, index, { sixteenBit, grey });
      // libvips reports 72 dpi when a file carries no resolution; no document scanner uses 72.
      const dpi = pageMeta.density && pageMeta.density > 72.5 ? pageMeta.density : undefined;
      cb.onPage({
        index,
        width: size.width,
        height: size.height,
        dpi: dpi ?? 300,
        dpiAssumed: dpi === undefined,
        bitDepth: sixteenBit ? 16 : 8,
        hasTextLayer: false,
        words: [],
      });
    } catch (err) {
      if (err instanceof DeskError) throw err;
      throw new DeskError('corrupt_file', `page ${index + 1} cannot be decoded: ${(err as Error).message}`, {
        page: index + 1,
      });
    }
  }
}

// ---------------------------------------------------------------------------
// PDF

/** True when every pixel of an RGBA buffer is neutral grey (no stamp ink, no colour print). */
function isGrey(rgba: Uint8Array): boolean {
  for (let i = 0; i < rgba.length; i += 4) if (rgba[i] !== rgba[i + 1] || rgba[i + 1] !== rgba[i + 2]) return false;
  return true;
}

function pdfError(err: unknown): DeskError {
  const e = err as { name?: string; code?: number; message?: string };
  if (e?.name === 'PasswordException') {
    return e.code === 2
      ? new DeskError('wrong_password', 'the password is not correct')
      : new DeskError('password_required', 'the PDF is protected by a password');
  }
  if (e?.name === 'InvalidPDFException') return new DeskError('corrupt_file', `not a readable PDF: ${e.message}`);
  if (err instanceof DeskError) return err;
  return new DeskError('corrupt_file', `the PDF cannot be rendered: ${e?.message ?? String(err)}`);
}

async function renderPdf(path: string, password: string | undefined, target: RenderTarget, cb: RenderCallbacks): Promise<void> {
  const pdfjs = await loadPdfJs();
  const data = new Uint8Array(readFileSync(path));
  // Read before pdfjs takes the bytes. Encrypted files have no fast path (pdf-lib cannot decrypt).
  const scans = password === undefined ? await scanImages(data) : new Map<number, ScanImage>();
  const task = pdfjs.getDocument({
    data,
    password,
    ...pdfResources,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    throw pdfError(err);
  }
  try {
    if (doc.numPages < 1) throw new DeskError('no_pages', 'the PDF holds no pages');
    if (doc.numPages > limits.maxPages) {
      throw new DeskError('too_large', `the PDF has ${doc.numPages} pages, over the limit of ${limits.maxPages}`, {
        pages: doc.numPages,
        limit: limits.maxPages,
      });
    }
    cb.onTotal(doc.numPages);
    const factory = doc.canvasFactory as {
      create(w: number, h: number): { canvas: import('@napi-rs/canvas').Canvas; context: CanvasRenderingContext2D };
      destroy(cc: unknown): void;
    };
    for (let index = 0; index < doc.numPages; index++) {
      if (cb.cancelled()) return;
      let page;
      try {
        page = await doc.getPage(index + 1);
      } catch (err) {
        throw pdfError(err);
      }
      const base = page.getViewport({ scale: 1 });
      // Large pages (drawings, posters) render at a lower dpi to stay under the pixel limit.
      let dpi: number = limits.pdfDpi;
      const pixelsAt = (d: number) => ((base.width * d) / 72) * ((base.height * d) / 72);
      if (pixelsAt(dpi) > limits.maxPagePixels) dpi = Math.floor(Math.sqrt(limits.maxPagePixels / pixelsAt(1)));
      if (dpi < limits.minPdfDpi) {
        checkDimensions(Math.round((base.width * dpi) / 72), Math.round((base.height * dpi) / 72), index + 1);
      }
      const scan = scans.get(index);
      if (scan) {
        // A scanned page: its JPEG at the scanner's resolution, decoded by libvips (pdf-scan-image.ts).
        const meta = await sharp(scan.jpeg).metadata().catch(() => null);
        if (meta?.width && meta.height) {
          checkDimensions(meta.width, meta.height, index + 1);
          const scanDpi = Math.round(((meta.width * 72) / scan.widthPt) * 10) / 10;
          const grey = (meta.channels ?? 3) === 1;
          const size = await writeImages(sharp(scan.jpeg, { limitInputPixels: limits.maxPagePixels, failOn: 'error' }), target, index, { sixteenBit: false, grey });
          const words = await textLayer(page, page.getViewport({ scale: size.width / base.width }));
          page.cleanup();
          cb.onPage({ index, width: size.width, height: size.height, dpi: scanDpi, dpiAssumed: false, bitDepth: 8, hasTextLayer: words.length > 0, words });
          continue;
        }
      }
      const viewport = page.getViewport({ scale: dpi / 72 });
      const width = Math.round(viewport.width);
      const height = Math.round(viewport.height);
      const cc = factory.create(width, height);
      try {
        await page.render({ canvas: cc.canvas as unknown as HTMLCanvasElement, canvasContext: cc.context, viewport, background: '#ffffff' })
          .promise;
      } catch (err) {
        factory.destroy(cc);
        throw pdfError(err);
      }
      const rgba = cc.canvas.data();
      const image = sharp(rgba, { raw: { width, height, channels: 4 }, limitInputPixels: false }).removeAlpha();
      await writeImages(image, target, index, { sixteenBit: false, grey: isGrey(rgba) });
      factory.destroy(cc);
      const words = await textLayer(page, viewport);
      page.cleanup();
      cb.onPage({ index, width, height, dpi, dpiAssumed: false, bitDepth: 8, hasTextLayer: words.length > 0, words });
    }
  } finally {
    await doc.destroy();
  }
}

export async function renderDocument(
  path: string,
  fileType: FileType,
  password: string | undefined,
  target: RenderTarget,
  cb: RenderCallbacks,
): Promise<void> {
  switch (fileType) {
    case 'pdf':
      return renderPdf(path, password, target, cb);
    case 'tiff':
    case 'png':
    case 'jpeg':
      return renderRaster(path, target, cb);
    default:
      throw new DeskError('unsupported_type', 'this file type cannot be processed');
  }
}
