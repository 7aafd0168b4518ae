/**
 * Rectangles over a viewer's page — extracted fields, search hits — given in page pixels and
 * drawn in viewport pixels. They are placed on every frame the viewer writes (not scaled with the
 * stage), so their borders stay crisp and 2 px wide at any zoom while moving with the page.
 */
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { boxToViewport, type PageBox, type View } from '../viewer/transform.ts';
import type { PanZoom } from '../viewer/usePanZoom.ts';

export type BoxTone = 'field' | 'warn' | 'corrected' | 'selected' | 'hit';

export interface OverlayBox {
  id: string;
  box: PageBox;
  tone: BoxTone;
  /** Short tag shown above the box (the selected field's label). */
  label?: string;
}

/** Breathing room around a box so its border does not cover the text it marks. */
const PAD = 3;

export function BoxOverlay({ boxes, panZoom, testId }: { boxes: OverlayBox[]; panZoom: PanZoom; testId: string }) {
  const rootRef = useRef<HTMLDivElement>(null);
  const boxesRef = useRef(boxes);
  boxesRef.current = boxes;

  const place = useCallback(
    (view: View) => {
      const root = rootRef.current;
      if (!root) return;
      const image = panZoom.imageRef.current;
      // Reads first, then writes: no layout is forced between the two.
      const room = root.clientWidth;
      const els = boxesRef.current.map((_, i) => root.children[i] as HTMLElement | undefined);
      const labelWidths = els.map((el) => (el?.firstElementChild as HTMLElement | null)?.offsetWidth ?? 0);
      boxesRef.current.forEach((b, i) => {
        const el = els[i];
        if (!el) return;
        const r = boxToViewport(view, image, b.box);
        el.style.transform = `translate(${(r.x - PAD).toFixed(1)}px, ${(r.y - PAD).toFixed(1)}px)`;
        el.style.width = `${(r.w + 2 * PAD).toFixed(1)}px`;
        el.style.height = `${(r.h + 2 * PAD).toFixed(1)}px`;
        // The label goes to the box's left when its right would leave the viewport.
        const width = labelWidths[i] ?? 0;
        if (width) el.classList.toggle('ov-flip', r.x + r.w + PAD + 8 + width > room);
      });
    },
    [panZoom],
  );

  useEffect(() => panZoom.onFrame(place), [panZoom, place]);
  // New or changed boxes are placed before paint, at the current view.
  useLayoutEffect(() => place(panZoom.viewRef.current));

  return (
    <div ref={rootRef} className="box-overlay" aria-hidden="true" data-testid={testId}>
      {boxes.map((b) => (
        <div key={b.id} className={`ov-box ov-${b.tone}`} data-testid={`${testId}-box`} data-box-id={b.id} data-tone={b.tone}>
          {b.label && <span className="ov-label">{b.label}</span>}
        </div>
      ))}
    </div>
  );
}
