/**
 * The DOM side of the page viewers (the case viewer, the review and authentication screens): one stage element of
 * the image's natural size moved by ONE CSS transform. Wheel, drag and keys only mutate `viewRef`
 * and schedule one requestAnimationFrame that writes `style.transform`, the zoom readout and
 * whatever overlays subscribed (field and search boxes); React does not re-render while the
 * officer zooms or pans.
 */
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  type MouseEvent as ReactMouseEvent,
  type PointerEvent as ReactPointerEvent,
  type RefObject,
} from 'react';
import type { Rotation } from '../../../contract/api.ts';
import {
  actualSize,
  clampPan,
  fitPage,
  fitWidth,
  focusBox,
  nextZoomStep,
  pan,
  toCssTransform,
  wheelFactor,
  zoomAt,
  zoomPercent,
  type PageBox,
  type Size,
  type View,
} from './transform.ts';

export type FitMode = 'page' | 'width' | null;

/** Pointer travel (CSS px) below which a press counts as a click, not a drag. */
const TAP_SLOP = 4;

export interface PanZoom {
  viewportRef: RefObject<HTMLDivElement | null>;
  stageRef: RefObject<HTMLDivElement | null>;
  readoutRef: RefObject<HTMLOutputElement | null>;
  /** The current view; read freely, change only through `setView` / `fit`. */
  viewRef: { current: View };
  fitModeRef: { current: FitMode };
  imageRef: { current: Size };
  viewportSize(): Size;
  /** Writes the view to the DOM now (a new page's first frame must not flash at 100 %). */
  flush(): void;
  setView(next: View, mode?: FitMode): void;
  fit(mode: 'page' | 'width'): void;
  zoomStep(direction: 1 | -1): void;
  actualSize(): void;
  /** Runs `listener` on every written frame; returns the unsubscribe. */
  onFrame(listener: (view: View) => void): () => void;
  /** Spread on the viewport element: drag to pan, double-click to zoom, click to `onTap`. */
  pointerHandlers: {
    onPointerDown(e: ReactPointerEvent<HTMLDivElement>): void;
    onPointerMove(e: ReactPointerEvent<HTMLDivElement>): void;
    onPointerUp(e: ReactPointerEvent<HTMLDivElement>): void;
    onPointerCancel(e: ReactPointerEvent<HTMLDivElement>): void;
    onDoubleClick(e: ReactMouseEvent<HTMLDivElement>): void;
  };
}

interface Options {
  /** A click (no drag) at viewport point (x, y). */
  onTap?(x: number, y: number): void;
}

export function usePanZoom(image: Size, options: Options = {}): PanZoom {
  const viewportRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const readoutRef = useRef<HTMLOutputElement>(null);
  const viewRef = useRef<View>({ scale: 1, x: 0, y: 0, rotation: 0 });
  const fitModeRef = useRef<FitMode>('page');
  const frameRef = useRef(0);
  const imageRef = useRef<Size>(image);
  imageRef.current = image;
  const dragRef = useRef<{ pointerId: number; x: number; y: number; travel: number } | null>(null);
  const listeners = useRef(new Set<(view: View) => void>());
  const onTapRef = useRef(options.onTap);
  onTapRef.current = options.onTap;

  const viewportSize = useCallback((): Size => {
    const el = viewportRef.current;
    return { width: el?.clientWidth || 1, height: el?.clientHeight || 1 };
  }, []);

  /** Writes the current view to the DOM: one transform, one text node, the overlays. */
  const flush = useCallback(() => {
    frameRef.current = 0;
    const v = viewRef.current;
    if (stageRef.current) stageRef.current.style.transform = toCssTransform(v, imageRef.current);
    if (readoutRef.current) readoutRef.current.textContent = `${zoomPercent(v)}%`;
    for (const l of listeners.current) l(v);
  }, []);

  const schedule = useCallback(() => {
    if (!frameRef.current) frameRef.current = requestAnimationFrame(flush);
  }, [flush]);

  const setView = useCallback(
    (next: View, mode: FitMode = null) => {
      viewRef.current = mode ? next : clampPan(next, viewportSize(), imageRef.current);
      fitModeRef.current = mode;
      schedule();
    },
    [schedule, viewportSize],
  );

  const fit = useCallback(
    (mode: 'page' | 'width') => {
      const fn = mode === 'page' ? fitPage : fitWidth;
      setView(fn(viewportSize(), imageRef.current, viewRef.current.rotation), mode);
    },
    [setView, viewportSize],
  );

  const zoomStep = useCallback(
    (direction: 1 | -1) => {
      const v = viewRef.current;
      const size = viewportSize();
      const target = nextZoomStep(v.scale, direction);
      setView(zoomAt(v, target / v.scale, size.width / 2, size.height / 2));
    },
    [setView, viewportSize],
  );

  const toActualSize = useCallback(() => setView(actualSize(viewRef.current, viewportSize())), [setView, viewportSize]);

  const onFrame = useCallback((listener: (view: View) => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  // Keep fitted views fitted when the window is resized; otherwise keep the page reachable.
  useEffect(() => {
    const el = viewportRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      const mode = fitModeRef.current;
      if (mode) fit(mode);
      else setView(viewRef.current);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [fit, setView]);

  // Wheel zoom around the pointer. Native listener: React's wheel listener is passive, and the
  // page must not scroll underneath.
  useEffect(() => {
    const el = viewportRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = el.getBoundingClientRect();
      setView(zoomAt(viewRef.current, wheelFactor(e.deltaY, e.deltaMode), e.clientX - rect.left, e.clientY - rect.top));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [setView]);

  useEffect(() => () => cancelAnimationFrame(frameRef.current), []);

  const pointerHandlers = useMemo<PanZoom['pointerHandlers']>(() => {
    const end = (e: ReactPointerEvent<HTMLDivElement>, cancelled: boolean) => {
      const drag = dragRef.current;
      if (drag?.pointerId !== e.pointerId) return;
      dragRef.current = null;
      e.currentTarget.classList.remove('dragging');
      if (!cancelled && drag.travel < TAP_SLOP && onTapRef.current) {
        const rect = e.currentTarget.getBoundingClientRect();
        onTapRef.current(e.clientX - rect.left, e.clientY - rect.top);
      }
    };
    return {
      onPointerDown(e) {
        if (e.button !== 0) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        e.currentTarget.classList.add('dragging');
        dragRef.current = { pointerId: e.pointerId, x: e.clientX, y: e.clientY, travel: 0 };
      },
      onPointerMove(e) {
        const drag = dragRef.current;
        if (!drag || drag.pointerId !== e.pointerId) return;
        const dx = e.clientX - drag.x;
        const dy = e.clientY - drag.y;
        drag.x = e.clientX;
        drag.y = e.clientY;
        drag.travel += Math.abs(dx) + Math.abs(dy);
        setView(pan(viewRef.current, dx, dy));
      },
      onPointerUp: (e) => end(e, false),
      onPointerCancel: (e) => end(e, true),
      onDoubleClick(e) {
        const rect = e.currentTarget.getBoundingClientRect();
        setView(zoomAt(viewRef.current, e.shiftKey ? 0.5 : 2, e.clientX - rect.left, e.clientY - rect.top));
      },
    };
  }, [setView]);

  // Every member is stable, so the object is too: consumers may list it in effect dependencies.
  return useMemo(
    () => ({
      viewportRef,
      stageRef,
      readoutRef,
      viewRef,
      fitModeRef,
      imageRef,
      viewportSize,
      flush,
      setView,
      fit,
      zoomStep,
      actualSize: toActualSize,
      onFrame,
      pointerHandlers,
    }),
    [viewportSize, flush, setView, fit, zoomStep, toActualSize, onFrame, pointerHandlers],
  );
}

/**
 * The zoom keys every page view shares: + and − step the zoom, 0 fits the page, W fits its width.
 * Returns whether `key` was one of them (the caller then prevents its default).
 */
export function zoomKey(panZoom: PanZoom, key: string): boolean {
  switch (key) {
    case '+':
    case '=':
      panZoom.zoomStep(1);
      return true;
    case '-':
    case '_':
      panZoom.zoomStep(-1);
      return true;
    case '0':
      panZoom.fit('page');
      return true;
    case 'w':
    case 'W':
      panZoom.fit('width');
      return true;
    default:
      return false;
  }
}

/** What `usePageView` needs of a page. */
export interface ViewedPage {
  id: string;
  rotation: Rotation;
  dpi: number;
}

/**
 * Places the view before paint (so a new page's first frame never flashes at 100 %): a page not
 * shown just before starts fitted, at its stored rotation; then `focus` (a box in page pixels: the
 * selected field or mark, a search hit), if any, is brought into view readably. Runs only when the
 * page or `focusKey` changes: reloaded data, or a rotation of the same page, must not move it.
 */
export function usePageView(panZoom: PanZoom, page: ViewedPage | null | undefined, focus: PageBox | null, focusKey?: unknown): void {
  const shownPage = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (!page) return;
    const { viewRef, fitModeRef, imageRef, viewportSize } = panZoom;
    if (shownPage.current !== page.id) {
      shownPage.current = page.id;
      viewRef.current = fitPage(viewportSize(), imageRef.current, page.rotation);
      fitModeRef.current = 'page';
    }
    if (focus) {
      // A line of text is about a sixth of an inch high.
      viewRef.current = focusBox(viewRef.current, viewportSize(), imageRef.current, focus, page.dpi / 6);
      fitModeRef.current = null;
    }
    panZoom.flush();
  }, [page?.id, focusKey]);
}
