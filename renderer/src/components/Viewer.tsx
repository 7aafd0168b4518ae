/**
 * Full-resolution page viewer.
 *
 * Fluidity: the page is a single element of the image's natural size, positioned by ONE CSS
 * transform (translate · scale · rotate, `will-change: transform`, so the compositor moves a
 * cached layer). Wheel, drag and keys only mutate the view and schedule one
 * requestAnimationFrame that writes `style.transform` and the zoom readout directly (see
 * `usePanZoom`); React re-renders only when the page, the help dialog or the loading state
 * changes. Search hits arrive as boxes drawn over their page.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Page, Rotation } from '../../../contract/api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { call } from '../state/desk.ts';
import { unionBox } from '../state/review.ts';
import { pan, rotateAround, type PageBox } from '../viewer/transform.ts';
import { usePageView, usePanZoom, zoomKey } from '../viewer/usePanZoom.ts';
import { BoxOverlay, type OverlayBox } from './BoxOverlay.tsx';
import { isTyping, useDocumentKeys, useFocusWhileOpen } from './keyboard.ts';
import { PageStepper, PageViewport, ToolButton, ViewerToolbar, ZoomTools } from './PageView.tsx';
import { ShortcutHelp, VIEWER_SHORTCUTS } from './ShortcutHelp.tsx';
import { Thumbnail } from './Thumbnails.tsx';
import { useToasts } from './Toasts.tsx';

export interface ViewerPage {
  page: Page;
  fileName: string;
  /** Pages in this page's document, for "page 2 of 3". */
  docPageCount: number;
}

interface Props {
  pages: ViewerPage[];
  initialPageId: string;
  onClose(): void;
  /** Rotation changed (optimistically, then confirmed or reverted) so thumbnails follow. */
  onRotated(page: Page): void;
  /** Boxes to highlight on one page (a search hit), brought into view when that page opens. */
  highlight?: { pageId: string; boxes: PageBox[] } | null;
}

export function Viewer({ pages, initialPageId, onClose, onRotated, highlight }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const toasts = useToasts();
  const [pageId, setPageId] = useState(initialPageId);
  const [helpOpen, setHelpOpen] = useState(false);

  const found = pages.findIndex((p) => p.page.id === pageId);
  const index = found >= 0 ? found : 0;
  const current = pages[index];

  const rootRef = useRef<HTMLDivElement>(null);
  const stripRef = useRef<HTMLUListElement>(null);
  const rotateChain = useRef<Promise<unknown>>(Promise.resolve());
  const currentIdRef = useRef(pageId);
  currentIdRef.current = current?.page.id ?? pageId;

  const panZoom = usePanZoom({ width: current?.page.width ?? 1, height: current?.page.height ?? 1 });
  const { viewportRef, viewRef, fitModeRef, viewportSize, setView, fit } = panZoom;

  const hitBoxes = useMemo<OverlayBox[]>(
    () =>
      highlight && current && highlight.pageId === current.page.id
        ? highlight.boxes.map((box, i) => ({ id: `hit-${i}`, box, tone: 'hit' }))
        : [],
    [highlight, current],
  );

  // New page: start fitted to the viewport, with the page's stored rotation — or, on a search
  // hit's page, zoomed to the hit. Keyed on the page only: a rotation of the same page must not refit.
  usePageView(panZoom, current?.page, highlight && current && highlight.pageId === current.page.id ? unionBox(highlight.boxes) : null);

  // Close when the page list no longer has anything to show (e.g. the case was reloaded empty).
  useEffect(() => {
    if (!current) onClose();
  }, [current, onClose]);

  // Focus moves into the viewer and back to where it was on close.
  useFocusWhileOpen(() => viewportRef.current);

  const goTo = useCallback(
    (delta: number) => {
      const next = pages[Math.min(pages.length - 1, Math.max(0, index + delta))];
      if (next && next.page.id !== pageId) setPageId(next.page.id);
    },
    [pages, index, pageId],
  );

  const rotate = useCallback(
    (delta: 90 | -90) => {
      if (!current) return;
      const before = current.page;
      const size = viewportSize();
      const turned = rotateAround(viewRef.current, delta, size.width / 2, size.height / 2);
      const mode = fitModeRef.current;
      if (mode) {
        viewRef.current = turned;
        fit(mode);
      } else setView(turned);
      const rotation: Rotation = turned.rotation;
      onRotated({ ...before, rotation });
      // Calls are chained so quick successive turns reach the desk in order.
      rotateChain.current = rotateChain.current
        .then(() => call('pages.rotate', { pageId: before.id, rotation }))
        .then(
          (saved) => onRotated(saved),
          (err: unknown) => {
            toasts.notifyError(err);
            onRotated(before);
            if (currentIdRef.current === before.id) {
              viewRef.current = { ...viewRef.current, rotation: before.rotation };
              fit('page');
            }
          },
        );
    },
    [current, fit, onRotated, setView, toasts, viewportSize, viewRef, fitModeRef],
  );

  // All keyboard shortcuts, read through a ref so the listener is installed once.
  useDocumentKeys((e) => {
    if (helpOpen || e.defaultPrevented) return;
    if (e.key === 'Tab') {
      trapFocus(e);
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (isTyping(e.target)) return;
    const size = viewportSize();
    const step = Math.round(Math.min(size.width, size.height) * (e.shiftKey ? 0.5 : 0.15));
    let handled = true;
    switch (e.key) {
      case '1':
        panZoom.actualSize();
        break;
      case 'r':
        rotate(90);
        break;
      case 'R':
        rotate(e.shiftKey ? -90 : 90);
        break;
      case 'ArrowLeft':
        setView(pan(viewRef.current, step, 0));
        break;
      case 'ArrowRight':
        setView(pan(viewRef.current, -step, 0));
        break;
      case 'ArrowUp':
        setView(pan(viewRef.current, 0, step));
        break;
      case 'ArrowDown':
        setView(pan(viewRef.current, 0, -step));
        break;
      case 'PageDown':
      case 'n':
      case 'N':
        goTo(1);
        break;
      case 'PageUp':
      case 'p':
      case 'P':
        goTo(-1);
        break;
      case 'Home':
        goTo(-pages.length);
        break;
      case 'End':
        goTo(pages.length);
        break;
      case '?':
        setHelpOpen(true);
        break;
      case 'Escape':
        onClose();
        break;
      default:
        handled = zoomKey(panZoom, e.key);
    }
    if (handled) e.preventDefault();
  });
  // The viewer is modal: Tab cycles through its own controls instead of the page behind it.
  function trapFocus(e: KeyboardEvent) {
    const root = rootRef.current;
    if (!root) return;
    const focusable = [...root.querySelectorAll<HTMLElement>('button:not(:disabled), [tabindex="0"]')].filter(
      (el) => el.offsetParent !== null,
    );
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    const active = document.activeElement;
    if (!root.contains(active)) {
      e.preventDefault();
      first.focus();
    } else if (e.shiftKey && active === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && active === last) {
      e.preventDefault();
      first.focus();
    }
  }

  // Keep the current page visible in the strip.
  useEffect(() => {
    stripRef.current
      ?.querySelector<HTMLElement>('[aria-current="true"]')
      ?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [pageId]);

  if (!current) return null;
  const { page } = current;

  const info = [
    // Pixel sizes read better without digit grouping (2480 × 3508, as scanners print them).
    t('viewer.size', { width: String(page.width), height: String(page.height) }),
    t('viewer.dpi', { dpi: Math.round(page.dpi) }),
    ...(page.bitDepth === 16 ? [t('viewer.bitDepth16')] : []),
    ...(page.hasTextLayer ? [t('viewer.textLayer')] : []),
    ...(page.rotation ? [t('viewer.rotation', { rotation: page.rotation })] : []),
  ];

  return (
    <div ref={rootRef} className="viewer" role="dialog" aria-modal="true" aria-label={t('viewer.title')} data-testid="viewer" data-page-id={page.id}>
      <ViewerToolbar
        fileName={current.fileName}
        titleTestId="viewer-title"
        pageLabel={t('viewer.pageOf', { page: page.index + 1, pages: current.docPageCount })}
      >
        <ZoomTools
          panZoom={panZoom}
          prefix="viewer"
          readoutTestId="zoom-readout"
          fitExtra={
            <button
              type="button"
              className="tool-button tool-text"
              title={`${t('viewer.actualSizeTitle')} (1)`}
              aria-label={t('viewer.actualSizeTitle')}
              onClick={panZoom.actualSize}
              data-testid="viewer-actual-size"
            >
              {t('viewer.actualSize')}
            </button>
          }
        />
        <div className="tool-group">
          <ToolButton icon="rotateLeft" label={t('viewer.rotateLeft')} keys="Shift+R" onClick={() => rotate(-90)} testId="viewer-rotate-left" />
          <ToolButton icon="rotateRight" label={t('viewer.rotateRight')} keys="R" onClick={() => rotate(90)} testId="viewer-rotate-right" />
        </div>
        <PageStepper index={index} total={pages.length} onStep={goTo} prevTestId="viewer-prev" nextTestId="viewer-next" positionTestId="viewer-position" />
        <div className="tool-group">
          <ToolButton icon="keyboard" label={t('viewer.shortcuts')} keys="?" onClick={() => setHelpOpen(true)} testId="viewer-help" />
          <ToolButton icon="close" label={t('viewer.close')} keys="Esc" onClick={onClose} testId="viewer-close" />
        </div>
      </ViewerToolbar>

      <PageViewport
        panZoom={panZoom}
        page={page}
        alt={t('doc.openPage', { page: page.index + 1, fileName: current.fileName })}
        focusable
        testId="viewer-viewport"
        imageTestId="viewer-image"
      >
        {hitBoxes.length > 0 && <BoxOverlay boxes={hitBoxes} panZoom={panZoom} testId="viewer-highlight" />}
      </PageViewport>

      <div className="viewer-info" data-testid="viewer-info">
        {info.map((item) => (
          <span key={item}>{item}</span>
        ))}
      </div>

      <ul ref={stripRef} className="viewer-strip" aria-label={t('viewer.strip')} data-testid="viewer-strip">
        {pages.map((p, i) => (
          <li key={p.page.id}>
            <Thumbnail
              page={p.page}
              label={String(i + 1)}
              title={t('doc.openPage', { page: p.page.index + 1, fileName: p.fileName })}
              onOpen={setPageId}
              current={p.page.id === page.id}
              compact
            />
          </li>
        ))}
      </ul>

      {helpOpen && <ShortcutHelp rows={VIEWER_SHORTCUTS} onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
