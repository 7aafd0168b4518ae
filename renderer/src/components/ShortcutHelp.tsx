/** The `?` list of viewer shortcuts, as a small dialog. */
import { useEffect, useRef } from 'react';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

const ROWS: Array<{ keys: string[]; label: MessageKey; mouse?: MessageKey }> = [
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

export function ShortcutHelp({ onClose }: { onClose(): void }) {
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
            {ROWS.map((row) => (
              <tr key={row.label + (row.mouse ?? '')}>
                <th scope="row">
                  {row.mouse ? (
                    <span className="kbd-mouse">{t(row.mouse)}</span>
                  ) : (
                    row.keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 && <span className="kbd-sep">{row.keys[0] === 'Shift' ? '+' : '/'}</span>}
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
