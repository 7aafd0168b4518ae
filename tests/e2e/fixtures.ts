/**
 * Test documents made on the fly (nothing binary is checked in): a 3-page A4 PDF with text and a
 * drawn raster image (for realistic screenshots) and a 2-page TIFF; corrupt and password-protected
 * PDFs come from the shared fixtures.
 */
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import sharp from 'sharp';
import { corruptPdf } from '../fixtures/documents.ts';
import { makeEncryptedPdf } from '../fixtures/encrypted-pdf.ts';

const A4: [number, number] = [595.28, 841.89];

/** A small colourful PNG (gradient with a frame) to embed as the "stamp" on each page. */
async function stampPng(seed: number): Promise<Buffer> {
  const w = 240;
  const h = 160;
  const raw = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      const frame = x < 6 || y < 6 || x >= w - 6 || y >= h - 6;
      raw[i] = frame ? 20 : (x * 255) / w;
      raw[i + 1] = frame ? 60 : ((y * 255) / h + seed * 60) % 255;
      raw[i + 2] = frame ? 140 : 160;
    }
  }
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } }).png().toBuffer();
}

export async function makePdf(pages = 3): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle('OriginDesk e2e certificate');
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  for (let n = 1; n <= pages; n++) {
    const page = pdf.addPage(A4);
    const [width, height] = A4;
    page.drawText('CERTIFICATE OF ORIGIN', { x: 56, y: height - 80, size: 22, font: bold, color: rgb(0.05, 0.15, 0.35) });
    page.drawText(`Form E  ·  Reference E2E-${1000 + n}  ·  Page ${n} of ${pages}`, { x: 56, y: height - 108, size: 11, font });
    const lines = [
      '1. Exporter: Ningbo Fastener Works Co., Ltd., No. 88 Harbour Road, Ningbo, China',
      '2. Consignee: Hanbit Industrial Supply, 12 Sinhang-ro, Busan, Korea',
      '3. Means of transport: M/V EASTERN STAR V.026E, Ningbo to Busan',
      `4. Item ${n}: Hex bolts, steel, zinc plated, HS 7318.15  —  ${n * 1200} kg`,
    ];
    lines.forEach((line, i) => page.drawText(line, { x: 56, y: height - 160 - i * 22, size: 11, font }));
    page.drawRectangle({ x: 50, y: height - 260, width: width - 100, height: 130, borderColor: rgb(0.3, 0.3, 0.3), borderWidth: 1 });
    const image = await pdf.embedPng(await stampPng(n));
    page.drawImage(image, { x: 56, y: height - 470, width: 240, height: 160 });
    page.drawCircle({ x: width - 140, y: 140, size: 56, borderColor: rgb(0.7, 0.1, 0.1), borderWidth: 3 });
    page.drawText('CERTIFIED', { x: width - 176, y: 136, size: 12, font: bold, color: rgb(0.7, 0.1, 0.1) });
  }
  return pdf.save();
}

/** One page of the TIFF: an SVG "scanned form" rasterised at A4-ish proportions. */
async function tiffPagePng(n: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="850" height="1100">
    <rect width="850" height="1100" fill="#fbfaf6"/>
    <rect x="40" y="40" width="770" height="1020" fill="none" stroke="#222" stroke-width="3"/>
    <text x="70" y="110" font-family="DejaVu Sans, sans-serif" font-size="36" font-weight="bold" fill="#123">PACKING LIST</text>
    <text x="70" y="160" font-family="DejaVu Sans, sans-serif" font-size="22" fill="#333">Scanned page ${n} of 2</text>
    ${Array.from({ length: 12 }, (_, i) => `<rect x="70" y="${220 + i * 60}" width="710" height="40" fill="${i % 2 ? '#e8edf3' : '#f4f6f8'}"/>`).join('')}
    <circle cx="650" cy="950" r="70" fill="none" stroke="#a11" stroke-width="6"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export async function makeTiff(): Promise<Buffer> {
  const pages = await Promise.all([tiffPagePng(1), tiffPagePng(2)]);
  // Joining equally sized frames as an "animated" image yields one page per frame in TIFF.
  const tiff = await sharp(pages, { join: { animated: true } }).tiff({ compression: 'lzw' }).toBuffer();
  const meta = await sharp(tiff).metadata();
  if (meta.pages !== 2) throw new Error(`expected a 2-page TIFF, got ${meta.pages} page(s)`);
  return tiff;
}

/** A real PDF cut in half with garbage appended: starts like a PDF, cannot be rendered. */
export async function makeCorruptPdf(): Promise<Uint8Array> {
  return corruptPdf(await makePdf(3));
}

export { makeEncryptedPdf };
