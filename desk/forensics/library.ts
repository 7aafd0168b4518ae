/**
 * Specimen library logic (no database: the store keeps the blobs, this module the maths).
 *
 * 1:N identification over many specimens in two passes:
 *  1. a compact, rotation-invariant descriptor per stamp (magnitudes of the angular Fourier
 *     harmonics of its polar image, per radial band, plus the radial profile — 156 floats, L2
 *     normalised) compared by dot product against every specimen: ~1.6 M multiply-adds for 10 000;
 *  2. exact re-ranking of the top k by rotation-searched correlation of small polar images
 *     (16 × 64) loaded for those k only; full `verify` is then run by the caller on the best.
 * Signatures get a descriptor of direction histograms and a coarse ink grid.
 *
 * Also an impression index for copy-paste detection across the store: near-identical impressions
 * have near-identical descriptors, so candidates come from the same first pass and are confirmed
 * with `nearDuplicate`.
 */
import { R0, type PreparedMark } from './align.ts';
import { fft, gaussBlur, sample, type Gray } from './image.ts';
import { nearDuplicate } from './measures.ts';

export const DESCRIPTOR_SIZE = 156;
const BANDS = 12;
const HARMONICS = 12;
const SMALL_R = 16;
const SMALL_T = 64;

/** Polar samples of a canonical image: `nr` radii from 0.08 R0 to 1.04 R0, `nt` angles. */
function polar(img: Gray, nr: number, nt: number): Float32Array {
  const out = new Float32Array(nr * nt);
  const c = img.w / 2;
  for (let ri = 0; ri < nr; ri++) {
    const r = R0 * (0.08 + (0.96 * ri) / (nr - 1));
    for (let t = 0; t < nt; t++) {
      const a = (2 * Math.PI * t) / nt;
      out[ri * nt + t] = sample(img, c + r * Math.cos(a), c + r * Math.sin(a));
    }
  }
  return out;
}

/** Rotation-invariant descriptor of a stamp's canonical ink image (CANON × CANON, radius R0). */
export function stampDescriptor(canon: Gray): Float32Array {
  const nt = 128;
  const nr = BANDS * 3;
  const blurred = gaussBlur(canon, 2);
  const p = polar(blurred, nr, nt);
  const out = new Float32Array(DESCRIPTOR_SIZE);
  const re = new Float64Array(nt);
  const im = new Float64Array(nt);
  for (let b = 0; b < BANDS; b++) {
    re.fill(0);
    im.fill(0);
    let radial = 0;
    for (let k = 0; k < 3; k++) {
      for (let t = 0; t < nt; t++) re[t] = re[t]! + p[(b * 3 + k) * nt + t]!;
    }
    for (let t = 0; t < nt; t++) radial += re[t]!;
    fft(re, im);
    for (let h = 1; h <= HARMONICS; h++) out[b * HARMONICS + h - 1] = Math.hypot(re[h]!, im[h]!) / nt;
    out[BANDS * HARMONICS + b] = (radial / nt) * 0.5;
  }
  let n = 0;
  for (const v of out) n += v * v;
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / n;
  return out;
}

/** Small polar image for exact re-ranking (rotation by circular correlation). */
export function stampRerankBlob(canon: Gray): Float32Array {
  const p = polar(gaussBlur(canon, 2.5), SMALL_R, SMALL_T);
  // zero-mean, unit-norm rows so correlation is a cosine
  let n = 0;
  let m = 0;
  for (const v of p) m += v;
  m /= p.length;
  for (let i = 0; i < p.length; i++) {
    p[i] = p[i]! - m;
    n += p[i]! * p[i]!;
  }
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < p.length; i++) p[i] = p[i]! / n;
  return p;
}

/** Best circular correlation of two re-rank blobs over all rotations (−1..1). */
export function rerankScore(a: Float32Array, b: Float32Array): number {
  let best = -1;
  for (let s = 0; s < SMALL_T; s++) {
    let acc = 0;
    for (let r = 0; r < SMALL_R; r++) {
      const row = r * SMALL_T;
      for (let t = 0; t < SMALL_T; t++) acc += a[row + t]! * b[row + ((t + s) & (SMALL_T - 1))]!;
    }
    if (acc > best) best = acc;
  }
  return best;
}

export interface LibraryMeta {
  kind: 'stamp' | 'signature';
  /** Outer diameter (stamps) or ink width (signatures), mm. */
  sizeMm: number;
  ink: string;
}

export interface Candidate {
  id: string;
  /** First-pass cosine similarity of descriptors. */
  coarse: number;
  /** Exact re-rank score (null when not re-ranked). */
  exact: number | null;
  meta: LibraryMeta;
}

/** An in-memory descriptor index (the store persists ids, descriptors and meta; this rebuilds in ms). */
export class SpecimenIndex {
  private ids: string[] = [];
  private metas: LibraryMeta[] = [];
  private data = new Float32Array(DESCRIPTOR_SIZE * 1024);
  get size(): number {
    return this.ids.length;
  }
  add(id: string, descriptor: Float32Array, meta: LibraryMeta): void {
    if (descriptor.length !== DESCRIPTOR_SIZE) throw new Error(`descriptor must have ${DESCRIPTOR_SIZE} values`);
    if ((this.ids.length + 1) * DESCRIPTOR_SIZE > this.data.length) {
      const grown = new Float32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data.set(descriptor, this.ids.length * DESCRIPTOR_SIZE);
    this.ids.push(id);
    this.metas.push(meta);
  }
  /** Top-k by cosine similarity; `sizeMm` (when given) softly penalises specimens of another size. */
  search(descriptor: Float32Array, k: number, filter?: { kind?: 'stamp' | 'signature'; sizeMm?: number }): Candidate[] {
    const n = this.ids.length;
    const top: { i: number; s: number }[] = [];
    let floor = -Infinity;
    const D = DESCRIPTOR_SIZE;
    const data = this.data;
    for (let i = 0; i < n; i++) {
      const meta = this.metas[i]!;
      if (filter?.kind && meta.kind !== filter.kind) continue;
      let s = 0;
      const base = i * D;
      for (let j = 0; j < D; j++) s += data[base + j]! * descriptor[j]!;
      if (filter?.sizeMm && meta.sizeMm > 0) {
        const rel = Math.abs(Math.log(filter.sizeMm / meta.sizeMm));
        s -= Math.max(0, rel - 0.1) * 2; // beyond ±10 % in size, candidates fade
      }
      if (top.length < k) {
        top.push({ i, s });
        if (top.length === k) floor = Math.min(...top.map((t) => t.s));
      } else if (s > floor) {
        let worst = 0;
        for (let t = 1; t < top.length; t++) if (top[t]!.s < top[worst]!.s) worst = t;
        top[worst] = { i, s };
        floor = Math.min(...top.map((t) => t.s));
      }
    }
    return top.sort((a, b) => b.s - a.s).map((t) => ({ id: this.ids[t.i]!, coarse: t.s, exact: null, meta: this.metas[t.i]! }));
  }
}

export function descriptorOf(m: PreparedMark): Float32Array {
  if (m.kind === 'stamp') return stampDescriptor(m.canon);
  return signatureDescriptor(m.canon);
}

/** Signatures: 8-direction histograms on a 3×6 grid + a 4×6 coarse ink grid (156 values). */
export function signatureDescriptor(canon: Gray): Float32Array {
  const g = gaussBlur(canon, 2);
  const out = new Float32Array(DESCRIPTOR_SIZE);
  const rows = 3;
  const cols = 6;
  const bins = 8;
  for (let y = 1; y < g.h - 1; y++) {
    for (let x = 1; x < g.w - 1; x++) {
      const i = y * g.w + x;
      const gx = g.d[i + 1]! - g.d[i - 1]!;
      const gy = g.d[i + g.w]! - g.d[i - g.w]!;
      const mag = Math.hypot(gx, gy);
      if (mag < 1e-3) continue;
      let a = Math.atan2(gy, gx);
      if (a < 0) a += Math.PI;
      const b = Math.min(bins - 1, Math.floor((a / Math.PI) * bins));
      const r = Math.min(rows - 1, Math.floor((y / g.h) * rows));
      const c = Math.min(cols - 1, Math.floor((x / g.w) * cols));
      const k = (r * cols + c) * bins + b;
      out[k] = out[k]! + mag;
      const gr = Math.min(3, Math.floor((y / g.h) * 4));
      const gc = Math.min(5, Math.floor((x / g.w) * 6));
      const k2 = rows * cols * bins + gr * 6 + gc;
      out[k2] = out[k2]! + g.d[i]! * 0.05;
    }
  }
  let n = 0;
  for (const v of out) n += v * v;
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / n;
  return out;
}

/**
 * 1:N identification: first pass over the index, then exact re-ranking of the top `k` with their
 * re-rank blobs (loaded through `loadBlob`, e.g. from the store). Returns candidates best first.
 */
export async function identify(
  query: PreparedMark,
  index: SpecimenIndex,
  loadBlob: (id: string) => Float32Array | null | Promise<Float32Array | null>,
  k = 10,
): Promise<Candidate[]> {
  const cands = index.search(descriptorOf(query), k, { kind: query.kind, sizeMm: query.kind === 'stamp' ? query.sizeMm.diameter : undefined });
  if (query.kind !== 'stamp') return cands;
  const q = stampRerankBlob(query.canon);
  for (const c of cands) {
    const blob = await loadBlob(c.id);
    c.exact = blob ? rerankScore(q, blob) : null;
  }
  return cands.sort((a, b) => (b.exact ?? -2) - (a.exact ?? -2) || b.coarse - a.coarse);
}

/**
 * Copy-paste index: impressions already seen (on any document). `probe` returns the impressions
 * the query is a near-identical copy of (confirmed with `nearDuplicate`).
 */
export class ImpressionIndex {
  private index = new SpecimenIndex();
  private marks = new Map<string, PreparedMark>();
  add(id: string, mark: PreparedMark): void {
    this.index.add(id, descriptorOf(mark), { kind: mark.kind, sizeMm: mark.sizeMm.diameter, ink: mark.ink.name });
    this.marks.set(id, mark);
  }
  probe(mark: PreparedMark, k = 5): { id: string; score: number }[] {
    const out: { id: string; score: number }[] = [];
    for (const c of this.index.search(descriptorOf(mark), k, { kind: mark.kind })) {
      if (c.coarse < 0.95) continue;
      const other = this.marks.get(c.id);
      if (!other) continue;
      const { score, identical } = nearDuplicate(mark, other);
      if (identical) out.push({ id: c.id, score });
    }
    return out;
  }
}

