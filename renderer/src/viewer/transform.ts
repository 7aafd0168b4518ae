/**
 * Pure geometry of the page viewer. A view places the centre of the (unrotated) image at
 * viewport point (x, y), scaled by `scale` and turned by `rotation` around that centre. The DOM
 * side turns it into ONE CSS transform, so zooming and panning never re-lay out or re-render.
 */
import type { Rotation } from '../../../contract/api.ts';

export interface View {
  scale: number;
  x: number;
  y: number;
  rotation: Rotation;
}

export interface Size {
  width: number;
  height: number;
}

export const MIN_SCALE = 0.02;
export const MAX_SCALE = 8;
/** Free margin kept around the page when fitting. */
export const FIT_PADDING = 16;
/** Part of the page that always stays on screen while panning. */
const KEEP_VISIBLE = 48;

export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** Bounding box of the image once rotated (quarter turns swap the sides). */
export function rotatedSize(image: Size, rotation: Rotation): Size {
  return rotation === 90 || rotation === 270 ? { width: image.height, height: image.width } : image;
}

export function fitPage(viewport: Size, image: Size, rotation: Rotation): View {
  const box = rotatedSize(image, rotation);
  const scale = clampScale(
    Math.min((viewport.width - 2 * FIT_PADDING) / box.width, (viewport.height - 2 * FIT_PADDING) / box.height),
  );
  return { scale, x: viewport.width / 2, y: viewport.height / 2, rotation };
}

/** Page width fills the viewport; the top of the page is shown first. */
export function fitWidth(viewport: Size, image: Size, rotation: Rotation): View {
  const box = rotatedSize(image, rotation);
  const scale = clampScale((viewport.width - 2 * FIT_PADDING) / box.width);
  const height = box.height * scale;
  const y = height <= viewport.height ? viewport.height / 2 : FIT_PADDING + height / 2;
  return { scale, x: viewport.width / 2, y, rotation };
}

/** 100 %: one image pixel per CSS pixel, centred on the current view centre. */
export function actualSize(view: View, viewport: Size): View {
  return zoomAt(view, 1 / view.scale, viewport.width / 2, viewport.height / 2);
}

/** Zooms by `factor` keeping the image point under viewport point (px, py) where it is. */
export function zoomAt(view: View, factor: number, px: number, py: number): View {
  const scale = clampScale(view.scale * factor);
  const k = scale / view.scale;
  return { ...view, scale, x: px + (view.x - px) * k, y: py + (view.y - py) * k };
}

export function pan(view: View, dx: number, dy: number): View {
  return { ...view, x: view.x + dx, y: view.y + dy };
}

/** Quarter turn (+90 clockwise, -90 counter-clockwise) around viewport point (px, py). */
export function rotateAround(view: View, delta: 90 | -90, px: number, py: number): View {
  const rotation = (((view.rotation + delta) % 360) + 360) % 360 as Rotation;
  const dx = view.x - px;
  const dy = view.y - py;
  // Screen y points down, so a clockwise quarter turn maps (dx, dy) to (-dy, dx).
  const [nx, ny] = delta === 90 ? [-dy, dx] : [dy, -dx];
  return { ...view, rotation, x: px + nx, y: py + ny };
}

/** Keeps at least a strip of the page on screen so it can't be flung out of reach. */
export function clampPan(view: View, viewport: Size, image: Size): View {
  const box = rotatedSize(image, view.rotation);
  const halfW = (box.width * view.scale) / 2;
  const halfH = (box.height * view.scale) / 2;
  const keepX = Math.min(KEEP_VISIBLE, halfW);
  const keepY = Math.min(KEEP_VISIBLE, halfH);
  const x = Math.min(viewport.width + halfW - keepX, Math.max(-halfW + keepX, view.x));
  const y = Math.min(viewport.height + halfH - keepY, Math.max(-halfH + keepY, view.y));
  return x === view.x && y === view.y ? view : { ...view, x, y };
}

/**
 * The single CSS transform for an element of the image's natural size whose
 * transform-origin is its centre: move the centre to (x, y), then scale, then rotate.
 */
export function toCssTransform(view: View, image: Size): string {
  const tx = view.x - image.width / 2;
  const ty = view.y - image.height / 2;
  return `translate(${tx.toFixed(2)}px, ${ty.toFixed(2)}px) scale(${view.scale.toFixed(5)}) rotate(${view.rotation}deg)`;
}

export function zoomPercent(view: View): number {
  return Math.round(view.scale * 100);
}

/** Wheel delta to a zoom factor; line/page deltas (Firefox, some mice) are normalised to pixels. */
export function wheelFactor(deltaY: number, deltaMode: number): number {
  const px = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.exp(-Math.max(-300, Math.min(300, px)) * 0.0015);
}

/** Zoom steps for buttons and keys: a ladder so repeated presses land on familiar values. */
const STEPS = [0.05, 0.1, 0.15, 0.2, 0.25, 0.33, 0.5, 0.67, 0.75, 1, 1.25, 1.5, 2, 3, 4, 6, 8];

/** Each press changes the zoom by at least this much, so the readout visibly moves. */
const MIN_STEP = 1.08;

export function nextZoomStep(scale: number, direction: 1 | -1): number {
  if (direction > 0) return STEPS.find((s) => s >= scale * MIN_STEP) ?? MAX_SCALE;
  return [...STEPS].reverse().find((s) => s <= scale / MIN_STEP) ?? MIN_SCALE;
}

// ---------------------------------------------------------------------------
// Page-pixel boxes (field locations, search hits) on screen

export interface Point {
  x: number;
  y: number;
}

/** Axis-aligned rectangle in page pixels (top-left origin), as the desk reports locations. */
export interface PageBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Quarter turn of a vector, clockwise on screen (y down), as CSS `rotate()` does. */
function turn(dx: number, dy: number, rotation: Rotation): [number, number] {
  switch (rotation) {
    case 90:
      return [-dy, dx];
    case 180:
      return [-dx, -dy];
    case 270:
      return [dy, -dx];
    default:
      return [dx, dy];
  }
}

/** Where image pixel (px, py) lands in the viewport under `view` (the maths CSS applies). */
export function imageToViewport(view: View, image: Size, px: number, py: number): Point {
  const [dx, dy] = turn((px - image.width / 2) * view.scale, (py - image.height / 2) * view.scale, view.rotation);
  return { x: view.x + dx, y: view.y + dy };
}

/** The image pixel under viewport point (vx, vy): the inverse of `imageToViewport`. */
export function viewportToImage(view: View, image: Size, vx: number, vy: number): Point {
  const back = ((360 - view.rotation) % 360) as Rotation;
  const [dx, dy] = turn((vx - view.x) / view.scale, (vy - view.y) / view.scale, back);
  return { x: image.width / 2 + dx, y: image.height / 2 + dy };
}

/** A page box as the axis-aligned rectangle it covers in the viewport (quarter turns keep it one). */
export function boxToViewport(view: View, image: Size, box: PageBox): PageBox {
  const a = imageToViewport(view, image, box.x, box.y);
  const b = imageToViewport(view, image, box.x + box.w, box.y + box.h);
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(b.x - a.x), h: Math.abs(b.y - a.y) };
}

export function boxContains(box: PageBox, p: Point): boolean {
  return p.x >= box.x && p.x <= box.x + box.w && p.y >= box.y && p.y <= box.y + box.h;
}

/** The item whose box holds point `p` (page pixels); where boxes nest, the smallest (the most specific). */
export function smallestBoxAt<T>(items: readonly T[], boxOf: (item: T) => PageBox | null | undefined, p: Point): T | undefined {
  let best: T | undefined;
  let bestArea = Infinity;
  for (const item of items) {
    const box = boxOf(item);
    if (!box || !boxContains(box, p)) continue;
    const area = box.w * box.h;
    if (area < bestArea) {
      best = item;
      bestArea = area;
    }
  }
  return best;
}

/** On-screen height (CSS px) of a line of text from which a page counts as readable. */
const READABLE_LINE = 14;
/** …and the height it is brought to when the zoom has to change: easy reading, with context. */
const COMFORT_LINE = 22;
/** Zoom used to bring a box into view never goes past this (150 %): context matters. */
export const FOCUS_MAX_SCALE = 1.5;
/** Margin kept between a focused box and the viewport's edge. */
const FOCUS_MARGIN = 24;

/**
 * The view that shows `box` (page pixels) readably with as little movement as possible. The zoom
 * stays when text already reads well (a line of `linePx` page pixels is at least 14 CSS px high)
 * and the box fits; otherwise it becomes the zoom at which a line is about 22 px high, less if the
 * box would not fit in 80 % of the width and 45 % of the height — never below readable or "fit
 * page", never above 150 %. The page moves only when the box is not already fully inside the
 * viewport: the box is centred, then the page slides back so no blank band shows beside it where
 * the page could fill the viewport. Stepping through a form's fields therefore mostly pans.
 */
export function focusBox(view: View, viewport: Size, image: Size, box: PageBox, linePx: number): View {
  const fitted = fitPage(viewport, image, view.rotation).scale;
  const readable = READABLE_LINE / Math.max(1, linePx);
  const current = boxToViewport(view, image, box);
  const fitsNow =
    view.scale >= readable && current.w <= viewport.width - 2 * FOCUS_MARGIN && current.h <= viewport.height - 2 * FOCUS_MARGIN;
  let next = view;
  if (!fitsNow) {
    const unit = boxToViewport({ ...view, scale: 1 }, image, box);
    const comfort = COMFORT_LINE / Math.max(1, linePx);
    const fits = Math.min((viewport.width * 0.8) / Math.max(1, unit.w), (viewport.height * 0.45) / Math.max(1, unit.h));
    next = { ...view, scale: clampScale(Math.min(FOCUS_MAX_SCALE, Math.max(fitted, readable, Math.min(comfort, fits)))) };
  }
  const r = boxToViewport(next, image, box);
  const inside =
    r.x >= FOCUS_MARGIN && r.y >= FOCUS_MARGIN && r.x + r.w <= viewport.width - FOCUS_MARGIN && r.y + r.h <= viewport.height - FOCUS_MARGIN;
  if (inside) return next;
  // Centre the box; one larger than the viewport shows its top-left part (where text starts).
  const cx = r.w > viewport.width - 2 * FOCUS_MARGIN ? r.x + viewport.width / 2 - FOCUS_MARGIN : r.x + r.w / 2;
  const cy = r.h > viewport.height - 2 * FOCUS_MARGIN ? r.y + viewport.height / 2 - FOCUS_MARGIN : r.y + r.h / 2;
  const centred = pan(next, viewport.width / 2 - cx, viewport.height / 2 - cy);
  const page = boxToViewport(centred, image, { x: 0, y: 0, w: image.width, h: image.height });
  return pan(centred, settle(page.x, page.w, viewport.width), settle(page.y, page.h, viewport.height));
}

/** Shift along one axis that keeps a page at least as large as the viewport covering it, or centres a smaller one. */
function settle(start: number, size: number, room: number): number {
  if (size + 2 * FIT_PADDING <= room) return room / 2 - (start + size / 2);
  if (start > FIT_PADDING) return FIT_PADDING - start;
  if (start + size < room - FIT_PADDING) return room - FIT_PADDING - (start + size);
  return 0;
}
