import { describe, expect, it } from 'vitest';
import {
  boxContains,
  boxToViewport,
  clampPan,
  fitPage,
  focusBox,
  imageToViewport,
  viewportToImage,
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

describe('page boxes on screen', () => {
  const rotations = [0, 90, 180, 270] as const;

  it('maps image pixels exactly as the CSS transform does, at every quarter turn', () => {
    for (const rotation of rotations) {
      const v = { ...zoomAt(fitPage(viewport, A4, rotation), 1.7, 300, 200), rotation };
      for (const [ix, iy] of [[0, 0], [2480, 3508], [611, 1999]] as const) {
        const p = imageToViewport(v, A4, ix, iy);
        const q = project(v, ix, iy);
        expect(p.x, `${rotation}`).toBeCloseTo(q.x, 6);
        expect(p.y, `${rotation}`).toBeCloseTo(q.y, 6);
        const back = viewportToImage(v, A4, p.x, p.y);
        expect(back.x).toBeCloseTo(ix, 6);
        expect(back.y).toBeCloseTo(iy, 6);
      }
    }
  });

  it('turns a page box into the screen rectangle it covers', () => {
    const box = { x: 200, y: 300, w: 800, h: 100 };
    const flat = boxToViewport(fitPage(viewport, A4, 0), A4, box);
    const turned = boxToViewport(fitPage(viewport, A4, 90), A4, box);
    expect(flat.w).toBeGreaterThan(flat.h);
    // A quarter turn makes a wide box tall.
    expect(turned.h).toBeGreaterThan(turned.w);
    const v = fitPage(viewport, A4, 90);
    const centre = imageToViewport(v, A4, 600, 350);
    expect(boxContains(turned, centre)).toBe(true);
    expect(boxContains(box, viewportToImage(v, A4, centre.x, centre.y))).toBe(true);
  });

  it('brings a box into view readably, and only pans when the zoom already reads well', () => {
    const line = 50; // a line of text at 300 dpi
    const fitted = fitPage(viewport, A4, 0);
    const exporter = { x: 150, y: 500, w: 1100, h: 260 };
    const a = focusBox(fitted, viewport, A4, exporter, line);
    expect(a.scale).toBeGreaterThan(fitted.scale);
    expect(a.scale * line).toBeGreaterThanOrEqual(14 - 1e-9);
    const ra = boxToViewport(a, A4, exporter);
    expect(ra.x).toBeGreaterThanOrEqual(0);
    expect(ra.x + ra.w).toBeLessThanOrEqual(viewport.width);
    expect(ra.y).toBeGreaterThanOrEqual(0);
    expect(ra.y + ra.h).toBeLessThanOrEqual(viewport.height);

    // A small box elsewhere on the page: same zoom, moved so it is on screen.
    const invoiceNo = { x: 1700, y: 3100, w: 380, h: 50 };
    const b = focusBox(a, viewport, A4, invoiceNo, line);
    expect(b.scale).toBe(a.scale);
    const rb = boxToViewport(b, A4, invoiceNo);
    expect(rb.x).toBeGreaterThanOrEqual(24);
    expect(rb.y + rb.h).toBeLessThanOrEqual(viewport.height - 24);
    // Already visible: nothing moves.
    expect(focusBox(b, viewport, A4, invoiceNo, line)).toBe(b);
  });

  it('never zooms past 150 % to show a box, and works on a turned page', () => {
    const tiny = { x: 1000, y: 1000, w: 40, h: 20 };
    const v = focusBox(fitPage(viewport, A4, 270), viewport, A4, tiny, 50);
    // Comfortable reading (22 px lines), not as large as the box could be.
    expect(v.scale).toBeCloseTo(22 / 50, 6);
    expect(focusBox(fitPage(viewport, A4, 0), viewport, A4, tiny, 5).scale).toBe(1.5);
    const r = boxToViewport(v, A4, tiny);
    expect(r.x).toBeGreaterThanOrEqual(24);
    expect(r.y).toBeGreaterThanOrEqual(24);
    expect(r.x + r.w).toBeLessThanOrEqual(viewport.width - 24);
    expect(r.y + r.h).toBeLessThanOrEqual(viewport.height - 24);
    // A box the zoom pushed out of sight comes into view, and the page still fills the viewport
    // (no blank band beside a box near the page's corner).
    const corner = { x: 2380, y: 3400, w: 60, h: 30 };
    const cv = focusBox(fitPage(viewport, A4, 270), viewport, A4, corner, 50);
    const c = boxToViewport(cv, A4, corner);
    expect(c.x).toBeGreaterThanOrEqual(0);
    expect(c.y).toBeGreaterThanOrEqual(0);
    expect(c.x + c.w).toBeLessThanOrEqual(viewport.width);
    expect(c.y + c.h).toBeLessThanOrEqual(viewport.height);
    const page = boxToViewport(cv, A4, { x: 0, y: 0, w: A4.width, h: A4.height });
    expect(page.x).toBeLessThanOrEqual(16 + 1e-6);
    expect(page.y).toBeLessThanOrEqual(16 + 1e-6);
    expect(page.x + page.w).toBeGreaterThanOrEqual(viewport.width - 16 - 1e-6);
    expect(page.y + page.h).toBeGreaterThanOrEqual(viewport.height - 16 - 1e-6);
  });
});
