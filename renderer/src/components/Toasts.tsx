/**
 * Non-blocking notifications. Errors from any call land here so the officer can keep working;
 * nothing in the app waits on a toast being dismissed.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { describeError, toUiError } from '../state/errors.ts';

type ToastKind = 'error' | 'info' | 'success';

interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
  detail?: string;
  /** Optional subject (e.g. a file name) shown before the text. */
  subject?: string;
}

interface ToastApi {
  notify(kind: ToastKind, text: string, subject?: string): void;
  notifyError(err: unknown, subject?: string): void;
}

const ToastContext = createContext<ToastApi | null>(null);
const TIMEOUT_MS: Record<ToastKind, number> = { error: 12_000, info: 8_000, success: 4_000 };
const MAX_TOASTS = 5;

export function ToastProvider({ children }: { children: ReactNode }) {
  const i18n = useI18n();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);

  const push = useCallback((toast: Omit<Toast, 'id'>) => {
    const id = nextId.current++;
    setToasts((list) => [...list, { ...toast, id }].slice(-MAX_TOASTS));
    return id;
  }, []);

  const api = useMemo<ToastApi>(
    () => ({
      notify: (kind, text, subject) => push({ kind, text, ...(subject ? { subject } : {}) }),
      notifyError: (err, subject) => {
        const info = toUiError(err);
        // The full-page message already explains an unauthorised session.
        if (info.code === 'unauthorized') return;
        const { text, detail } = describeError(i18n, info);
        push({ kind: 'error', text, ...(detail ? { detail } : {}), ...(subject ? { subject } : {}) });
      },
    }),
    [push, i18n],
  );

  return (
    <ToastContext.Provider value={api}>
      {children}
      <section className="toasts" aria-label={i18n.t('toast.notifications')} aria-live="polite">
        {toasts.map((toast) => (
          <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} />
        ))}
      </section>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  const { t } = useI18n();
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (paused) return;
    const timer = window.setTimeout(() => onDismiss(toast.id), TIMEOUT_MS[toast.kind]);
    return () => window.clearTimeout(timer);
  }, [paused, toast.id, toast.kind, onDismiss]);

  return (
    <div
      className={`toast toast-${toast.kind}`}
      role={toast.kind === 'error' ? 'alert' : 'status'}
      data-testid={`toast-${toast.kind}`}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <span className="toast-icon" aria-hidden="true">
        {toast.kind === 'error' ? '!' : toast.kind === 'success' ? '✓' : 'i'}
      </span>
      <div className="toast-body">
        {toast.subject && <div className="toast-subject">{toast.subject}</div>}
        <div className="toast-text">{toast.text}</div>
        {toast.detail && <div className="toast-detail">{toast.detail}</div>}
      </div>
      <button type="button" className="icon-button toast-close" aria-label={t('toast.dismiss')} title={t('toast.dismiss')} onClick={() => onDismiss(toast.id)}>
        ×
      </button>
    </div>
  );
}

export function useToasts(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToasts outside ToastProvider');
  return api;
}
