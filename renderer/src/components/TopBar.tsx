/** Wordmark, search across cases, where the desk keeps its data, the officer, and the language switch. */
import { useEffect, useId, useState } from 'react';
import type { DeskInfo, SearchHit } from '../../../contract/api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LANGS } from '../i18n/translate.ts';
import { OFFICER_MAX, setOfficer, useOfficer } from '../state/officer.ts';
import { GlobalSearch } from './GlobalSearch.tsx';
import { Icon } from './Icon.tsx';

interface Props {
  info: DeskInfo | null;
  onShortcuts(): void;
  onOpenHit(hit: SearchHit): void;
  /** Opens the specimen library (stamps and signatures on record). */
  onLibrary?(): void;
}

export function TopBar({ info, onShortcuts, onOpenHit, onLibrary }: Props) {
  const { t, lang, setLang } = useI18n();
  return (
    <header className="topbar">
      <div className="wordmark" aria-label="OriginDesk">
        <span className="wordmark-mark" aria-hidden="true" />
        {t('app.name')}
      </div>
      <GlobalSearch onOpen={onOpenHit} />
      {info && (
        <div className="desk-info" data-testid="desk-info">
          <span className="chip">{t(`topbar.transport.${info.transport}`)}</span>
          <span>{t('topbar.version', { version: info.version })}</span>
          <span className="desk-info-dir" title={info.dataDir}>
            {t('topbar.dataDir', { dataDir: info.dataDir })}
          </span>
          <span>{t('topbar.accelerator', { accelerator: info.accelerator })}</span>
        </div>
      )}
      <div className="topbar-actions">
        {onLibrary && (
          <button type="button" className="button button-small topbar-library" onClick={onLibrary} data-testid="open-library">
            {t('library.open')}
          </button>
        )}
        <OfficerField />
        <button type="button" className="icon-button" title={`${t('topbar.shortcuts')} (?)`} aria-label={t('topbar.shortcuts')} onClick={onShortcuts}>
          <Icon name="keyboard" />
        </button>
        <div className="segmented" role="group" aria-label={t('topbar.language')}>
          {LANGS.map((l) => (
            <button
              key={l}
              type="button"
              lang={l}
              aria-pressed={lang === l}
              className={lang === l ? 'active' : ''}
              onClick={() => setLang(l)}
              data-testid={`lang-${l}`}
            >
              {t(`lang.${l}`)}
            </button>
          ))}
        </div>
      </div>
    </header>
  );
}

/** The officer's name, recorded with every correction; edited in place, saved on blur or Enter. */
function OfficerField() {
  const { t } = useI18n();
  const officer = useOfficer();
  const id = useId();
  const [draft, setDraft] = useState(officer);
  // The review screen may set the name (asked before the first correction).
  useEffect(() => setDraft(officer), [officer]);
  return (
    <div className={`officer${officer ? '' : ' officer-unset'}`} title={t('topbar.officerHint')}>
      <label htmlFor={id}>
        <Icon name="user" size={14} />
        <span className="visually-hidden">{t('topbar.officer')}</span>
      </label>
      <input
        id={id}
        className="officer-input"
        value={draft}
        maxLength={OFFICER_MAX}
        placeholder={t('topbar.officerPlaceholder')}
        autoComplete="name"
        spellCheck={false}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => setOfficer(draft)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            setOfficer(draft);
            e.currentTarget.blur();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            setDraft(officer);
            e.currentTarget.blur();
          }
        }}
        data-testid="officer-input"
      />
    </div>
  );
}
