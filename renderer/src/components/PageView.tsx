/**
 * The pieces every page view is built from (the case viewer, the review screen, the
 * authentication screen): the toolbar with its title, zoom and fit tools and page stepper, and the
 * viewport — the page as one transformed stage (see `usePanZoom`), the thumbnail standing in until
 * the full image is decoded, the overlays given as children, and the loading / error status.
 */
import { useState, type ReactNode } from 'react';
import type { Page } from '../../../contract/api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { zoomKey, type PanZoom } from '../viewer/usePanZoom.ts';
import { Icon } from './Icon.tsx';
import { StageImages } from './StageImages.tsx';

export function ToolButton({
  icon,
  label,
  keys,
  onClick,
  disabled,
  testId,
}: {
  icon: Parameters<typeof Icon>[0]['name'];
  label: string;
  keys: string;
  onClick(): void;
  disabled?: boolean;
  testId: string;
}) {
  return (
    <button type="button" className="tool-button" title={`${label} (${keys})`} aria-label={label} onClick={onClick} disabled={disabled} data-testid={testId}>
      <Icon name={icon} />
    </button>
  );
}

/** The bar over a page: file name and "page n of m" on the left, the tool groups (children) on the right. */
export function ViewerToolbar({
  className,
  fileName,
  pageLabel,
  titleTestId,
  fileNameTestId,
  children,
}: {
  className?: string;
  fileName: string;
  pageLabel?: string | null;
  titleTestId?: string;
  fileNameTestId?: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className={className ? `viewer-toolbar ${className}` : 'viewer-toolbar'}>
      <div className="viewer-title" data-testid={titleTestId}>
        <span className="viewer-filename" title={fileName} data-testid={fileNameTestId}>
          {fileName}
        </span>
        {pageLabel && <span className="muted">{pageLabel}</span>}
      </div>
      <div className="viewer-tools" role="toolbar" aria-label={t('viewer.title')}>
        {children}
      </div>
    </div>
  );
}

/**
 * Zoom out, the zoom readout (written by the pan/zoom on every frame) and zoom in; then fit width
 * and fit page, followed by `fitExtra` in the same group. Test ids are `${prefix}-zoom-in` etc.
 */
export function ZoomTools({
  panZoom,
  prefix,
  readoutTestId = `${prefix}-zoom-readout`,
  fitExtra,
}: {
  panZoom: PanZoom;
  prefix: string;
  readoutTestId?: string;
  fitExtra?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <>
      <div className="tool-group">
        <ToolButton icon="zoomOut" label={t('viewer.zoomOut')} keys="-" onClick={() => panZoom.zoomStep(-1)} testId={`${prefix}-zoom-out`} />
        <output ref={panZoom.readoutRef} className="zoom-readout" aria-label={t('viewer.zoom')} data-testid={readoutTestId} />
        <ToolButton icon="zoomIn" label={t('viewer.zoomIn')} keys="+" onClick={() => panZoom.zoomStep(1)} testId={`${prefix}-zoom-in`} />
      </div>
      <div className="tool-group">
        <ToolButton icon="fitWidth" label={t('viewer.fitWidth')} keys="W" onClick={() => panZoom.fit('width')} testId={`${prefix}-fit-width`} />
        <ToolButton icon="fitPage" label={t('viewer.fitPage')} keys="0" onClick={() => panZoom.fit('page')} testId={`${prefix}-fit-page`} />
        {fitExtra}
      </div>
    </>
  );
}

/** Previous page, "n / m", next page. `index` is 0-based. */
export function PageStepper({
  index,
  total,
  onStep,
  prevTestId,
  nextTestId,
  positionTestId,
}: {
  index: number;
  total: number;
  onStep(delta: 1 | -1): void;
  prevTestId: string;
  nextTestId: string;
  positionTestId?: string;
}) {
  const { t } = useI18n();
  return (
    <div className="tool-group">
      <ToolButton icon="chevronLeft" label={t('viewer.prev')} keys="PageUp" onClick={() => onStep(-1)} disabled={index <= 0} testId={prevTestId} />
      <span className="viewer-position" data-testid={positionTestId}>
        {t('viewer.position', { index: index + 1, total })}
      </span>
      <ToolButton icon="chevronRight" label={t('viewer.next')} keys="PageDown" onClick={() => onStep(1)} disabled={index >= total - 1} testId={nextTestId} />
    </div>
  );
}

/**
 * The page shown among a document's pages (the first until another is chosen) and stepping
 * through them (PageUp / PageDown, the stepper's buttons); a step past either end stays there.
 */
export function usePager<P extends { id: string }>(pages: readonly P[], initial: () => string | null) {
  const [pageId, setPageId] = useState<string | null>(initial);
  const page = pages.find((p) => p.id === pageId) ?? pages[0] ?? null;
  const index = page ? pages.indexOf(page) : -1;
  const step = (delta: number) => {
    const next = stepThrough(pages, index, delta);
    if (next) setPageId(next.id);
  };
  return { page, index, setPageId, step };
}

/** The item `delta` places from index `at`, stopping at either end; from nowhere (`at` −1), the first. */
export function stepThrough<T>(items: readonly T[], at: number, delta: number): T | undefined {
  return items[Math.min(items.length - 1, Math.max(0, at < 0 ? 0 : at + delta))];
}

/**
 * The keys the document screens share: ↓/j and ↑/k move through the screen's list (`move`),
 * PageDown/PageUp through the pages, + − 0 W zoom and fit. Returns whether `key` was one of them.
 */
export function documentScreenKey(key: string, panZoom: PanZoom, pager: { step(delta: number): void }, move: (delta: number) => void): boolean {
  switch (key) {
    case 'ArrowDown':
    case 'j':
      move(1);
      return true;
    case 'ArrowUp':
    case 'k':
      move(-1);
      return true;
    case 'PageDown':
    case 'PageUp':
      pager.step(key === 'PageDown' ? 1 : -1);
      return true;
    default:
      return zoomKey(panZoom, key);
  }
}

type FullState = 'loading' | 'loaded' | 'error';

/**
 * The viewport of a page view: drag to pan, wheel and double-click to zoom (the pan/zoom's
 * handlers), the page on its stage, then `children` (overlays) and the loading or error status of
 * the full-resolution image. Without a page it shows `empty`.
 */
export function PageViewport({
  panZoom,
  page,
  alt,
  ariaLabel = alt,
  className = '',
  focusable,
  testId,
  imageTestId,
  dataPageId,
  empty,
  children,
}: {
  panZoom: PanZoom;
  page: Page | null;
  /** The page image's accessible name. */
  alt: string;
  ariaLabel?: string;
  className?: string;
  focusable?: boolean;
  testId: string;
  imageTestId: string;
  dataPageId?: string;
  empty?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  // The full image's state belongs to the page it was reported for: another page starts loading.
  const [reported, setReported] = useState<{ pageId: string; state: FullState } | null>(null);
  const fullState: FullState = page && reported?.pageId === page.id ? reported.state : 'loading';
  return (
    <div
      ref={panZoom.viewportRef}
      className={`viewer-viewport${className ? ` ${className}` : ''}`}
      tabIndex={focusable ? 0 : undefined}
      aria-label={ariaLabel}
      {...panZoom.pointerHandlers}
      data-testid={testId}
      data-page-id={dataPageId}
    >
      {page ? (
        <>
          <div ref={panZoom.stageRef} className="viewer-stage" style={{ width: page.width, height: page.height }}>
            <StageImages
              page={page}
              alt={alt}
              loaded={fullState === 'loaded'}
              onLoaded={(pageId) => setReported({ pageId, state: 'loaded' })}
              onError={(pageId) => setReported({ pageId, state: 'error' })}
              testId={imageTestId}
            />
          </div>
          {children}
          {fullState === 'loading' && <div className="viewer-status">{t('viewer.loadingFull')}</div>}
          {fullState === 'error' && (
            <div className="viewer-status viewer-status-error" role="alert">
              {t('viewer.imageError')}
            </div>
          )}
        </>
      ) : (
        empty
      )}
    </div>
  );
}

/**
 * The page side of a document screen (review, authentication): the toolbar — `tools` first, then
 * zoom and fit, then the page stepper when there are several pages — over the viewport. Test ids
 * are `${prefix}-viewport`, `${prefix}-image`, `${prefix}-zoom-in`, `${prefix}-prev-page` etc.
 */
export function DocumentPages({
  prefix,
  fileName,
  fileNameTestId,
  pages,
  pager,
  panZoom,
  tools,
  viewportClassName,
  focusable,
  noPageLabel,
  dataPageId,
  empty,
  children,
}: {
  prefix: string;
  fileName: string;
  fileNameTestId?: string;
  pages: readonly Page[];
  pager: ReturnType<typeof usePager<Page>>;
  panZoom: PanZoom;
  tools?: ReactNode;
  viewportClassName: string;
  focusable?: boolean;
  /** The viewport's accessible name while there is no page. */
  noPageLabel?: string;
  dataPageId?: string;
  empty?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const { page } = pager;
  const pageName = page ? t('doc.openPage', { page: page.index + 1, fileName }) : '';
  return (
    <div className="rv-page">
      <ViewerToolbar
        className="rv-page-toolbar"
        fileName={fileName}
        fileNameTestId={fileNameTestId}
        pageLabel={page && t('viewer.pageOf', { page: page.index + 1, pages: pages.length })}
      >
        {tools}
        <ZoomTools panZoom={panZoom} prefix={prefix} />
        {pages.length > 1 && (
          <PageStepper index={pager.index} total={pages.length} onStep={pager.step} prevTestId={`${prefix}-prev-page`} nextTestId={`${prefix}-next-page`} />
        )}
      </ViewerToolbar>
      <PageViewport
        panZoom={panZoom}
        page={page}
        alt={pageName}
        ariaLabel={page ? pageName : noPageLabel}
        className={viewportClassName}
        focusable={focusable}
        testId={`${prefix}-viewport`}
        imageTestId={`${prefix}-image`}
        dataPageId={dataPageId}
        empty={empty}
      >
        {children}
      </PageViewport>
    </div>
  );
}
