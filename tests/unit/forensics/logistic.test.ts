/**
 * The calibration's logistic fit (IRLS) on a genuine-vs-class expert's rows where the predictions
 * saturate: generated wrong-diameter forgeries nearly separated by the size hinge, with the other
 * measures of the same rows. An undamped Newton step overshot there (intercept ≈ −5·10⁵, every
 * genuine mark then scored 0); the damped fit converges.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auc, fitLogistic, predict } from '../../../desk/forensics/logistic.ts';

const here = dirname(fileURLToPath(import.meta.url));
const { feats, data } = JSON.parse(readFileSync(join(here, 'fixtures', 'expert-near-separation.json'), 'utf8')) as { feats: string[]; data: number[][] };
const rows = data.map((d) => Object.fromEntries(feats.map((f, j) => [f, d[j]!])));
const labels = data.map((d) => d[feats.length]!);

describe('logistic fit', () => {
  it('converges where one measure nearly separates the classes', () => {
    const m = fitLogistic(feats, rows, labels, 1);
    expect(Math.abs(m.intercept)).toBeLessThan(20);
    for (const c of m.coef) expect(Math.abs(c)).toBeLessThan(20);
    const p = rows.map((r) => predict(m, r));
    const pos = p.filter((_, i) => labels[i] === 1);
    const neg = p.filter((_, i) => labels[i] === 0);
    expect(auc(pos, neg)).toBeGreaterThan(0.95);
    // genuine rows are not all pushed to 0 (what the diverged fit did)
    expect(pos.filter((v) => v > 0.5).length).toBeGreaterThan(pos.length * 0.8);
  });
});
