/**
 * Generated handwritten signatures, deterministic from seeds.
 *
 * A signer is a cursive trajectory template: via-points on baseline / x-height / ascender /
 * descender levels joined by a Catmull–Rom spline, split by pen lifts, sometimes with a flourish.
 * A genuine signature redraws it with natural variation (point jitter, scale, slant, rotation,
 * speed-dependent width, tapered fast endings). A skilled forgery (simulated or traced) follows the
 * same template more loosely or very closely but slowly: tremor, uniform width, blunt endings,
 * hesitation gaps. A random forgery is another signer's genuine signature.
 */
import { gray, type Gray, type Rgb } from '../image.ts';
import { composite, inkColour, paper, rasterise, scan, type InkName } from './ink.ts';
import { rng, valueNoise, type Rng } from './rng.ts';

type P = [number, number];

/**
 * One word of a signature in the oscillatory handwriting model (Hollerbach): the pen oscillates
 * vertically between extremal levels (baseline 0, x-height −1, ascender ≈ −2.3, descender ≈ +1)
 * while moving right; a horizontal oscillation in phase lag makes the loops and the slant.
 */
interface Word {
  /** Vertical extremal levels, alternating top/bottom, in x-height units (y down). */
  levels: number[];
  /** Horizontal advance per half-cycle. */
  advance: number[];
  /** Horizontal oscillation amplitude and its phase lag. */
  ax: number;
  phase: number;
  /** Where the word starts (x, in x-height units). */
  x0: number;
}

export interface Signer {
  id: string;
  words: Word[];
  /** Optional underline flourish from the end back under the name. */
  flourish: boolean;
  xHeightMm: number;
  penMm: number;
  slant: number;
  ink: InkName;
  /** How much this writer varies between signatures (level jitter in x-height units). */
  variability: number;
}

export function signer(seed: string | number): Signer {
  const r = rng(`signer/${seed}`);
  const nWords = r.pick([1, 2, 2, 2, 3]);
  const words: Word[] = [];
  let x = 0;
  for (let w = 0; w < nWords; w++) {
    const halfCycles = 2 * r.int(3, 7) + (w === 0 ? 2 : 0);
    const levels: number[] = [];
    const advance: number[] = [];
    for (let k = 0; k < halfCycles; k++) {
      const top = k % 2 === 0;
      let lv: number;
      if (top) lv = (k === 0 && (w === 0 || r.chance(0.5))) || r.chance(0.22) ? r.range(-2.6, -1.9) : r.range(-1.15, -0.8);
      else lv = r.chance(0.15) && k < halfCycles - 1 ? r.range(0.7, 1.3) : r.range(-0.08, 0.08);
      levels.push(lv);
      advance.push(r.range(0.28, 0.55));
    }
    levels.push(r.range(-0.6, -0.2));
    advance.push(r.range(0.3, 0.5));
    const word: Word = { levels, advance, ax: r.range(0.08, 0.32), phase: r.range(0.3, 1.3), x0: x };
    words.push(word);
    x += advance.reduce((s, v) => s + v, 0) + r.range(0.5, 1.1);
  }
  return {
    id: `W${(r() * 1e9).toFixed(0)}`,
    words,
    flourish: r.chance(0.45),
    xHeightMm: r.range(2.6, 4.6),
    penMm: r.range(0.3, 0.5),
    slant: r.range(-0.3, 0.12),
    // ballpoint pens: blue or black, rarely violet
    ink: r() < 0.5 ? 'blue' : r() < 0.9 ? 'black' : 'violet',
    variability: r.range(0.04, 0.08),
  };
}

/** The dense pen path of one word (x-height units), with per-sample speed. */
function wordPath(w: Word, r: Rng, jitter: number, timing: number): { pts: P[]; speed: number[] } {
  const pts: P[] = [];
  const speed: number[] = [];
  const n = w.levels.length;
  const levels = w.levels.map((v) => v + r.normal(0, jitter));
  const adv = w.advance.map((v) => Math.max(0.12, v * (1 + r.normal(0, timing))));
  const ax = w.ax * (1 + r.normal(0, timing));
  const phase = w.phase + r.normal(0, timing);
  const steps = 16;
  let xBase = w.x0 + r.normal(0, jitter);
  let prevLevel = levels[0]! + 0.9; // enters from below
  for (let k = 0; k < n; k++) {
    const target = levels[k]!;
    for (let s = 0; s < steps; s++) {
      const u = s / steps;
      const t = k + u;
      const y = prevLevel + (target - prevLevel) * (0.5 - 0.5 * Math.cos(Math.PI * u));
      const x = xBase + adv[k]! * u + ax * Math.sin(Math.PI * t + phase);
      pts.push([x, y]);
      speed.push(Math.abs(Math.sin(Math.PI * u)));
    }
    xBase += adv[k]!;
    prevLevel = target;
  }
  return { pts, speed };
}

interface Trace {
  pts: P[];
  widths: number[];
}

export type SignatureKind = 'genuine' | 'simulated' | 'traced';

export interface SignatureParams {
  kind: SignatureKind;
  dpi: number;
}

/** The pen trajectory of one signing act, in mm, with per-sample pen widths. */
function signingAct(s: Signer, kind: SignatureKind, r: Rng): Trace[] {
  const forged = kind !== 'genuine';
  const jitter = kind === 'genuine' ? s.variability : kind === 'simulated' ? s.variability * r.range(1.6, 2.6) : s.variability * r.range(0.5, 0.9);
  const timing = kind === 'simulated' ? 0.09 : 0.05;
  const scale = (1 + r.normal(0, 0.05)) * (kind === 'simulated' ? 1 + r.normal(0, 0.06) : 1);
  const slant = s.slant + r.normal(0, 0.04) + (kind === 'simulated' ? r.normal(0, 0.06) : 0);
  const rot = r.normal(0, 0.035);
  const aspect = 1 + r.normal(0, 0.035);
  const k = s.xHeightMm * scale;
  const paths = s.words.map((w) => wordPath(w, r, jitter, timing));
  if (s.flourish) {
    const last = paths[paths.length - 1]!.pts;
    const end = last[last.length - 1]!;
    const xStart = s.words[0]!.x0;
    const pts: P[] = [];
    const speed: number[] = [];
    const dip = 0.9 + r.normal(0, jitter * 2);
    for (let i = 0; i <= 40; i++) {
      const u = i / 40;
      pts.push([end[0] + 0.3 * Math.sin(u * Math.PI) - (end[0] - xStart) * 0.85 * u * u, end[1] + (dip - end[1]) * Math.sin((u * Math.PI) / 2)]);
      speed.push(Math.sin(Math.PI * u) * 0.5 + 0.5);
    }
    last.push(...pts);
    paths[paths.length - 1]!.speed.push(...speed);
  }
  const traces: Trace[] = [];
  const cr = Math.cos(rot);
  const sr = Math.sin(rot);
  for (const path of paths) {
    const n = path.pts.length;
    const tremorAmp = kind === 'genuine' ? 0 : kind === 'traced' ? r.range(0.05, 0.12) : r.range(0.03, 0.09); // mm
    const tremorWave = r.range(0.6, 1.6); // mm
    const tremorPhase = r.range(0, 100);
    const pts: P[] = [];
    const widths: number[] = [];
    let along = 0;
    for (let i = 0; i < n; i++) {
      const [x, y] = path.pts[i]!;
      let X = (x - y * slant) * k * aspect;
      let Y = y * k;
      [X, Y] = [cr * X - sr * Y, sr * X + cr * Y];
      if (i > 0) along += Math.hypot(X - pts[i - 1]![0], Y - pts[i - 1]![1]);
      if (tremorAmp > 0 && i > 0) {
        const prev = pts[i - 1]!;
        const dx = X - prev[0];
        const dy = Y - prev[1];
        const len = Math.hypot(dx, dy) + 1e-9;
        const t = tremorAmp * (Math.sin((along / tremorWave) * 2 * Math.PI + tremorPhase) * 0.6 + r.normal(0, 0.55));
        X += (-dy / len) * t;
        Y += (dx / len) * t;
      }
      pts.push([X, Y]);
      const f = i / Math.max(1, n - 1);
      const taper = forged ? 1 : Math.min(1, 0.35 + Math.min(f, 1 - f) * 12);
      const sp = forged ? 0.25 + 0.15 * path.speed[i]! : path.speed[i]!;
      widths.push(s.penMm * (forged ? 1.12 : 1) * (1.2 - 0.45 * sp) * taper);
    }
    // hesitation: a forger lifts the pen and restarts slightly offset
    if (kind !== 'genuine' && r.chance(0.6) && n > 60) {
      const cuts = r.int(1, 3);
      let start = 0;
      const cutAt = Array.from({ length: cuts }, () => r.int(20, n - 20)).sort((a, b) => a - b);
      for (const c of cutAt) {
        if (c - start < 10) continue;
        traces.push({ pts: pts.slice(start, c + 1), widths: widths.slice(start, c + 1) });
        start = c - 1;
        const off: P = [r.normal(0, 0.12), r.normal(0, 0.12)];
        for (let j = c - 1; j < n; j++) pts[j] = [pts[j]![0] + off[0], pts[j]![1] + off[1]];
      }
      traces.push({ pts: pts.slice(start), widths: widths.slice(start) });
    } else traces.push({ pts, widths });
  }
  return traces;
}

export interface SignatureSample {
  rgb: Rgb;
  dpi: number;
  density: Gray;
  /** Ink bounding box in the crop, px. */
  box: { x: number; y: number; w: number; h: number };
  ink: [number, number, number];
}

/** Ink density of a signing act rendered at `dpi`, tightly framed with a margin. */
export function signatureDensity(s: Signer, kind: SignatureKind, seed: string | number, dpi: number): { density: Gray; ink: [number, number, number] } {
  const r = rng(`sig/${s.id}/${kind}/${seed}`);
  const traces = signingAct(s, kind, r);
  const pxPerMm = dpi / 25.4;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const t of traces) {
    for (const [x, y] of t.pts) {
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
  }
  const margin = 2 + s.penMm * 2;
  const w = Math.ceil((x1 - x0 + 2 * margin) * pxPerMm);
  const h = Math.ceil((y1 - y0 + 2 * margin) * pxPerMm);
  const cov = rasterise(w, h, (ctx) => {
    for (const t of traces) {
      for (let i = 1; i < t.pts.length; i++) {
        const a = t.pts[i - 1]!;
        const b = t.pts[i]!;
        ctx.lineWidth = Math.max(0.6, t.widths[i]! * pxPerMm);
        ctx.beginPath();
        ctx.moveTo((a[0] - x0 + margin) * pxPerMm, (a[1] - y0 + margin) * pxPerMm);
        ctx.lineTo((b[0] - x0 + margin) * pxPerMm, (b[1] - y0 + margin) * pxPerMm);
        ctx.stroke();
      }
      if (kind !== 'genuine') {
        // blunt endings: the slow pen rests and leaves a dot of ink
        for (const end of [t.pts[0]!, t.pts[t.pts.length - 1]!]) {
          ctx.beginPath();
          ctx.arc((end[0] - x0 + margin) * pxPerMm, (end[1] - y0 + margin) * pxPerMm, Math.max(0.6, s.penMm * 0.75 * pxPerMm), 0, Math.PI * 2);
          ctx.fill();
        }
      }
    }
  });
  const grain = valueNoise(r, w, h, Math.max(1.2, pxPerMm * 0.15));
  const density = gray(w, h);
  const load = r.range(0.75, 0.95);
  for (let i = 0; i < w * h; i++) density.d[i] = Math.min(0.97, cov.d[i]! * load * (0.8 + 0.35 * grain[i]!));
  return { density, ink: inkColour(s.ink, r.fork('ink')) };
}

/** A scanned crop of one signature on paper (optionally across a signature line). */
export function signatureSample(
  s: Signer,
  kind: SignatureKind,
  seed: string | number,
  opts: { dpi?: number; line?: boolean } = {},
): SignatureSample {
  const r = rng(`sig-sample/${s.id}/${kind}/${seed}`);
  const dpi = opts.dpi ?? r.pick([200, 300, 300, 300, 400, 600]);
  const { density, ink } = signatureDensity(s, kind, seed, dpi);
  const pad = Math.round(dpi / 10);
  const w = density.w + 2 * pad;
  const h = density.h + 2 * pad;
  const page = paper(w, h, r.fork('paper'));
  if (opts.line ?? r.chance(0.3)) {
    const y = Math.round(pad + density.h * r.range(0.6, 0.8));
    const t = Math.max(1, Math.round(dpi / 300));
    for (let yy = y; yy < y + t; yy++) for (let x = 0; x < w; x++) for (let c = 0; c < 3; c++) page.d[(yy * w + x) * 3 + c] = 40;
  }
  composite(page, density, pad, pad, ink);
  scan(page, r.fork('scan'), { blur: r.range(0.3, 0.6), noise: r.range(1, 3) });
  const placed = gray(w, h);
  for (let y = 0; y < density.h; y++) placed.d.set(density.d.subarray(y * density.w, (y + 1) * density.w), (y + pad) * w + pad);
  return { rgb: page, dpi, density: placed, box: { x: pad, y: pad, w: density.w, h: density.h }, ink };
}
