/** The `?` list of shortcuts (the viewer's, the review screen's, the app's), as a small dialog. */
import { useEffect, useRef } from 'react';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

export interface ShortcutRow {
  keys: string[];
  label: MessageKey;
  mouse?: MessageKey;
}

export const VIEWER_SHORTCUTS: ShortcutRow[] = [
  { keys: ['+', '='], label: 'shortcuts.zoomIn' },
  { keys: ['-'], label: 'shortcuts.zoomOut' },
  { keys: ['0'], label: 'shortcuts.fitPage' },
  { keys: ['W'], label: 'shortcuts.fitWidth' },
  { keys: ['1'], label: 'shortcuts.actualSize' },
  { keys: ['R'], label: 'shortcuts.rotateRight' },
  { keys: ['Shift', 'R'], label: 'shortcuts.rotateLeft' },
  { keys: ['←', '↑', '→', '↓'], label: 'shortcuts.pan' },
  { keys: ['PageDown', 'N'], label: 'shortcuts.next' },
  { keys: ['PageUp', 'P'], label: 'shortcuts.prev' },
  { keys: [], mouse: 'shortcuts.mouseWheel', label: 'shortcuts.wheel' },
  { keys: [], mouse: 'shortcuts.mouseDrag', label: 'shortcuts.drag' },
  { keys: ['Esc'], label: 'shortcuts.close' },
  { keys: ['?'], label: 'shortcuts.help' },
];

/** Anywhere in the app. */
export const APP_SHORTCUTS: ShortcutRow[] = [{ keys: ['Ctrl', 'K'], label: 'shortcuts.search' }, { keys: ['/'], label: 'shortcuts.search' }];

export const REVIEW_SHORTCUTS: ShortcutRow[] = [
  { keys: ['↓', 'J'], label: 'shortcuts.nextField' },
  { keys: ['↑', 'K'], label: 'shortcuts.prevField' },
  { keys: ['N'], label: 'shortcuts.nextReview' },
  { keys: ['Enter'], label: 'shortcuts.editField' },
  { keys: ['Enter'], label: 'shortcuts.saveField' },
  { keys: ['Esc'], label: 'shortcuts.cancelEdit' },
  { keys: ['F'], label: 'shortcuts.filterReview' },
  { keys: ['+', '='], label: 'shortcuts.zoomIn' },
  { keys: ['-'], label: 'shortcuts.zoomOut' },
  { keys: ['0'], label: 'shortcuts.fitPage' },
  { keys: ['PageDown'], label: 'shortcuts.next' },
  { keys: ['PageUp'], label: 'shortcuts.prev' },
  { keys: ['Esc'], label: 'shortcuts.closeReview' },
  { keys: ['?'], label: 'shortcuts.help' },
];

export function ShortcutHelp({ rows = VIEWER_SHORTCUTS, onClose }: { rows?: ShortcutRow[]; onClose(): void }) {
  const { t } = useI18n();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    return () => previous?.focus?.();
  }, []);

  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div
        className="modal shortcut-help"
        role="dialog"
        aria-modal="true"
        aria-label={t('shortcuts.title')}
        data-testid="shortcut-help"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape' || e.key === '?') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <div className="modal-head">
          <h2 className="section-title">{t('shortcuts.title')}</h2>
          <button ref={closeRef} type="button" className="icon-button" aria-label={t('toast.dismiss')} onClick={onClose}>
            ×
          </button>
        </div>
        <table className="shortcut-table">
          <tbody>
            {rows.map((row) => (
              <tr key={row.label + (row.mouse ?? '') + row.keys.join()}>
                <th scope="row">
                  {row.mouse ? (
                    <span className="kbd-mouse">{t(row.mouse)}</span>
                  ) : (
                    row.keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 && <span className="kbd-sep">{row.keys[0] === 'Shift' || row.keys[0] === 'Ctrl' ? '+' : '/'}</span>}
                        <kbd>{k}</kbd>
                      </span>
                    ))
                  )}
                </th>
                <td>{t(row.label)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
