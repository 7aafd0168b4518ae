/**
 * mulberry32: a small, fast seeded PRNG, uniform in [0, 1). Everything generated from a seed —
 * demo documents, the labelled corpus, OCR test pages, seals and signatures, bench fixtures —
 * draws from this one stream function, so the same seed always gives the same output.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
