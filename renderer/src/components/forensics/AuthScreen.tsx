/**
 * C/O authentication of one document: the page on the left with every stamp and signature boxed
 * (click one to select it; draw a box to add a region the detector missed, redraw one, or crop a
 * specimen for the library), the marks on the right — crop, kind, ink, confidence, latest score
 * and verdict — with the selected mark's identification, verification, comparison and verdict.
 * A document never scanned for marks is scanned when the screen opens, with progress shown.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { MARK_KINDS, type DocumentWithPages, type MarkKind } from '../../../../contract/api.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useMarks } from '../../state/useMarks.ts';
import { smallestBoxAt, viewportToImage, type PageBox } from '../../viewer/transform.ts';
import { usePageView, usePanZoom } from '../../viewer/usePanZoom.ts';
import { Icon } from '../Icon.tsx';
import { isButtonKey, isTyping, useDocumentKeys, useFocusWhileOpen } from '../keyboard.ts';
import { DocumentPages, documentScreenKey, stepThrough, usePager } from '../PageView.tsx';
import { useToasts } from '../Toasts.tsx';
import { formatScore } from './common.tsx';
import { MarkCard } from './MarkCard.tsx';
import { MarkDetail } from './MarkDetail.tsx';
import { DrawLayer, MarkOverlay, type MarkBox } from './MarkOverlay.tsx';
import { OwnerPicker } from './OwnerPicker.tsx';

interface Props {
  doc: DocumentWithPages;
  onClose(): void;
}

type Drawing = { purpose: 'add' } | { purpose: 'redraw'; markId: string } | null;

/** Controls floating over the page keep their clicks: the viewport would capture the pointer to pan. */
function stopPointer(e: { stopPropagation(): void }) {
  e.stopPropagation();
}

/** A modal (the comparison view, an owner dialog) is open over the screen: its keys are its own. */
function modalOpen(): boolean {
  return Boolean(document.querySelector('[data-testid="compare-view"], [data-testid="library-screen"], .modal-backdrop'));
}

export function AuthScreen({ doc, onClose }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const toasts = useToasts();
  const marks = useMarks(doc.id, toasts.notifyError);
  const pages = useMemo(() => [...doc.pages].sort((a, b) => a.index - b.index), [doc.pages]);
  const pager = usePager(pages, () => pages[0]?.id ?? null);
  const { page, setPageId } = pager;
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [drawing, setDrawing] = useState<Drawing>(null);
  const [pending, setPending] = useState<{ pageId: string; box: PageBox } | null>(null);
  const [cropSpecimen, setCropSpecimen] = useState<{ pageId: string; box: PageBox; kind: MarkKind } | null>(null);
  const [busy, setBusy] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);
  const listId = useId();

  const ordered = useMemo(
    () => [...marks.marks].sort((a, b) => a.pageIndex - b.pageIndex || a.box.y - b.box.y || a.box.x - b.box.x),
    [marks.marks],
  );
  const numberOf = useCallback((id: string) => ordered.findIndex((m) => m.id === id) + 1, [ordered]);
  const selected = ordered.find((m) => m.id === selectedId) ?? null;

  // The first mark is selected once the list arrives (or when the selected one went away).
  useEffect(() => {
    if (!selected && ordered[0]) setSelectedId(ordered[0].id);
  }, [ordered, selected]);

  const panZoom = usePanZoom(
    { width: page?.width ?? 1, height: page?.height ?? 1 },
    {
      onTap(x, y) {
        if (!page) return;
        const at = viewportToImage(panZoom.viewRef.current, panZoom.imageRef.current, x, y);
        const hit = smallestBoxAt(ordered, (m) => (m.pageId === page.id ? m.box : null), at);
        if (hit) setSelectedId(hit.id);
      },
    },
  );

  // A new page is fitted; a newly selected mark is brought into view (its page first).
  usePageView(panZoom, page, selected && selected.pageId === page?.id ? selected.box : null, selectedId);

  useEffect(() => {
    if (selected && selected.pageId !== page?.id && pages.some((p) => p.id === selected.pageId)) setPageId(selected.pageId);
  }, [selected?.id]);

  const overlay = useMemo<MarkBox[]>(() => {
    if (!page) return [];
    const boxes: MarkBox[] = ordered
      .filter((m) => m.pageId === page.id)
      .map((m) => ({
        id: m.id,
        box: m.box,
        tone: m.kind,
        selected: m.id === selectedId,
        band: m.latest?.band ?? null,
        label: `${numberOf(m.id)} · ${t(`auth.kind.${m.kind}`)}${m.latest?.score != null ? ` · ${formatScore(m.latest.score)}%` : ''}`,
      }));
    // The selected box is drawn last, on top.
    boxes.sort((a, b) => Number(Boolean(a.selected)) - Number(Boolean(b.selected)));
    if (pending && pending.pageId === page.id) boxes.push({ id: 'pending', box: pending.box, tone: 'pending', label: t('auth.draw.newRegion') });
    return boxes;
  }, [ordered, page, selectedId, pending, numberOf, t]);

  const onDrawn = useCallback(
    async (box: PageBox) => {
      if (!page || !drawing) return;
      if (drawing.purpose === 'redraw') {
        setDrawing(null);
        setBusy(true);
        const updated = await marks.update(drawing.markId, { box });
        setBusy(false);
        if (updated) toasts.notify('success', t('auth.draw.redrawn'));
        return;
      }
      setDrawing(null);
      setPending({ pageId: page.id, box });
    },
    [page, drawing, marks, toasts, t],
  );

  const addPending = useCallback(
    async (kind: MarkKind) => {
      if (!pending) return;
      setBusy(true);
      const mark = await marks.add(pending.pageId, pending.box, kind);
      setBusy(false);
      if (mark) {
        setPending(null);
        setSelectedId(mark.id);
        toasts.notify('success', t('auth.draw.added', { kind: t(`auth.kind.${kind}`) }));
      }
    },
    [pending, marks, toasts, t],
  );

  const remove = useCallback(
    async (markId: string) => {
      setBusy(true);
      const ok = await marks.remove(markId);
      setBusy(false);
      if (ok) {
        setSelectedId(null);
        toasts.notify('success', t('auth.mark.removed'));
      }
    },
    [marks, toasts, t],
  );

  const move = useCallback(
    (delta: number) => {
      const next = stepThrough(ordered, ordered.findIndex((m) => m.id === selectedId), delta);
      if (next) setSelectedId(next.id);
    },
    [ordered, selectedId],
  );

  useDocumentKeys((e) => {
    if (e.defaultPrevented || modalOpen()) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      if (drawing) setDrawing(null);
      else if (pending) setPending(null);
      else onClose();
      return;
    }
    if (isTyping(e.target) || isButtonKey(e)) return;
    let handled = true;
    switch (e.key) {
      case 'd':
      case 'D':
        setPending(null);
        setDrawing((d) => (d ? null : { purpose: 'add' }));
        break;
      default:
        handled = documentScreenKey(e.key, panZoom, pager, move);
    }
    if (handled) e.preventDefault();
  });

  useFocusWhileOpen(() => listRef.current);

  const progress = marks.progress;
  const detectLabel =
    progress && progress.pageTotal > 0
      ? t('auth.detect.progress', { done: Math.min(progress.pagesDone, progress.pageTotal), total: progress.pageTotal })
      : t('auth.detect.starting');
  const counts = {
    stamps: ordered.filter((m) => m.kind === 'stamp').length,
    signatures: ordered.filter((m) => m.kind === 'signature').length,
  };

  return (
    <section className="review auth" aria-label={t('auth.title', { fileName: doc.fileName })} data-testid="auth-screen" data-document-id={doc.id}>
      <DocumentPages
        prefix="auth"
        fileName={doc.fileName}
        pages={pages}
        pager={pager}
        panZoom={panZoom}
        tools={
          <div className="tool-group">
            <button
              type="button"
              className={`tool-button tool-text${drawing?.purpose === 'add' ? ' tool-active' : ''}`}
              aria-pressed={drawing?.purpose === 'add'}
              title={`${t('auth.draw.button')} (D)`}
              onClick={() => {
                setPending(null);
                setDrawing((d) => (d ? null : { purpose: 'add' }));
              }}
              data-testid="auth-draw"
            >
              <Icon name="plus" size={14} /> {t('auth.draw.button')}
            </button>
          </div>
        }
        viewportClassName={`rv-viewport${drawing ? ' auth-drawing' : ''}`}
        focusable
        noPageLabel={doc.fileName}
      >
        <MarkOverlay boxes={overlay} panZoom={panZoom} />
        {drawing && <DrawLayer panZoom={panZoom} onDrawn={(box) => void onDrawn(box)} label={t('auth.draw.layer')} />}
        {drawing && (
          <div className="auth-draw-hint" role="status" onPointerDown={stopPointer} data-testid="auth-draw-hint">
            {drawing.purpose === 'redraw' ? t('auth.draw.redrawHint') : t('auth.draw.hint')}
            <button type="button" className="button button-small" onClick={() => setDrawing(null)}>
              {t('form.cancel')}
            </button>
          </div>
        )}
        {pending && (
          <div className="auth-pending" role="dialog" aria-label={t('auth.draw.newRegion')} onPointerDown={stopPointer} onDoubleClick={stopPointer} data-testid="auth-pending">
            <span className="auth-pending-title">{t('auth.draw.chooseKind')}</span>
            {MARK_KINDS.map((k) => (
              <button key={k} type="button" className="button button-small button-primary" disabled={busy} onClick={() => void addPending(k)} data-testid={`auth-pending-${k}`}>
                {t('auth.draw.addAs', { kind: t(`auth.kind.${k}`) })}
              </button>
            ))}
            <span className="auth-pending-sep" aria-hidden="true" />
            {MARK_KINDS.map((k) => (
              <button
                key={`spec-${k}`}
                type="button"
                className="button button-small"
                disabled={busy}
                onClick={() => {
                  setCropSpecimen({ ...pending, kind: k });
                }}
                data-testid={`auth-pending-specimen-${k}`}
              >
                {t('auth.draw.asSpecimen', { kind: t(`auth.kind.${k}`) })}
              </button>
            ))}
            <button type="button" className="button button-small" onClick={() => setPending(null)} data-testid="auth-pending-cancel">
              {t('form.cancel')}
            </button>
          </div>
        )}
      </DocumentPages>

      <div className="rv-panel auth-panel">
        <header className="rv-head">
          <div className="rv-head-title">
            <h2 className="section-title">{t('auth.panelTitle')}</h2>
            <span className="muted small" data-testid="auth-counts">
              {t('auth.counts', { stamps: counts.stamps, signatures: counts.signatures })}
            </span>
          </div>
          <div className="rv-head-actions">
            <button
              type="button"
              className="button button-small"
              onClick={() => void marks.detect()}
              disabled={marks.detecting}
              title={t('auth.detect.rerunHint')}
              data-testid="auth-detect"
            >
              {t('auth.detect.rerun')}
            </button>
            <button type="button" className="button button-small" onClick={onClose} title={`${t('auth.close')} (Esc)`} data-testid="auth-close">
              <Icon name="close" size={14} /> {t('auth.close')}
            </button>
          </div>
        </header>

        {marks.detecting && (
          <div className="auth-detecting" role="status" data-testid="auth-detecting">
            <div className="progress">
              <div
                className="progress-track"
                role="progressbar"
                aria-label={detectLabel}
                aria-valuemin={0}
                aria-valuemax={progress?.pageTotal || undefined}
                aria-valuenow={progress?.pageTotal ? progress.pagesDone : undefined}
              >
                <div
                  className={`progress-fill${progress?.pageTotal ? '' : ' progress-indeterminate'}`}
                  style={progress?.pageTotal ? { width: `${(100 * Math.min(progress.pagesDone, progress.pageTotal)) / progress.pageTotal}%` } : undefined}
                />
              </div>
              <span className="progress-label">{detectLabel}</span>
            </div>
          </div>
        )}
        {marks.detectError && !marks.detecting && (
          <div className="doc-error" role="alert" data-testid="auth-detect-error">
            {t('auth.detect.failed', { message: marks.detectError })}
          </div>
        )}

        <div className="rv-scroll auth-scroll">
          {marks.list && !marks.detecting && ordered.length === 0 && (
            <p className="empty-note" data-testid="auth-no-marks">
              {marks.list.detectedAt ? t('auth.noMarks') : t('auth.notScanned')}
            </p>
          )}
          {marks.list?.detectedAt && (
            <p className="muted small auth-detected-at" data-testid="auth-detected-at">{t('auth.detectedAt', { time: i18n.dateTime(marks.list.detectedAt) })}</p>
          )}
          <ul
            ref={listRef}
            className="mark-list"
            role="listbox"
            tabIndex={0}
            aria-label={t('auth.marks')}
            aria-activedescendant={selectedId ? `${listId}-${selectedId}` : undefined}
            data-testid="mark-list"
          >
            {ordered.map((m, i) => (
              <MarkCard key={m.id} id={`${listId}-${m.id}`} mark={m} number={i + 1} selected={m.id === selectedId} onSelect={() => setSelectedId(m.id)} />
            ))}
          </ul>

          {selected && (
            <MarkDetail
              key={selected.id}
              mark={selected}
              number={numberOf(selected.id)}
              fileName={doc.fileName}
              busy={busy}
              onChanged={() => void marks.refresh()}
              onKind={(kind) => {
                setBusy(true);
                void marks.update(selected.id, { kind }).finally(() => setBusy(false));
              }}
              onRedraw={() => {
                setPending(null);
                if (selected.pageId !== page?.id) setPageId(selected.pageId);
                setDrawing({ purpose: 'redraw', markId: selected.id });
              }}
              onRemove={() => void remove(selected.id)}
            />
          )}
        </div>
      </div>

      {cropSpecimen && (
        <OwnerPicker
          kind={cropSpecimen.kind}
          title={t('auth.draw.specimenTitle', { kind: t(`auth.kind.${cropSpecimen.kind}`) })}
          defaultSource={t('auth.mark.defaultSource', { fileName: doc.fileName, page: (pages.find((p) => p.id === cropSpecimen.pageId)?.index ?? 0) + 1 })}
          from={{ pageId: cropSpecimen.pageId, box: cropSpecimen.box }}
          onCancel={() => setCropSpecimen(null)}
          onAdded={() => {
            setCropSpecimen(null);
            setPending(null);
          }}
        />
      )}
    </section>
  );
}
