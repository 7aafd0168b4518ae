/** Wordmark, where the desk keeps its data, and the language switch. */
import type { DeskInfo } from '../../../contract/api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LANGS } from '../i18n/translate.ts';
import { Icon } from './Icon.tsx';

export function TopBar({ info, onShortcuts }: { info: DeskInfo | null; onShortcuts(): void }) {
  const { t, lang, setLang } = useI18n();
  return (
    <header className="topbar">
      <div className="wordmark" aria-label="OriginDesk">
        <span className="wordmark-mark" aria-hidden="true" />
        {t('app.name')}
      </div>
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
