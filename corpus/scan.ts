/**
 * Printed-and-scanned look for generated pages: skew (±3°), blur, sensor noise, uneven
 * lighting, JPEG artefacts and, sometimes, fax-like binarisation; all drawn from a seed.
 *
 *   const pages = await rasterizePdf(pdf);           // 300-dpi greyscale PNGs
 *   const scanned = await scanDocument(pages[0], 7); // PNG bytes
 */
import sharp from 'sharp';
import { loadPdfJs, pdfjsResources } from '../desk/fields/pdf-text.ts';
import { Rng } from './rng.ts';

sharp.concurrency(1);

/** Renders each page of a PDF to a PNG at `dpi` (white background, greyscale). */
export async function rasterizePdf(pdf: Uint8Array, dpi = 300): Promise<Uint8Array[]> {
  const pdfjs = await loadPdfJs();
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), ...pdfjsResources, isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const out: Uint8Array[] = [];
  try {
    const factory = doc.canvasFactory as {
      create(w: number, h: number): { canvas: import('@napi-rs/canvas').Canvas; context: CanvasRenderingContext2D };
      destroy(cc: unknown): void;
    };
    for (let i = 0; i < doc.numPages; i++) {
      const page = await doc.getPage(i + 1);
      const viewport = page.getViewport({ scale: dpi / 72 });
      const w = Math.round(viewport.width);
      const h = Math.round(viewport.height);
      const cc = factory.create(w, h);
      await page.render({ canvas: cc.canvas as unknown as HTMLCanvasElement, canvasContext: cc.context, viewport, background: '#ffffff' }).promise;
      const rgba = cc.canvas.data();
      out.push(
        await sharp(Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength), { raw: { width: w, height: h, channels: 4 } })
          .removeAlpha()
          .withMetadata({ density: dpi })
          .png({ compressionLevel: 3 })
          .toBuffer(),
      );
      factory.destroy(cc);
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return out;
}

export interface ScanParams {
  skewDeg: number;
  blurSigma: number;
  noise: number;
  lighting: number;
  jpegQuality: number | null;
  fax: boolean;
  colour: boolean;
}

export function scanParams(seed: number): ScanParams {
  const rng = new Rng(seed ^ 0x5ca17);
  const fax = rng.chance(0.2);
  return {
    skewDeg: Math.round(rng.float(-3, 3) * 100) / 100,
    blurSigma: fax ? 0 : Math.round(rng.float(0.3, 1.2) * 100) / 100,
    noise: Math.round(rng.float(3, fax ? 8 : 14)),
    lighting: fax ? 0 : Math.round(rng.float(0, 0.3) * 100) / 100,
    jpegQuality: fax ? null : rng.chance(0.6) ? rng.int(35, 85) : null,
    fax,
    colour: !fax && rng.chance(0.15),
  };
}

/** One printed-and-scanned version of a page image (PNG/JPEG bytes in, PNG bytes out). */
export async function scanDocument(pageImage: Uint8Array, seed: number, params: ScanParams = scanParams(seed), dpi?: number): Promise<Uint8Array> {
  const rng = new Rng(seed ^ 0x2b0b);
  const meta = await sharp(pageImage).metadata();
  const srcDpi = meta.density && meta.density > 72.5 ? meta.density : 300;
  const outDpi = dpi ?? srcDpi;
  const width = Math.round((meta.width! * outDpi) / srcDpi);
  const height = Math.round((meta.height! * outDpi) / srcDpi);
  const channels = params.colour ? 3 : 1;
  let img = sharp(pageImage).flatten({ background: '#ffffff' });
  if (outDpi !== srcDpi) img = img.resize(width, height);
  if (!params.colour) img = img.greyscale();
  // Skew: rotate on white, then crop back to the page size around the centre.
  const rot = await img.rotate(params.skewDeg, { background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true });
  const left = Math.max(0, Math.floor((rot.info.width - width) / 2));
  const top = Math.max(0, Math.floor((rot.info.height - height) / 2));
  let page = sharp(rot.data, { raw: { width: rot.info.width, height: rot.info.height, channels: rot.info.channels as 1 | 3 } }).extract({
    left,
    top,
    width: Math.min(width, rot.info.width - left),
    height: Math.min(height, rot.info.height - top),
  });
  // Work in 3-channel sRGB; greyscale again at the end.
  const rgbRaw = async (im: ReturnType<typeof sharp>) => {
    const { data, info } = await im.toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
    return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels as 3 } });
  };
  let out = await rgbRaw(page);
  if (params.lighting > 0) {
    // Uneven lighting: a soft grey gradient from one side, multiplied in.
    const dark = Math.round(255 * (1 - params.lighting));
    const [x1, y1, x2, y2] = rng.pick([[0, 0, 1, 1], [1, 0, 0, 1], [0, 1, 1, 0], [1, 1, 0, 0]]);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}"><stop offset="0" stop-color="rgb(255,255,255)"/><stop offset="1" stop-color="rgb(${dark},${dark},${dark})"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`;
    out = await rgbRaw(out.composite([{ input: Buffer.from(svg), blend: 'multiply' }]));
  }
  if (params.noise > 0) {
    // Sensor noise: a gaussian layer centred on mid-grey, blended with soft light.
    // (libvips' own noise generator is not seeded: a seeded tile, repeated, keeps scans reproducible.)
    const T = 509;
    const tile = Buffer.alloc(T * T * 3);
    for (let i = 0; i < T * T; i++) {
      const v = Math.max(0, Math.min(255, Math.round(128 + rng.gauss() * params.noise)));
      tile[i * 3] = tile[i * 3 + 1] = tile[i * 3 + 2] = v;
    }
    const tilePng = await sharp(tile, { raw: { width: T, height: T, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
    out = await rgbRaw(out.composite([{ input: tilePng, tile: true, blend: 'soft-light' }]));
  }
  if (!params.colour) out = out.greyscale();
  if (params.blurSigma >= 0.3) out = out.blur(params.blurSigma);
  if (params.fax) {
    // Fax: coarse vertical resolution (about 200×100 dpi) then hard black and white. `fill`
    // squashes and stretches; sharp's default `cover` would crop the middle half and zoom it 2×.
    const { data, info } = await out.resize(width, Math.round(height / 2), { kernel: 'nearest', fit: 'fill' }).raw().toBuffer({ resolveWithObject: true });
    out = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels as 1 | 3 } })
      .resize(width, height, { kernel: 'nearest', fit: 'fill' })
      .threshold(rng.int(150, 190));
  }
  if (params.jpegQuality) out = sharp(await out.jpeg({ quality: params.jpegQuality }).toBuffer());
  if (!params.colour) out = out.greyscale();
  return out.withMetadata({ density: outDpi }).png({ compressionLevel: 6 }).toBuffer();
}
