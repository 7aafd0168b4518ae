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
