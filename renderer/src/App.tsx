/**
 * Layout and top-level state: desk info, case list, which case is open, the "new case" form, and
 * where a search hit chosen in the top bar should take the officer.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeskInfo, SearchHit } from '../../contract/api.ts';
import { CaseForm } from './components/CaseForm.tsx';
import { CaseList } from './components/CaseList.tsx';
import { CaseView, type OpenRequest } from './components/CaseView.tsx';
import { LibraryScreen } from './components/forensics/LibraryScreen.tsx';
import { APP_SHORTCUTS, ShortcutHelp, VIEWER_SHORTCUTS } from './components/ShortcutHelp.tsx';
import { ToastProvider, useToasts } from './components/Toasts.tsx';
import { TopBar } from './components/TopBar.tsx';
import { UnauthorizedPage } from './components/UnauthorizedPage.tsx';
import { I18nProvider, useI18n } from './i18n/I18nProvider.tsx';
import { call, useUnauthorized } from './state/desk.ts';
import { useCaseList } from './state/useCaseList.ts';

let openSeq = 0;

export function App() {
  return (
    <I18nProvider>
      <ToastProvider>
        <Shell />
      </ToastProvider>
    </I18nProvider>
  );
}

function Shell() {
  const { t } = useI18n();
  const toasts = useToasts();
  const unauthorized = useUnauthorized();
  const [info, setInfo] = useState<DeskInfo | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [libraryOpen, setLibraryOpen] = useState(false);
  const closeLibrary = useCallback(() => setLibraryOpen(false), []);
  const [openRequest, setOpenRequest] = useState<OpenRequest | null>(null);
  const list = useCaseList(toasts.notifyError);

  // Once per window; read through a ref so a language switch doesn't ask again.
  const notifyErrorRef = useRef(toasts.notifyError);
  notifyErrorRef.current = toasts.notifyError;
  useEffect(() => {
    call('desk.info', {}).then(setInfo, (err: unknown) => notifyErrorRef.current(err));
  }, []);

  // A file dropped outside the case view must not make the window navigate to it.
  useEffect(() => {
    const block = (e: DragEvent) => {
      if (Array.from(e.dataTransfer?.types ?? []).includes('Files')) e.preventDefault();
    };
    window.addEventListener('dragover', block);
    window.addEventListener('drop', block);
    return () => {
      window.removeEventListener('dragover', block);
      window.removeEventListener('drop', block);
    };
  }, []);

  // `?` anywhere outside the viewer and the review screen (which have their own lists) shows the shortcuts.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey) return;
      const el = e.target as HTMLElement | null;
      if (el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))) return;
      if (document.querySelector('[data-testid="viewer"], [data-testid="review"]')) return;
      e.preventDefault();
      setHelpOpen((v) => !v);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const { refresh } = list;
  const onCaseChanged = useCallback(() => void refresh(), [refresh]);

  // A request is shown once: coming back to the case later must not reopen the hit.
  const onOpened = useCallback((seq: number) => setOpenRequest((prev) => (prev?.seq === seq ? null : prev)), []);

  const openHit = useCallback((hit: SearchHit) => {
    setCreating(false);
    setSelectedId(hit.caseId);
    setOpenRequest({
      seq: ++openSeq,
      caseId: hit.caseId,
      documentId: hit.documentId,
      pageId: hit.pageId,
      fieldKey: hit.fieldKey,
      boxes: hit.boxes,
    });
  }, []);

  if (unauthorized) return <UnauthorizedPage />;

  return (
    <div className="app">
      <TopBar info={info} onShortcuts={() => setHelpOpen(true)} onOpenHit={openHit} onLibrary={() => setLibraryOpen(true)} />
      <div className="workspace">
        <CaseList
          cases={list.cases}
          loaded={list.loaded}
          search={list.search}
          onSearch={list.setSearch}
          selectedId={creating ? null : selectedId}
          onSelect={(id) => {
            setCreating(false);
            setOpenRequest(null);
            setSelectedId(id);
          }}
          onNew={() => setCreating(true)}
        />
        <main className="main" aria-live="off">
          {creating ? (
            <div className="main-pad">
              <CaseForm
                testId="new-case-form"
                title={t('form.newTitle')}
                submitLabel={t('form.create')}
                onCancel={() => setCreating(false)}
                onSubmit={async (values) => {
                  const created = await call('cases.create', values);
                  setCreating(false);
                  setSelectedId(created.id);
                  toasts.notify('success', t('notice.caseCreated', { declarationNo: created.declarationNo }));
                  void refresh();
                }}
              />
            </div>
          ) : selectedId ? (
            <CaseView key={selectedId} caseId={selectedId} onCaseChanged={onCaseChanged} open={openRequest} onOpened={onOpened} />
          ) : (
            <div className="main-empty" data-testid="no-case-selected">
              <p>{t('caseView.none')}</p>
            </div>
          )}
        </main>
      </div>
      {libraryOpen && <LibraryScreen onClose={closeLibrary} />}
      {helpOpen && <ShortcutHelp rows={[...APP_SHORTCUTS, ...VIEWER_SHORTCUTS]} onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
