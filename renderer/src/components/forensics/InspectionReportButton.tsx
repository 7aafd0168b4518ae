/** "Inspection report": the case's C/O authentication report as a PDF made by the desk (`reports.inspection`), downloaded. */
import { useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { downloadInspectionReport } from '../../state/useLibrary.ts';
import { Icon } from '../Icon.tsx';
import { useToasts } from '../Toasts.tsx';

export function InspectionReportButton({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const toasts = useToasts();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="button button-small"
      disabled={busy}
      aria-busy={busy}
      title={t('report.title')}
      onClick={async () => {
        setBusy(true);
        try {
          const fileName = await downloadInspectionReport(caseId);
          toasts.notify('success', t('export.done', { fileName }));
        } catch (err) {
          toasts.notifyError(err);
        } finally {
          setBusy(false);
        }
      }}
      data-testid="inspection-report"
    >
      {busy ? <span className="spinner" aria-hidden="true" /> : <Icon name="file" size={14} />}
      {busy ? t('report.making') : t('report.button')}
    </button>
  );
}
