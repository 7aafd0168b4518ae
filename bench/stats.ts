/** Order statistics for benchmark samples. */

function sorted(xs: readonly number[]): number[] {
  if (xs.length === 0) throw new Error('no samples');
  return [...xs].sort((a, b) => a - b);
}

export function median(xs: readonly number[]): number {
  const s = sorted(xs);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank 95th percentile (with 5 samples: the largest). */
export function p95(xs: readonly number[]): number {
  const s = sorted(xs);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!;
}

/** Nearest-rank 5th percentile: the 95th percentile of a throughput's slow side. */
export function p5(xs: readonly number[]): number {
  const s = sorted(xs);
  return s[Math.max(0, Math.ceil(0.05 * s.length) - 1)]!;
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
