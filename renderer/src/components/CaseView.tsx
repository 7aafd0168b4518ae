/**
 * Main area for one case: header (with export), document intake (button or drop), documents with
 * their extracted records and pages, the viewer and the review screen. Search hits chosen in the
 * top bar arrive as an `open` request: a field opens in review, page text in the viewer.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Case, Page } from '../../../contract/api.ts';
import type { ExtractedField, FieldKey } from '../../../contract/fields.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { describeError, toUiError } from '../state/errors.ts';
import { isFieldKey } from '../state/review.ts';
import { useCaseDetail } from '../state/useCaseDetail.ts';
import { useFindings } from '../state/useFindings.ts';
import { useRecords } from '../state/useRecords.ts';
import { useUploadQueue } from '../state/useUploadQueue.ts';
import type { PageBox } from '../viewer/transform.ts';
import { CaseHeader } from './CaseHeader.tsx';
import { DocumentRow } from './DocumentRow.tsx';
import { DropZone } from './DropZone.tsx';
import { ExportMenu } from './ExportMenu.tsx';
import { FindingsPanel } from './FindingsPanel.tsx';
import { AuthScreen } from './forensics/AuthScreen.tsx';
import { InspectionReportButton } from './forensics/InspectionReportButton.tsx';
import { Icon } from './Icon.tsx';
import { ReviewScreen } from './ReviewScreen.tsx';
import { useToasts } from './Toasts.tsx';
import { Viewer, type ViewerPage } from './Viewer.tsx';

const ACCEPT = '.pdf,.tif,.tiff,.png,.jpg,.jpeg';

/** A place in a case to show: a search hit (or anything else that points at a page or field). */
export interface OpenRequest {
  /** Distinguishes two requests for the same place (choosing the same hit twice reopens it). */
  seq: number;
  caseId: string;
  documentId: string;
  pageId: string | null;
  fieldKey: string | null;
  boxes: PageBox[];
}

type Highlight = { pageId: string; boxes: PageBox[] } | null;

interface ReviewTarget {
  documentId: string;
  fieldKey: FieldKey | null;
  highlight: Highlight;
  seq: number;
}

interface Props {
  caseId: string;
  /** The case's fields or counts changed: the list should refresh. */
  onCaseChanged(c?: Case): void;
  open?: OpenRequest | null;
  /** The request was acted on (or could not be): it should not be shown again. */
  onOpened?(seq: number): void;
}

let reviewSeq = 0;

export function CaseView({ caseId, onCaseChanged, open, onOpened }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const toasts = useToasts();
  const { detail, jobs, loadError, refresh, patchDocument, patchPage } = useCaseDetail(caseId, toasts.notifyError);
  const records = useRecords(detail, toasts.notifyError);
  // Findings follow the records: a correction can settle (or raise) a mismatch.
  const findings = useFindings(caseId, records.views, toasts.notifyError);
  const [viewerPageId, setViewerPageId] = useState<string | null>(null);
  const [viewerHighlight, setViewerHighlight] = useState<Highlight>(null);
  const [review, setReview] = useState<ReviewTarget | null>(null);
  const [authDocId, setAuthDocId] = useState<string | null>(null);
  const closeAuth = useCallback(() => setAuthDocId(null), []);
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
  const closeViewer = useCallback(() => {
    setViewerPageId(null);
    setViewerHighlight(null);
  }, []);
  const openPage = useCallback((pageId: string) => {
    setViewerHighlight(null);
    setViewerPageId(pageId);
  }, []);
  const openReview = useCallback((documentId: string, fieldKey?: FieldKey) => {
    setViewerPageId(null);
    setReview({ documentId, fieldKey: fieldKey ?? null, highlight: null, seq: ++reviewSeq });
  }, []);
  const closeReview = useCallback(() => setReview(null), []);
  const { patchField, reload } = records;
  const onCorrected = useCallback(
    (documentId: string, field: ExtractedField) => {
      patchField(documentId, field);
      void reload(documentId);
    },
    [patchField, reload],
  );

  // A search hit: a field opens in review (once the document's record is known), page text in
  // the viewer, both with the hit's boxes highlighted.
  const handled = useRef(0);
  useEffect(() => {
    if (!open || open.caseId !== caseId || handled.current === open.seq || !detail) return;
    const doc = detail.documents.find((d) => d.id === open.documentId);
    const highlight = open.pageId ? { pageId: open.pageId, boxes: open.boxes } : null;
    if (doc && open.fieldKey && isFieldKey(open.fieldKey) && doc.status === 'ready') {
      const view = records.views[doc.id];
      if (!view) return; // still loading: this effect runs again when it arrives
      if (view.record) {
        handled.current = open.seq;
        onOpened?.(open.seq);
        setViewerPageId(null);
        setReview({ documentId: doc.id, fieldKey: open.fieldKey, highlight, seq: ++reviewSeq });
        return;
      }
    }
    handled.current = open.seq;
    onOpened?.(open.seq);
    if (doc && open.pageId && doc.pages.some((p) => p.id === open.pageId)) {
      setReview(null);
      setViewerHighlight(highlight);
      setViewerPageId(open.pageId);
    }
  }, [open, caseId, detail, records.views, onOpened]);

  const authDoc = authDocId ? detail?.documents.find((d) => d.id === authDocId) : undefined;
  const reviewDoc = review ? detail?.documents.find((d) => d.id === review.documentId) : undefined;
  const reviewView = review ? records.views[review.documentId] : undefined;

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
          actions={
            <>
              <InspectionReportButton caseId={caseId} />
              <ExportMenu caseId={caseId} testId="export-case" small />
            </>
          }
        />

        {findings && <FindingsPanel findings={findings} documents={detail.documents} onReview={openReview} />}

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
                <DocumentRow
                  key={doc.id}
                  doc={doc}
                  job={jobs[doc.id]}
                  onChanged={patchDocument}
                  onOpenPage={openPage}
                  record={records.views[doc.id]}
                  onReview={openReview}
                  onAuthenticate={setAuthDocId}
                />
              ))}
            </div>
          )}
        </section>
      </div>

      {viewerPageId && viewerPages.length > 0 && (
        <Viewer
          key={viewerHighlight ? `hit-${viewerPageId}` : 'pages'}
          pages={viewerPages}
          initialPageId={viewerPageId}
          onClose={closeViewer}
          onRotated={onRotated}
          highlight={viewerHighlight}
        />
      )}

      {authDoc && <AuthScreen key={authDoc.id} doc={authDoc} onClose={closeAuth} />}

      {review && reviewDoc && reviewView?.record && (
        <ReviewScreen
          key={review.seq}
          doc={reviewDoc}
          view={reviewView}
          initialFieldKey={review.fieldKey}
          highlight={review.highlight}
          onClose={closeReview}
          onCorrected={onCorrected}
        />
      )}
    </DropZone>
  );
}
