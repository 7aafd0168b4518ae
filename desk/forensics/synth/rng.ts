/** Seeded pseudo-random numbers (mulberry32) so every generated item is reproducible from its seed. */
import { mulberry32 } from '../../seeded-random.ts';

export interface Rng {
  (): number;
  range(a: number, b: number): number;
  int(a: number, b: number): number;
  normal(mu?: number, sigma?: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
  /** An independent stream derived from this one and a label (stable across code changes elsewhere). */
  fork(label: string | number): Rng;
}

function hash32(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export function rng(seed: number | string): Rng {
  const a = (typeof seed === 'string' ? hash32(seed) : seed >>> 0) || 0x9e3779b9;
  const base = typeof seed === 'string' ? seed : String(seed);
  const next = mulberry32(a) as Rng;
  let spare: number | null = null;
  next.range = (lo, hi) => lo + (hi - lo) * next();
  next.int = (lo, hi) => Math.floor(lo + (hi - lo + 1) * next());
  next.normal = (mu = 0, sigma = 1) => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return mu + sigma * v;
    }
    let u = 0;
    let v = 0;
    while (u === 0) u = next();
    v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return mu + sigma * r * Math.cos(2 * Math.PI * v);
  };
  next.pick = (xs) => xs[Math.floor(next() * xs.length)]!;
  next.chance = (p) => next() < p;
  next.fork = (label) => rng(`${base}/${label}`);
  return next;
}

/** Smooth random field in [0,1] of size w×h with features about `cell` pixels wide (bilinear value noise). */
export function valueNoise(r: Rng, w: number, h: number, cell: number): Float32Array {
  const gw = Math.ceil(w / cell) + 2;
  const gh = Math.ceil(h / cell) + 2;
  const grid = new Float32Array(gw * gh);
  for (let i = 0; i < grid.length; i++) grid[i] = r();
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const gy = y / cell;
    const y0 = Math.floor(gy);
    let fy = gy - y0;
    fy = fy * fy * (3 - 2 * fy);
    for (let x = 0; x < w; x++) {
      const gx = x / cell;
      const x0 = Math.floor(gx);
      let fx = gx - x0;
      fx = fx * fx * (3 - 2 * fx);
      const a = grid[y0 * gw + x0]!;
      const b = grid[y0 * gw + x0 + 1]!;
      const c = grid[(y0 + 1) * gw + x0]!;
      const d = grid[(y0 + 1) * gw + x0 + 1]!;
      out[y * w + x] = (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
    }
  }
  return out;
}
