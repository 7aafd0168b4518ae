/**
 * "Export" as a small menu: the records of one case (or of all cases) as CSV or JSON, made by the
 * desk (`records.export`, schema origindesk.records/1) and handed to the browser as a download.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { call } from '../state/desk.ts';
import { downloadFile } from '../state/download.ts';
import { Icon } from './Icon.tsx';
import { useToasts } from './Toasts.tsx';

const FORMATS = ['csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

interface Props {
  /** One case; without it, every case on the desk. */
  caseId?: string;
  testId: string;
  small?: boolean;
}

export function ExportMenu({ caseId, testId, small }: Props) {
  const { t } = useI18n();
  const toasts = useToasts();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<Format | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    // The first item takes focus so the arrows work at once.
    rootRef.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  async function run(format: Format) {
    setOpen(false);
    buttonRef.current?.focus();
    setBusy(format);
    try {
      const file = await call('records.export', caseId ? { format, caseId } : { format });
      downloadFile(file);
      toasts.notify('success', t('export.done', { fileName: file.fileName }));
    } catch (err) {
      toasts.notifyError(err);
    } finally {
      setBusy(null);
    }
  }

  function onMenuKey(e: KeyboardEvent<HTMLDivElement>) {
    const items = [...(rootRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        buttonRef.current?.focus();
      }
      setOpen(false);
    }
  }

  const scope = caseId ? 'Case' : 'All';
  return (
    <div className="menu-anchor" ref={rootRef} onKeyDown={open ? onMenuKey : undefined}>
      <button
        ref={buttonRef}
        type="button"
        className={`button${small ? ' button-small' : ''}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={busy !== null}
        onClick={() => setOpen((v) => !v)}
        title={caseId ? t('export.titleCase') : t('export.titleAll')}
        data-testid={testId}
      >
        {busy ? <span className="spinner" aria-hidden="true" /> : <Icon name="download" size={14} />}
        {caseId ? t('export.button') : t('export.allButton')}
        <Icon name="chevronDown" size={12} />
      </button>
      {open && (
        <div className="menu" role="menu" id={menuId} aria-label={caseId ? t('export.titleCase') : t('export.titleAll')} data-testid={`${testId}-menu`}>
          {FORMATS.map((format) => (
            <button key={format} type="button" role="menuitem" className="menu-item" onClick={() => void run(format)} data-testid={`${testId}-${format}`}>
              <span className="menu-item-format">{format.toUpperCase()}</span>
              <span className="muted">{t(`export.${format}${scope}`)}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
