/**
 * One document of the case: identity, kind, status and the action its status calls for
 * (cancel while processing, retry after failure/cancel, password when locked), what extraction
 * made of it (form, fields, "Review"), then its pages.
 */
import { useId, useState, type FormEvent } from 'react';
import {
  DOCUMENT_KINDS,
  type DocumentKind,
  type DocumentStatus,
  type DocumentWithPages,
  type JobProgress,
  type RecordView,
} from '../../../contract/api.ts';
import type { FieldKey } from '../../../contract/fields.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { call } from '../state/desk.ts';
import { describeError, toUiError, type UiError } from '../state/errors.ts';
import { RecordSummary } from './RecordSummary.tsx';
import { Thumbnails } from './Thumbnails.tsx';
import { useToasts } from './Toasts.tsx';

interface Props {
  doc: DocumentWithPages;
  /** Latest job event for this document, newer than `doc` while it is being processed. */
  job: JobProgress | undefined;
  onChanged(doc: Omit<DocumentWithPages, 'pages'>): void;
  onOpenPage(pageId: string): void;
  /** The document's extracted record, once fetched. */
  record?: RecordView | undefined;
  onReview(documentId: string, fieldKey?: FieldKey): void;
  /** Opens stamp and signature authentication for this document. */
  onAuthenticate?(documentId: string): void;
}

const ACTIVE: DocumentStatus[] = ['queued', 'processing'];

export function DocumentRow({ doc, job, onChanged, onOpenPage, record, onReview, onAuthenticate }: Props) {
  const i18n = useI18n();
  const { t, tn } = i18n;
  const toasts = useToasts();
  const [busy, setBusy] = useState(false);

  // While the stored record says "in progress", the live job event is the fresher truth.
  const live = job && ACTIVE.includes(doc.status) ? job : undefined;
  const status: DocumentStatus = live?.status ?? doc.status;
  const error = live ? live.error : doc.error;
  const total = live?.pageTotal ?? doc.pageTotal;
  const done = Math.max(live?.pagesDone ?? 0, doc.pages.length);
  const pending = ACTIVE.includes(status) && total !== null ? Math.max(0, total - doc.pages.length) : 0;

  async function act<T extends Omit<DocumentWithPages, 'pages'>>(run: () => Promise<T>) {
    if (busy) return;
    setBusy(true);
    try {
      onChanged(await run());
    } catch (err) {
      toasts.notifyError(err, doc.fileName);
    } finally {
      setBusy(false);
    }
  }

  return (
    <article className={`doc doc-${status}`} data-testid="document-row" data-document-id={doc.id} data-status={status} aria-label={doc.fileName}>
      <header className="doc-head">
        <div className="doc-title">
          <span className="doc-type" data-testid="document-type">
            {t(`doc.fileType.${doc.fileType}`)}
          </span>
          <span className="doc-name" title={doc.fileName} data-testid="document-name">
            {doc.fileName}
          </span>
          <span className="doc-meta muted">
            {i18n.bytes(doc.byteSize)}
            {total !== null && ` · ${tn('doc.pages', total)}`}
          </span>
        </div>
        <div className="doc-controls">
          {onAuthenticate && status === 'ready' && doc.pages.length > 0 && (
            <button
              type="button"
              className={`button button-small${doc.kind === 'certificate_of_origin' ? ' button-primary' : ''}`}
              onClick={() => onAuthenticate(doc.id)}
              title={t('auth.open')}
              data-testid="document-authenticate"
            >
              {t('auth.openShort')}
            </button>
          )}
          <KindSelect
            value={doc.kind}
            disabled={busy}
            onChange={(kind) => void act(() => call('documents.setKind', { documentId: doc.id, kind }))}
          />
          <span className={`badge badge-${status}`} data-testid="document-status" data-status={status}>
            {t(`doc.status.${status}`)}
          </span>
        </div>
      </header>

      {ACTIVE.includes(status) && (
        <div className="doc-progress">
          <Progress status={status} done={done} total={total} job={live} />
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={() => void act(() => call('documents.cancel', { documentId: doc.id }))}
            data-testid="document-cancel"
          >
            {t('doc.cancel')}
          </button>
        </div>
      )}

      {(status === 'failed' || status === 'cancelled') && (
        <div className={status === 'failed' ? 'doc-error' : 'doc-note'} role={status === 'failed' ? 'alert' : undefined}>
          {status === 'failed' && <ErrorText error={error} />}
          {status === 'cancelled' && <span>{t('error.cancelled')}</span>}
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={() => void act(() => call('documents.retry', { documentId: doc.id }))}
            data-testid="document-retry"
          >
            {t('doc.retry')}
          </button>
        </div>
      )}

      {doc.notice && (
        <div className="doc-note" data-testid="document-notice" data-code={doc.notice.code}>
          <span>{describeError(i18n, doc.notice).text}</span>
        </div>
      )}

      {status === 'needs_password' && (
        <UnlockForm docId={doc.id} error={error} onUnlocked={onChanged} />
      )}

      {record?.record && status === 'ready' && (
        <RecordSummary view={record} fileName={doc.fileName} onReview={(fieldKey) => onReview(doc.id, fieldKey)} />
      )}

      <Thumbnails fileName={doc.fileName} pages={doc.pages} pendingCount={pending} onOpen={onOpenPage} />
    </article>
  );
}

function ErrorText({ error }: { error: UiError | null }) {
  const i18n = useI18n();
  if (!error) return <span data-testid="document-error">{i18n.t('doc.status.failed')}</span>;
  const { text, detail } = describeError(i18n, error);
  return (
    <span data-testid="document-error" data-code={error.code}>
      {text}
      {detail && <span className="muted"> {detail}</span>}
    </span>
  );
}

function KindSelect({ value, disabled, onChange }: { value: DocumentKind; disabled: boolean; onChange(kind: DocumentKind): void }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <span className="kind-select">
      <label htmlFor={id} className="visually-hidden">
        {t('doc.kind')}
      </label>
      <select
        id={id}
        className="select"
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value as DocumentKind)}
        data-testid="document-kind"
        title={t('doc.kind')}
      >
        {DOCUMENT_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`doc.kind.${kind}`)}
          </option>
        ))}
      </select>
    </span>
  );
}

function Progress({ status, done, total, job }: { status: DocumentStatus; done: number; total: number | null; job: JobProgress | undefined }) {
  const { t } = useI18n();
  // After rendering, the same job reads the text of scanned pages (OCR), then extracts the fields.
  if (job && status === 'processing' && job.phase !== 'render') {
    const phaseTotal = job.phase === 'ocr' ? job.phaseTotal : null;
    const label =
      job.phase === 'extract'
        ? t('doc.progressExtract')
        : phaseTotal
          ? t('doc.progressOcr', { done: Math.min(job.pagesDone, phaseTotal), total: phaseTotal })
          : t('doc.progressOcrStarting');
    return <PhaseProgress label={label} done={job.pagesDone} total={phaseTotal} />;
  }
  const known = total !== null && total > 0;
  const label = known
    ? t('doc.progress', { done: Math.min(done, total), total })
    : status === 'queued'
      ? t('doc.progressWaiting')
      : t('doc.progressStarting');
  return <PhaseProgress label={label} done={done} total={known ? total : null} />;
}

function PhaseProgress({ label, done, total }: { label: string; done: number; total: number | null }) {
  const known = total !== null && total > 0;
  return (
    <div className="progress" data-testid="document-progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={known ? total : undefined}
        aria-valuenow={known ? Math.min(done, total) : undefined}
      >
        <div
          className={`progress-fill${known ? '' : ' progress-indeterminate'}`}
          style={known ? { width: `${(100 * Math.min(done, total)) / total}%` } : undefined}
        />
      </div>
      <span className="progress-label">{label}</span>
    </div>
  );
}

function UnlockForm({
  docId,
  error,
  onUnlocked,
}: {
  docId: string;
  error: UiError | null;
  onUnlocked(doc: Omit<DocumentWithPages, 'pages'>): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const toasts = useToasts();
  const id = useId();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [localError, setLocalError] = useState<UiError | null>(null);
  // The desk may report a wrong password either by throwing or on the document itself.
  const shown = localError ?? (error?.code === 'wrong_password' ? error : null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!password || busy) return;
    setBusy(true);
    setLocalError(null);
    try {
      const doc = await call('documents.unlock', { documentId: docId, password });
      setPassword('');
      onUnlocked(doc);
    } catch (err) {
      const info = toUiError(err);
      if (info.code === 'wrong_password' || info.code === 'invalid_argument') setLocalError(info);
      else toasts.notifyError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="doc-unlock" onSubmit={submit} data-testid="document-unlock">
      <span className="doc-unlock-prompt">{t('doc.passwordPrompt')}</span>
      <label htmlFor={id} className="visually-hidden">
        {t('doc.password')}
      </label>
      <input
        id={id}
        type="password"
        className="input input-small"
        placeholder={t('doc.password')}
        autoComplete="off"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        aria-invalid={Boolean(shown)}
        data-testid="document-password"
      />
      <button type="submit" className="button button-small button-primary" disabled={busy || !password} data-testid="document-unlock-button">
        {busy ? t('doc.unlocking') : t('doc.unlock')}
      </button>
      {shown && (
        <span className="field-error" role="alert" data-testid="document-password-error">
          {describeError(i18n, shown).text}
        </span>
      )}
    </form>
  );
}
