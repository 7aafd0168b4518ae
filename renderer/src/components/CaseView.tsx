/** Main area for one case: header, document intake (button or drop), documents and pages, viewer. */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Case, Page } from '../../../contract/api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { describeError, toUiError } from '../state/errors.ts';
import { useCaseDetail } from '../state/useCaseDetail.ts';
import { useUploadQueue } from '../state/useUploadQueue.ts';
import { CaseHeader } from './CaseHeader.tsx';
import { DocumentRow } from './DocumentRow.tsx';
import { DropZone } from './DropZone.tsx';
import { Icon } from './Icon.tsx';
import { useToasts } from './Toasts.tsx';
import { Viewer, type ViewerPage } from './Viewer.tsx';

const ACCEPT = '.pdf,.tif,.tiff,.png,.jpg,.jpeg';

interface Props {
  caseId: string;
  /** The case's fields or counts changed: the list should refresh. */
  onCaseChanged(c?: Case): void;
}

export function CaseView({ caseId, onCaseChanged }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const toasts = useToasts();
  const { detail, jobs, loadError, refresh, patchDocument, patchPage } = useCaseDetail(caseId, toasts.notifyError);
  const [viewerPageId, setViewerPageId] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const uploads = useUploadQueue({
    onResult(result, fileName) {
      if (result.duplicateInCase) toasts.notify('info', t('notice.duplicateInCase', { fileName }));
      else if (result.linkedExistingOriginal) toasts.notify('info', t('notice.linkedExistingOriginal', { fileName }));
      refresh();
      onCaseChanged();
    },
    onError(err, fileName) {
      toasts.notifyError(err, fileName);
    },
  });

  const { enqueue } = uploads;
  const addFiles = useCallback((files: File[]) => enqueue(caseId, files), [enqueue, caseId]);

  // The viewer walks every page of the case, document after document.
  const viewerPages = useMemo<ViewerPage[]>(() => {
    if (!detail) return [];
    return detail.documents.flatMap((doc) =>
      [...doc.pages]
        .sort((a, b) => a.index - b.index)
        .map((page) => ({ page, fileName: doc.fileName, docPageCount: doc.pageTotal ?? doc.pages.length })),
    );
  }, [detail]);

  const onRotated = useCallback((page: Page) => patchPage(page), [patchPage]);
  const closeViewer = useCallback(() => setViewerPageId(null), []);

  if (!detail) {
    if (loadError) {
      const { text } = describeError(i18n, toUiError(loadError));
      return (
        <div className="case-view case-view-empty" role="alert">
          <p>{text}</p>
        </div>
      );
    }
    return (
      <div className="case-view case-view-empty" aria-busy="true">
        <p className="muted">{t('caseView.loading')}</p>
      </div>
    );
  }

  return (
    <DropZone className="case-view" onFiles={addFiles}>
      <div className="case-view-scroll" data-testid="case-view" data-case-id={caseId}>
        <CaseHeader
          key={detail.case.id}
          value={detail.case}
          onSaved={(c) => {
            refresh();
            onCaseChanged(c);
          }}
        />

        <section className="documents" aria-labelledby="documents-title">
          <div className="documents-head">
            <h2 className="section-title" id="documents-title">
              {t('caseView.documents')} <span className="count-pill">{detail.documents.length}</span>
            </h2>
            <div className="intake">
              {uploads.status && (
                <span className="upload-status" role="status" data-testid="upload-status">
                  <span className="spinner" aria-hidden="true" />
                  {t('caseView.uploading', { ...uploads.status })}
                </span>
              )}
              <span className="muted small intake-hint">{t('caseView.acceptedTypes')}</span>
              <button type="button" className="button button-primary" onClick={() => inputRef.current?.click()} data-testid="add-documents-button">
                <Icon name="upload" size={14} /> {t('caseView.addDocuments')}
              </button>
              <input
                ref={inputRef}
                type="file"
                multiple
                accept={ACCEPT}
                hidden
                tabIndex={-1}
                onChange={(e) => {
                  const files = Array.from(e.target.files ?? []);
                  // Reset so choosing the same file again still fires a change.
                  e.target.value = '';
                  if (files.length) addFiles(files);
                }}
                data-testid="add-documents-input"
              />
            </div>
          </div>

          {detail.documents.length === 0 ? (
            <div className="empty-drop" data-testid="documents-empty">
              <Icon name="file" size={28} />
              <p>{t('caseView.noDocuments')}</p>
            </div>
          ) : (
            <div className="doc-list" data-testid="document-list">
              {detail.documents.map((doc) => (
                <DocumentRow key={doc.id} doc={doc} job={jobs[doc.id]} onChanged={patchDocument} onOpenPage={setViewerPageId} />
              ))}
            </div>
          )}
        </section>
      </div>

      {viewerPageId && viewerPages.length > 0 && (
        <Viewer pages={viewerPages} initialPageId={viewerPageId} onClose={closeViewer} onRotated={onRotated} />
      )}
    </DropZone>
  );
}
