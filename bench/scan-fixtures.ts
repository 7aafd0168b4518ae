/**
 * Benchmark inputs that look like what the desk really gets: 300-dpi greyscale scans of
 * certificate-like pages (ruled boxes, printed text, a seal, paper tone and sensor noise),
 * as a multi-page TIFF or as a PDF whose pages each carry one full-page JPEG scan plus text —
 * the way scanned certificates of origin arrive. Deterministic per seed.
 *
 * (tests/fixtures/documents.ts makes small, flat synthetic pages for correctness tests; a
 * benchmark needs realistic pixel content because PNG/JPEG/LZW costs depend on it.)
 */
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import sharp from 'sharp';
import { mulberry32 } from '../desk/seeded-random.ts';

export const PAGE_W = 2480; // A4 at 300 dpi
export const PAGE_H = 3508;
export const DPI = 300;


const WORDS =
  'STEEL HEXAGON BOLTS NUTS WASHERS ZINC PLATED GRADE CARTONS PCS NINGBO CHINA HAI PHONG VIET NAM INVOICE FOB USD GROSS WEIGHT KGS ORIGIN CRITERIA RVC CTH DECLARATION EXPORTER CERTIFIED CUSTOMS VESSEL PORT DISCHARGE DEPARTURE MARKS NUMBERS PACKAGES DESCRIPTION PRODUCTS'.split(
    ' ',
  );

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** SVG of one certificate-like page at 300 dpi. */
function pageSvg(seed: number): string {
  const rand = mulberry32(seed);
  const line = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');
  const parts: string[] = [];
  const text = (x: number, y: number, size: number, s: string, extra = '') =>
    parts.push(`<text x="${x}" y="${y}" font-size="${size}" ${extra}>${esc(s)}</text>`);
  const rect = (x: number, y: number, w: number, h: number, sw = 3) =>
    parts.push(`<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="none" stroke="#111" stroke-width="${sw}"/>`);
  text(1240, 160, 46, 'ORIGINAL', 'text-anchor="middle" font-weight="bold"');
  rect(140, 200, 2200, 3100, 5);
  // Upper boxes (exporter, consignee, transport | title, official use).
  for (const [y, h] of [[200, 380], [580, 380], [960, 480]] as const) {
    rect(140, y, 1100, h);
    text(160, y + 40, 30, `${y === 200 ? '1' : y === 580 ? '2' : '3'}. ${line(6).toLowerCase()}`);
    for (let l = 0; l < 4; l++) text(190, y + 120 + l * 52, 38, line(3 + Math.floor(rand() * 3)), 'font-family="monospace" font-weight="bold"');
  }
  rect(1240, 200, 1100, 760);
  text(1790, 420, 46, 'CERTIFICATE OF ORIGIN', 'text-anchor="middle" font-weight="bold"');
  text(1790, 560, 80, `FORM ${String.fromCharCode(65 + (seed % 26))}`, 'text-anchor="middle" font-weight="bold"');
  text(1270, 250, 34, `Reference No. E26${String(seed).padStart(10, '0')}`, 'font-family="monospace"');
  rect(1240, 960, 1100, 480);
  // Item table.
  const cols = [140, 250, 600, 1500, 1760, 2060, 2340];
  rect(140, 1440, 2200, 1050);
  for (const x of cols.slice(1, -1)) parts.push(`<line x1="${x}" y1="1440" x2="${x}" y2="2490" stroke="#111" stroke-width="3"/>`);
  parts.push(`<line x1="140" y1="1600" x2="2340" y2="1600" stroke="#111" stroke-width="3"/>`);
  for (let r = 0; r < 14; r++) {
    const y = 1680 + r * 56;
    if (r % 3 === 0) text(180, y, 36, String(r / 3 + 1), 'font-family="monospace"');
    text(620, y, 34, line(4 + Math.floor(rand() * 3)), 'font-family="monospace" font-weight="bold"');
    if (r % 3 === 0) text(1520, y, 34, `"RVC ${40 + Math.floor(rand() * 30)}%"`, 'font-family="monospace"');
    if (r % 3 === 0) text(1780, y, 34, `${(rand() * 4000).toFixed(2)} KGS`, 'font-family="monospace"');
  }
  // Declaration and certification boxes, signature, seal.
  rect(140, 2490, 1100, 700);
  rect(1240, 2490, 1100, 700);
  for (let l = 0; l < 6; l++) text(170, 2560 + l * 50, 32, line(6));
  for (let l = 0; l < 3; l++) text(1270, 2560 + l * 50, 32, line(6));
  parts.push(`<path d="M 1350 3000 c 40 -120 60 -120 70 0 s 40 -140 80 -20 s 60 -90 90 10 s 50 -60 120 -30" fill="none" stroke="#223" stroke-width="6"/>`);
  const cx = 1900 + Math.floor(rand() * 100);
  parts.push(`<g transform="rotate(${(rand() * 16 - 8).toFixed(1)} ${cx} 2900)" stroke="#777" fill="none">`);
  parts.push(`<circle cx="${cx}" cy="2900" r="210" stroke-width="14"/><circle cx="${cx}" cy="2900" r="190" stroke-width="4"/>`);
  parts.push(`<path d="M ${cx} 2800 l 28 86 h 90 l -73 53 l 28 86 l -73 -53 l -73 53 l 28 -86 l -73 -53 h 90 z" fill="#777" stroke="none"/></g>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE_W}" height="${PAGE_H}" font-family="Liberation Serif, DejaVu Serif, serif" fill="#111"><rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>`;
}

let noise: Int8Array | undefined;
/** One shared field of sensor noise (sigma about 3 grey levels), read at a page-specific offset. */
function noiseField(): Int8Array {
  if (noise) return noise;
  const rand = mulberry32(9001);
  noise = new Int8Array(PAGE_W * PAGE_H + 65_536);
  for (let i = 0; i < noise.length; i++) noise[i] = Math.round((rand() + rand() + rand() - 1.5) * 6);
  return noise;
}

/** Raw 8-bit grey pixels (PAGE_W × PAGE_H) of a scanned page. */
export async function scanPagePixels(seed: number): Promise<Buffer> {
  const px = await sharp(Buffer.from(pageSvg(seed)), { density: 72 })
    .resize(PAGE_W, PAGE_H, { fit: 'fill' })
    .blur(0.7)
    .extractChannel(0)
    .raw()
    .toBuffer();
  const n = noiseField();
  const off = (seed * 7919) % 65_536;
  for (let i = 0; i < px.length; i++) {
    // Paper tone (white -> 236), ink never fully black, plus noise.
    const v = 18 + ((px[i]! * 218) >> 8) + n[i + off]!;
    px[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return px;
}

/** A multi-page greyscale TIFF (LZW, 300 dpi) of the given page pixels. */
export async function tiffOf(pages: Buffer[]): Promise<Uint8Array> {
  return sharp(Buffer.concat(pages), {
    raw: { width: PAGE_W, height: PAGE_H * pages.length, channels: 1, pageHeight: PAGE_H } as never,
  })
    .toColourspace('b-w')
    .tiff({ compression: 'lzw', xres: DPI / 25.4, yres: DPI / 25.4, resolutionUnit: 'inch' })
    .toBuffer();
}

/** A greyscale JPEG of one page, as scanner software embeds in a PDF. */
export async function jpegOf(page: Buffer): Promise<Uint8Array> {
  return sharp(page, { raw: { width: PAGE_W, height: PAGE_H, channels: 1 } })
    .toColourspace('b-w')
    .jpeg({ quality: 80 })
    .toBuffer();
}

/**
 * An A4 PDF with one full-page scan image per page plus a line of real text (the scanner's
 * page header); `tag` goes into the text so every call gives distinct bytes.
 */
export async function scanPdf(jpegs: Uint8Array[], tag: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const images = await Promise.all(jpegs.map((j) => doc.embedJpg(j)));
  images.forEach((img, i) => {
    const page = doc.addPage([595.28, 841.89]);
    page.drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 });
    page.drawText(`Scanned ${tag}  page ${i + 1}/${images.length}  Ref. E26${String(1000 + i).padStart(10, '0')}`, {
      x: 36,
      y: 822,
      size: 7,
      font,
      color: rgb(0.2, 0.2, 0.2),
    });
  });
  return doc.save();
}

/** Marks a page's pixels with `n` (a small block pattern in the margin) so each input is distinct. */
export function stamp(page: Buffer, n: number): Buffer {
  const out = Buffer.from(page);
  for (let bit = 0; bit < 16; bit++) {
    const on = (n >> bit) & 1;
    for (let y = 40; y < 56; y++) out.fill(on ? 30 : 230, y * PAGE_W + 60 + bit * 20, y * PAGE_W + 76 + bit * 20);
  }
  return out;
}
