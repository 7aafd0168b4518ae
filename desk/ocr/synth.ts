/**
 * Synthetic "scanned" pages with exact ground truth, for the OCR tests and the OCR bench.
 * Not used by the desk at run time.
 *
 * Text is drawn with @napi-rs/canvas (system fonts: Liberation, Nanum for Hangul, WenQuanYi
 * for Chinese, as on Debian with fonts-liberation, fonts-nanum, fonts-wqy-microhei), then the
 * page is degraded the way scanners and fax machines degrade paper: skew, a coloured stamp,
 * low resolution, blur, noise, JPEG. Every word's position is known in the final image.
 */
import { existsSync } from 'node:fs';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import sharp from 'sharp';
import type { Box } from '../../contract/fields.ts';
import { mulberry32 } from '../seeded-random.ts';

export type SynthFont = 'sans' | 'serif' | 'mono' | 'kor' | 'chi';

const FONT_FILES: Record<SynthFont, { family: string; files: string[] }> = {
  sans: { family: 'Liberation Sans', files: ['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf'] },
  serif: { family: 'Liberation Serif', files: ['/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf'] },
  mono: { family: 'Liberation Mono', files: ['/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf'] },
  kor: { family: 'NanumGothic', files: ['/usr/share/fonts/truetype/nanum/NanumGothic.ttf'] },
  chi: { family: 'WenQuanYi Micro Hei', files: ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'] },
};

let fontsRegistered = false;
function registerFonts(): void {
  if (fontsRegistered) return;
  fontsRegistered = true;
  const have = new Set(GlobalFonts.families.map((f) => f.family));
  for (const { family, files } of Object.values(FONT_FILES)) {
    if (have.has(family)) continue;
    for (const f of files) if (existsSync(f)) GlobalFonts.registerFromPath(f, family);
  }
}

/** True when the font for `font` is available on this machine. */
export function hasFont(font: SynthFont): boolean {
  registerFonts();
  return GlobalFonts.families.some((f) => f.family === FONT_FILES[font].family);
}

export interface SynthLine {
  text: string;
  /** Left edge and baseline, in 300-dpi page pixels. */
  x: number;
  y: number;
  /** Font size in 300-dpi pixels (10 pt = 42 px). */
  size: number;
  font?: SynthFont;
  bold?: boolean;
  colour?: string;
}

export interface SynthStamp {
  /** Centre and radius in 300-dpi page pixels. */
  cx: number;
  cy: number;
  r: number;
  colour: 'red' | 'blue' | 'violet';
  text?: string;
}

export interface SynthSpec {
  /** Page size in 300-dpi pixels (A4: 2480×3508). */
  width: number;
  height: number;
  lines: SynthLine[];
  stamps?: SynthStamp[];
  /** A handwritten-looking signature scrawl in blue ink at this point (300-dpi px). */
  signature?: { x: number; y: number };
  /** Rotation of the content about the page centre, degrees, clockwise positive. */
  skewDeg?: number;
  /** Rotate the whole page by this (clockwise), after skew: a page fed upside down or sideways. */
  rotate?: 0 | 90 | 180 | 270;
  /** Output resolution (default 300): the page is drawn at dpi/300 scale. */
  dpi?: number;
  /** Gaussian blur sigma in output pixels. */
  blur?: number;
  /** Gaussian noise sigma (grey levels). */
  noise?: number;
  /** Salt-and-pepper specks: fraction of pixels flipped. */
  specks?: number;
  /** Encode as JPEG at this quality instead of PNG. */
  jpegQuality?: number;
  /** Paper tone (grey level of the paper, default 255) and a left-to-right shading amount (0..1). */
  paper?: number;
  shading?: number;
  /** Seed for the noise generator (default 1). */
  seed?: number;
}

export interface SynthWord extends Box {
  text: string;
  /** Centre of the drawn word in output pixels (inside the box even when skewed). */
  cx: number;
  cy: number;
}

export interface SynthPage {
  image: Buffer;
  width: number;
  height: number;
  dpi: number;
  words: SynthWord[];
  /** Ground truth: lines in reading order joined with '\n'. */
  text: string;
}


const STAMP_COLOURS = { red: '#d7263d', blue: '#1f4fc4', violet: '#7b3fb0' } as const;

export async function renderSynthPage(spec: SynthSpec): Promise<SynthPage> {
  registerFonts();
  const dpi = spec.dpi ?? 300;
  const k = dpi / 300;
  const rot = spec.rotate ?? 0;
  const baseW = Math.round(spec.width * k);
  const baseH = Math.round(spec.height * k);
  const sideways = rot === 90 || rot === 270;
  const W = sideways ? baseH : baseW;
  const H = sideways ? baseW : baseH;
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');
  const paper = spec.paper ?? 255;
  ctx.fillStyle = `rgb(${paper},${paper},${Math.max(0, paper - 6)})`;
  ctx.fillRect(0, 0, W, H);

  // Page transform: output = R(rot) · T(centre) · R(skew) · T(-centre) · S(k)
  ctx.translate(W / 2, H / 2);
  ctx.rotate((rot * Math.PI) / 180);
  ctx.translate(-baseW / 2, -baseH / 2);
  ctx.translate(baseW / 2, baseH / 2);
  ctx.rotate(((spec.skewDeg ?? 0) * Math.PI) / 180);
  ctx.translate(-baseW / 2, -baseH / 2);
  ctx.scale(k, k);
  const m = ctx.getTransform();
  const apply = (x: number, y: number): [number, number] => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];

  const words: SynthWord[] = [];
  const lineTexts: { y: number; x: number; text: string }[] = [];
  for (const line of spec.lines) {
    const family = FONT_FILES[line.font ?? 'sans'].family;
    ctx.font = `${line.bold ? 'bold ' : ''}${line.size}px "${family}"`;
    ctx.fillStyle = line.colour ?? '#111111';
    ctx.fillText(line.text, line.x, line.y);
    lineTexts.push({ x: line.x, y: line.y, text: line.text });
    // Word boxes: advance of the prefix gives each word's left edge.
    let offset = 0;
    for (const part of line.text.split(/(\s+)/)) {
      const adv = ctx.measureText(part).width;
      if (part.trim() !== '') {
        const mt = ctx.measureText(part);
        const x0 = line.x + offset;
        const x1 = x0 + adv;
        const y0 = line.y - mt.actualBoundingBoxAscent;
        const y1 = line.y + mt.actualBoundingBoxDescent;
        const pts = [apply(x0, y0), apply(x1, y0), apply(x1, y1), apply(x0, y1)];
        const xs = pts.map((p) => p[0]);
        const ys = pts.map((p) => p[1]);
        const c = apply((x0 + x1) / 2, (y0 + y1) / 2);
        words.push({
          text: part,
          x: Math.min(...xs),
          y: Math.min(...ys),
          w: Math.max(...xs) - Math.min(...xs),
          h: Math.max(...ys) - Math.min(...ys),
          cx: c[0],
          cy: c[1],
        });
      }
      offset += adv;
    }
  }

  // Stamps and signatures: coloured ink laid over the print (multiply, as ink on paper).
  ctx.globalCompositeOperation = 'multiply';
  for (const s of spec.stamps ?? []) {
    const colour = STAMP_COLOURS[s.colour];
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.globalAlpha = 0.85;
    ctx.lineWidth = s.r * 0.06;
    ctx.beginPath();
    ctx.arc(s.cx, s.cy, s.r, 0, Math.PI * 2);
    ctx.stroke();
    ctx.lineWidth = s.r * 0.03;
    ctx.beginPath();
    ctx.arc(s.cx, s.cy, s.r * 0.78, 0, Math.PI * 2);
    ctx.stroke();
    ctx.font = `bold ${Math.round(s.r * 0.3)}px "Liberation Sans"`;
    const label = s.text ?? 'CUSTOMS';
    const tw = ctx.measureText(label).width;
    ctx.save();
    ctx.translate(s.cx, s.cy);
    ctx.rotate(-0.25);
    ctx.fillText(label, -tw / 2, s.r * 0.1);
    ctx.restore();
    ctx.globalAlpha = 1;
  }
  if (spec.signature) {
    const { x, y } = spec.signature;
    ctx.strokeStyle = STAMP_COLOURS.blue;
    ctx.lineWidth = 5;
    ctx.beginPath();
    ctx.moveTo(x, y);
    for (let i = 1; i <= 40; i++) {
      const t = i / 40;
      ctx.lineTo(x + t * 420, y - 40 * Math.sin(t * 19) - 30 * Math.sin(t * 5));
    }
    ctx.stroke();
  }
  ctx.globalCompositeOperation = 'source-over';

  // Degradations on the pixels.
  const rgba = canvas.data();
  const px = new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  const rand = mulberry32(spec.seed ?? 1);
  const shading = spec.shading ?? 0;
  if (shading > 0) {
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const f = 1 - shading * (x / W) * (0.6 + 0.4 * (y / H));
        const i = (y * W + x) * 4;
        px[i] = px[i]! * f;
        px[i + 1] = px[i + 1]! * f;
        px[i + 2] = px[i + 2]! * f;
      }
    }
  }
  let img = sharp(Buffer.from(px.buffer, px.byteOffset, px.byteLength), { raw: { width: W, height: H, channels: 4 } }).removeAlpha();
  if (spec.blur && spec.blur > 0) {
    const { data, info } = await img.blur(Math.max(0.3, spec.blur)).raw().toBuffer({ resolveWithObject: true });
    img = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
  }
  if ((spec.noise ?? 0) > 0 || (spec.specks ?? 0) > 0) {
    const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
    const sigma = spec.noise ?? 0;
    const specks = spec.specks ?? 0;
    for (let i = 0; i < info.width * info.height; i++) {
      let n = 0;
      if (sigma > 0) {
        // Box-Muller
        const u = Math.max(1e-9, rand());
        n = sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
      }
      let speck = -1;
      if (specks > 0 && rand() < specks) speck = rand() < 0.5 ? 0 : 255;
      for (let c = 0; c < info.channels; c++) {
        const j = i * info.channels + c;
        data[j] = speck >= 0 ? speck : Math.max(0, Math.min(255, data[j]! + n));
      }
    }
    img = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
  }
  const image = spec.jpegQuality
    ? await img.jpeg({ quality: spec.jpegQuality }).withMetadata({ density: dpi }).toBuffer()
    : await img.png({ compressionLevel: 1 }).withMetadata({ density: dpi }).toBuffer();

  lineTexts.sort((a, b) => a.y - b.y || a.x - b.x);
  return { image, width: W, height: H, dpi, words, text: lineTexts.map((l) => l.text).join('\n') };
}

/** A ground-truth word by its text (first match), for box assertions. */
export function findWord(page: SynthPage, text: string): SynthWord {
  const w = page.words.find((x) => x.text === text);
  if (!w) throw new Error(`no word ${text} on the synthetic page`);
  return w;
}

// ---------------------------------------------------------------------------
// Stock content: a certificate-of-origin-like page.

export const ENGLISH_LINES = [
  'CERTIFICATE OF ORIGIN  Form E  Reference No. E2024-KR-0012345',
  '1. Exporter: Hanil Trading Co., Ltd., 45 Teheran-ro, Gangnam-gu, Seoul',
  '2. Consignee: Guangzhou Baiyun Import & Export Corp., Guangdong, China',
  '3. Departure date: 14 March 2024   Vessel: HMM Algeciras V.012E',
  '4. Port of discharge: Nansha, Guangzhou   Invoice No. HT-INV-88213',
  '5. Item 1: 240 cartons of stainless steel kitchen sinks, HS 7324.10',
  '6. Gross weight 4,820.50 kg   FOB value USD 38,415.00   Origin WO',
  '7. Marks and numbers: HANIL/GZ/2024/001-240, made in Korea',
  '8. Declaration by the exporter: the goods were produced in Korea.',
  '9. Certified by the Korea Chamber of Commerce and Industry, Seoul',
];

export const KOREAN_LINES = [
  '원산지증명서 발급번호 제2024-0012호',
  '수출자: 한일무역 주식회사 서울특별시 강남구',
  '품명: 스테인리스 주방용 싱크대 240상자',
];

export const CHINESE_LINES = ['原产地证明书 编号 2024-0012', '出口商 韩日贸易有限公司 首尔'];

/** An A4 300-dpi page with `lines` at 10–12 pt, left margin 200 px. */
export function a4Spec(lines: { text: string; font?: SynthFont }[], extra: Partial<SynthSpec> = {}): SynthSpec {
  return {
    width: 2480,
    height: 3508,
    lines: lines.map((l, i) => ({ text: l.text, font: l.font ?? 'sans', x: 200, y: 400 + i * 110, size: i === 0 ? 50 : 42 })),
    ...extra,
  };
}

/**
 * `image` as a standard-mode fax sends it: half the rows (each sent twice) and hard black and white
 * at `threshold`. Word positions are unchanged.
 */
export async function standardModeFax(image: Buffer, threshold = 170): Promise<Buffer> {
  const meta = await sharp(image).metadata();
  const half = await sharp(image).greyscale().resize(meta.width!, Math.round(meta.height! / 2), { fit: 'fill', kernel: 'nearest' }).raw().toBuffer({ resolveWithObject: true });
  return sharp(half.data, { raw: { width: half.info.width, height: half.info.height, channels: 1 } })
    .resize(meta.width!, meta.height!, { fit: 'fill', kernel: 'nearest' })
    .threshold(threshold)
    .png()
    .toBuffer();
}
