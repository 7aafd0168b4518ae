/**
 * Page thumbnails of one document. Pages appear as the desk renders them; the rest of the known
 * page total shows as placeholders so the grid doesn't jump while a document is processed.
 */
import { memo, useState } from 'react';
import type { Page } from '../../../contract/api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { pageImageUrl } from '../state/desk.ts';

interface Props {
  fileName: string;
  pages: Page[];
  /** Pages still expected (rendering in progress), shown as placeholders. */
  pendingCount: number;
  onOpen(pageId: string): void;
}

export function Thumbnails({ fileName, pages, pendingCount, onOpen }: Props) {
  const { t } = useI18n();
  if (pages.length === 0 && pendingCount === 0) return null;
  const sorted = [...pages].sort((a, b) => a.index - b.index);
  return (
    <ul className="thumbs" data-testid="thumbnails">
      {sorted.map((page) => (
        <li key={page.id}>
          <Thumbnail page={page} label={t('doc.pageLabel', { page: page.index + 1 })} title={t('doc.openPage', { page: page.index + 1, fileName })} onOpen={onOpen} />
        </li>
      ))}
      {Array.from({ length: Math.min(pendingCount, 200) }, (_, i) => {
        const n = sorted.length + i + 1;
        return (
          <li key={`pending-${n}`}>
            <div className="thumb thumb-pending" aria-label={t('doc.pagePending', { page: n })} data-testid="thumbnail-pending">
              <span className="thumb-frame">
                <span className="spinner" aria-hidden="true" />
              </span>
              <span className="thumb-label">{t('doc.pageLabel', { page: n })}</span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

interface ThumbProps {
  page: Page;
  label: string;
  title: string;
  onOpen(pageId: string): void;
  /** Highlighted (the viewer's current page). */
  current?: boolean;
  compact?: boolean;
}

/** One clickable thumbnail; a button so Enter/Space open it and focus is visible. */
export const Thumbnail = memo(function Thumbnail({ page, label, title, onOpen, current, compact }: ThumbProps) {
  const { t } = useI18n();
  // A page record can briefly precede its image file; retry a couple of times before giving up.
  const [attempt, setAttempt] = useState(0);
  const failed = attempt > 2;
  return (
    <button
      type="button"
      className={`thumb${current ? ' thumb-current' : ''}${compact ? ' thumb-compact' : ''}`}
      title={title}
      aria-label={title}
      aria-current={current ? 'true' : undefined}
      onClick={() => onOpen(page.id)}
      data-testid={compact ? 'viewer-strip-thumb' : 'thumbnail'}
      data-page-id={page.id}
      data-rotation={page.rotation}
    >
      <span className="thumb-frame">
        {failed ? (
          <span className="thumb-error">{t('doc.thumbError')}</span>
        ) : (
          <img
            key={attempt}
            src={pageImageUrl(page.id, 'thumb')}
            alt=""
            loading="lazy"
            decoding="async"
            draggable={false}
            // Rotation is display-only: the stored image stays as rendered.
            style={{ transform: `rotate(${page.rotation}deg)` }}
            onError={() => window.setTimeout(() => setAttempt((n) => n + 1), 800 * (attempt + 1))}
          />
        )}
      </span>
      <span className="thumb-label">{label}</span>
    </button>
  );
});
