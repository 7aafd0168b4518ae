/**
 * Rectangles over a page view (fields, search hits, stamps and signatures), given in page pixels
 * and drawn in viewport pixels: each child of the returned root is moved on every frame the
 * pan/zoom writes (not scaled with the stage), so borders stay crisp at any zoom while moving with
 * the page. New or changed boxes are placed before paint, at the current view.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { boxToViewport, type PageBox, type View } from './transform.ts';
import type { PanZoom } from './usePanZoom.ts';

interface Options {
  /** Breathing room (CSS px) around a box so its border does not cover what it marks. */
  pad: number;
  /** A box's label (its first child) goes to the box's left when its right would leave the viewport. */
  flipLabels?: boolean;
}

export function usePlacedBoxes(panZoom: PanZoom, boxes: readonly { box: PageBox }[], { pad, flipLabels = false }: Options): RefObject<HTMLDivElement | null> {
  const rootRef = useRef<HTMLDivElement>(null);
  const boxesRef = useRef(boxes);
  boxesRef.current = boxes;

  const place = useCallback(
    (view: View) => {
      const root = rootRef.current;
      if (!root) return;
      const image = panZoom.imageRef.current;
      // Reads first, then writes: no layout is forced between the two.
      const room = flipLabels ? root.clientWidth : 0;
      const els = boxesRef.current.map((_, i) => root.children[i] as HTMLElement | undefined);
      const labelWidths = flipLabels ? els.map((el) => (el?.firstElementChild as HTMLElement | null)?.offsetWidth ?? 0) : [];
      boxesRef.current.forEach((b, i) => {
        const el = els[i];
        if (!el) return;
        const r = boxToViewport(view, image, b.box);
        el.style.transform = `translate(${(r.x - pad).toFixed(1)}px, ${(r.y - pad).toFixed(1)}px)`;
        el.style.width = `${(r.w + 2 * pad).toFixed(1)}px`;
        el.style.height = `${(r.h + 2 * pad).toFixed(1)}px`;
        const width = labelWidths[i] ?? 0;
        if (width) el.classList.toggle('ov-flip', r.x + r.w + pad + 8 + width > room);
      });
    },
    [panZoom, pad, flipLabels],
  );

  useEffect(() => panZoom.onFrame(place), [panZoom, place]);
  useLayoutEffect(() => place(panZoom.viewRef.current));
  return rootRef;
}
