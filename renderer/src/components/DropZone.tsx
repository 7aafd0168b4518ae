/**
 * Makes its whole area a file drop target with a visible overlay. dragenter/dragleave fire for
 * every child crossed, so a depth counter decides when the pointer really left.
 */
import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { Icon } from './Icon.tsx';

function hasFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files');
}

export function DropZone({ onFiles, children, className }: { onFiles(files: File[]): void; children: ReactNode; className?: string }) {
  const { t } = useI18n();
  const depth = useRef(0);
  const [active, setActive] = useState(false);

  return (
    <div
      className={className}
      onDragEnter={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth.current += 1;
        setActive(true);
      }}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(e) => {
        if (!hasFiles(e)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setActive(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth.current = 0;
        setActive(false);
        const files = Array.from(e.dataTransfer.files);
        if (files.length) onFiles(files);
      }}
      data-testid="drop-zone"
    >
      {children}
      {active && (
        <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
          <div className="drop-card">
            <Icon name="upload" size={32} />
            <div className="drop-title">{t('caseView.dropTitle')}</div>
            <div className="muted">{t('caseView.dropTypes')}</div>
          </div>
        </div>
      )}
    </div>
  );
}
