/**
 * Marks drawn over the authentication page: one box per stamp or signature (page pixels, placed
 * in viewport pixels on every frame the pan/zoom writes, by `usePlacedBoxes` as in BoxOverlay),
 * and in drawing mode a layer that turns a drag into a page box (a new mark, a redrawn one, or a
 * specimen crop).
 */
import { useState, type PointerEvent as ReactPointerEvent } from 'react';
import { viewportToImage, type PageBox } from '../../viewer/transform.ts';
import type { PanZoom } from '../../viewer/usePanZoom.ts';
import { usePlacedBoxes } from '../../viewer/usePlacedBoxes.ts';

export interface MarkBox {
  id: string;
  box: PageBox;
  tone: 'stamp' | 'signature' | 'pending';
  selected?: boolean;
  label?: string;
  band?: string | null;
}

const PAD = 2;
/** Smallest box (page pixels) a drag makes; anything smaller was a click. */
const MIN_SIDE = 8;

export function MarkOverlay({ boxes, panZoom }: { boxes: MarkBox[]; panZoom: PanZoom }) {
  const rootRef = usePlacedBoxes(panZoom, boxes, { pad: PAD });

  return (
    <div ref={rootRef} className="box-overlay mark-overlay" aria-hidden="true" data-testid="mark-overlay">
      {boxes.map((b) => (
        <div
          key={b.id}
          className={`mk-box mk-${b.tone}${b.selected ? ' mk-selected' : ''}${b.band ? ` mk-band-${b.band}` : ''}`}
          data-testid="mark-box"
          data-mark-id={b.id}
          data-tone={b.tone}
          data-selected={b.selected ? 'true' : undefined}
        >
          {b.label && <span className="mk-label">{b.label}</span>}
        </div>
      ))}
    </div>
  );
}

/** Drag to draw a box on the page (page pixels, clamped to the page). */
export function DrawLayer({ panZoom, onDrawn, label }: { panZoom: PanZoom; onDrawn(box: PageBox): void; label: string }) {
  const [band, setBand] = useState<{ x0: number; y0: number; x1: number; y1: number; id: number } | null>(null);

  const local = (e: ReactPointerEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };

  return (
    <div
      className="mk-draw-layer"
      role="application"
      aria-label={label}
      data-testid="mark-draw-layer"
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.stopPropagation();
        e.currentTarget.setPointerCapture(e.pointerId);
        const p = local(e);
        setBand({ x0: p.x, y0: p.y, x1: p.x, y1: p.y, id: e.pointerId });
      }}
      onPointerMove={(e) => {
        e.stopPropagation();
        if (!band || band.id !== e.pointerId) return;
        const p = local(e);
        setBand({ ...band, x1: p.x, y1: p.y });
      }}
      onPointerUp={(e) => {
        e.stopPropagation();
        if (!band || band.id !== e.pointerId) return;
        const p = local(e);
        setBand(null);
        const view = panZoom.viewRef.current;
        const image = panZoom.imageRef.current;
        const a = viewportToImage(view, image, band.x0, band.y0);
        const b = viewportToImage(view, image, p.x, p.y);
        const x = Math.max(0, Math.min(a.x, b.x));
        const y = Math.max(0, Math.min(a.y, b.y));
        const w = Math.min(image.width, Math.max(a.x, b.x)) - x;
        const h = Math.min(image.height, Math.max(a.y, b.y)) - y;
        if (w >= MIN_SIDE && h >= MIN_SIDE) onDrawn({ x, y, w, h });
      }}
      onPointerCancel={(e) => {
        e.stopPropagation();
        setBand(null);
      }}
      onDoubleClick={(e) => e.stopPropagation()}
    >
      {band && (
        <div
          className="mk-rubber"
          style={{
            left: Math.min(band.x0, band.x1),
            top: Math.min(band.y0, band.y1),
            width: Math.abs(band.x1 - band.x0),
            height: Math.abs(band.y1 - band.y0),
          }}
        />
      )}
    </div>
  );
}
