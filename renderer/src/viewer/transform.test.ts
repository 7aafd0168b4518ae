import { describe, expect, it } from 'vitest';
import {
  clampPan,
  fitPage,
  fitWidth,
  nextZoomStep,
  rotateAround,
  toCssTransform,
  zoomAt,
  type View,
} from './transform.ts';

const A4 = { width: 2480, height: 3508 };
const viewport = { width: 1000, height: 800 };

/** Where image point (ix, iy) lands on screen under `view` (the same maths CSS applies). */
function project(view: View, ix: number, iy: number) {
  const dx = (ix - A4.width / 2) * view.scale;
  const dy = (iy - A4.height / 2) * view.scale;
  const rad = (view.rotation * Math.PI) / 180;
  return { x: view.x + dx * Math.cos(rad) - dy * Math.sin(rad), y: view.y + dx * Math.sin(rad) + dy * Math.cos(rad) };
}

describe('viewer transform', () => {
  it('fits a portrait page by height and a rotated one by its new height', () => {
    const v = fitPage(viewport, A4, 0);
    expect(v.scale).toBeCloseTo((800 - 32) / 3508, 5);
    const r = fitPage(viewport, A4, 90);
    expect(r.scale).toBeCloseTo(Math.min((1000 - 32) / 3508, (800 - 32) / 2480), 5);
  });

  it('fit width fills the width and starts at the top', () => {
    const v = fitWidth(viewport, A4, 0);
    expect(v.scale).toBeCloseTo((1000 - 32) / 2480, 5);
    expect(project(v, 0, 0).y).toBeCloseTo(16, 3);
  });

  it('zooming keeps the point under the cursor fixed', () => {
    const v = fitPage(viewport, A4, 90);
    const before = project(v, 600, 900);
    const z = zoomAt(v, 2.5, before.x, before.y);
    const after = project(z, 600, 900);
    expect(after.x).toBeCloseTo(before.x, 6);
    expect(after.y).toBeCloseTo(before.y, 6);
    expect(z.scale).toBeCloseTo(v.scale * 2.5, 6);
  });

  it('rotating around the viewport centre keeps the centre point fixed', () => {
    const v = zoomAt(fitPage(viewport, A4, 0), 3, 200, 100);
    const cx = viewport.width / 2;
    const cy = viewport.height / 2;
    // Which image point is at the centre before the turn?
    const r = rotateAround(v, 90, cx, cy);
    expect(r.rotation).toBe(90);
    const back = rotateAround(r, -90, cx, cy);
    expect(back.x).toBeCloseTo(v.x, 6);
    expect(back.y).toBeCloseTo(v.y, 6);
    expect(rotateAround({ ...v, rotation: 0 }, -90, cx, cy).rotation).toBe(270);
  });

  it('clamps panning so the page stays reachable', () => {
    const v = fitPage(viewport, A4, 0);
    const far = clampPan({ ...v, x: -10_000, y: 50_000 }, viewport, A4);
    expect(far.x).toBeGreaterThan(-10_000);
    expect(far.y).toBeLessThan(50_000);
    expect(clampPan(v, viewport, A4)).toBe(v);
  });

  it('produces a single translate/scale/rotate transform', () => {
    expect(toCssTransform({ scale: 0.5, x: 500, y: 400, rotation: 90 }, A4)).toBe(
      'translate(-740.00px, -1354.00px) scale(0.50000) rotate(90deg)',
    );
  });

  it('steps through the zoom ladder', () => {
    expect(nextZoomStep(1, 1)).toBe(1.25);
    expect(nextZoomStep(1, -1)).toBe(0.75);
    expect(nextZoomStep(0.22, 1)).toBe(0.25);
    // A fitted 19.9 % must not "zoom in" to 20 %: the step has to be visible.
    expect(nextZoomStep(0.199, 1)).toBe(0.25);
    expect(nextZoomStep(0.26, -1)).toBe(0.2);
  });
});
