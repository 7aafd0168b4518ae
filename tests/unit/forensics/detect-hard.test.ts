import { describe, expect, it } from 'vitest';
import { detectMarks } from '../../../desk/forensics/extract.ts';
import { iou } from '../../../desk/forensics/image.ts';
import { generatePage } from '../../../desk/forensics/synth/page.ts';

// Development pages (seeds 50000+, the same as the detector's development set; never the bench's
// 10000+) that show one failure class each; the old detector cut these signatures short or let them
// swallow a rule or a seal.
type Variant = 'standard' | 'overlap' | 'black_seal';

async function signatureMatches(seed: number, variant: Variant, pick: (box: { x: number; y: number; w: number; h: number }) => boolean) {
  const page = generatePage(`dev-${seed}`, { dpi: 200, variant });
  const truth = page.marks.find((m) => m.kind === 'signature' && pick(m.box));
  expect(truth).toBeDefined();
  const found = (await detectMarks(page.rgb, page.dpi)).filter((m) => m.kind === 'signature');
  const best = Math.max(0, ...found.map((m) => iou(m.box, truth!.box)));
  return { best, page, found };
}

const issuer = (b: { x: number }) => b.x > 827; // box 12 (right of the 105 mm rule at 200 dpi)
const exporter = (b: { x: number }) => b.x < 827;

describe('detection on harder pages', () => {
  it('a signature in the seal’s own ink touching its rim is not cut off by a lobe of the seal’s body', async () => {
    // blue pen under a blue seal: the light closing seals the signature's loops and underline against
    // the rim into a solid lobe; the lobe is opened off the seal body like a welded one
    const { best } = await signatureMatches(50001, 'standard', issuer);
    expect(best).toBeGreaterThanOrEqual(0.5);
  });

  it('a coloured signature across a form rule does not take the rule into its box', async () => {
    // the blue stroke over the black rule broke the rule's dark pixels into pieces shorter than a line
    for (const [seed, pick] of [
      [50007, exporter],
      [50047, issuer],
    ] as const) {
      const { best, found } = await signatureMatches(seed, 'standard', pick);
      expect(best).toBeGreaterThanOrEqual(0.5);
      // and nothing runs along the rule (22–95 mm) as a signature
      for (const m of found) expect(m.box.w).toBeLessThan(60 * (200 / 25.4));
    }
  });

  it('a blue signature over a dense, tinted black seal does not take the seal’s lettering', async () => {
    // the seal's ink reads as magenta; the colourless dark fringe of its strokes is the seal's
    const { best, found } = await signatureMatches(50027, 'black_seal', issuer);
    expect(best).toBeGreaterThanOrEqual(0.5);
    const page = generatePage('dev-50027', { dpi: 200, variant: 'black_seal' });
    const seal = page.marks.find((m) => m.kind === 'stamp' && m.ink === 'black')!;
    for (const m of found) expect(iou(m.box, seal.box)).toBeLessThan(0.3);
  });

  it('two signatures side by side in different pens are not joined into one box', async () => {
    // the exporter's black signature runs on past the 105 mm rule to touch the issuer's blue one
    const { best, page, found } = await signatureMatches(50017, 'standard', exporter);
    expect(best).toBeGreaterThanOrEqual(0.5);
    const [a, b] = page.marks.filter((m) => m.kind === 'signature');
    for (const m of found) expect(iou(m.box, a!.box) >= 0.3 && iou(m.box, b!.box) >= 0.3).toBe(false);
  });

  it('a pen stroke much denser than the seal’s ink over it stays the signature’s', async () => {
    const { best } = await signatureMatches(50029, 'standard', issuer);
    expect(best).toBeGreaterThanOrEqual(0.5);
  });
});
