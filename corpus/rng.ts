import { mulberry32 } from '../desk/seeded-random.ts';

/** Seeded pseudo-random numbers (mulberry32): the whole corpus is a pure function of its seeds. */
export class Rng {
  private readonly draw: () => number;
  constructor(seed: number) {
    // Mix the seed so neighbouring seeds give unrelated streams.
    let h = (seed ^ 0x9e3779b9) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    this.draw = mulberry32((h ^ (h >>> 16)) >>> 0);
  }
  /** Uniform in [0, 1). */
  next(): number {
    return this.draw();
  }
  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  float(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Pick with weights: `[[item, weight], …]`. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  }
  /** Approximately normal (sum of uniforms), mean 0, sd 1. */
  gauss(): number {
    return this.next() + this.next() + this.next() + this.next() + this.next() + this.next() - 3;
  }
  /** A child generator for an independent sub-stream (so adding a draw here never shifts another). */
  fork(tag: number): Rng {
    return new Rng(Math.floor(this.next() * 0x7fffffff) ^ Math.imul(tag, 0x27d4eb2d));
  }
}
