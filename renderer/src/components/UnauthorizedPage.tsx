/** Shown instead of the app when web mode was opened without (or with a stale) token. */
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LANGS } from '../i18n/translate.ts';

export function UnauthorizedPage() {
  const { t, lang, setLang } = useI18n();
  return (
    <main className="unauthorized" data-testid="unauthorized">
      <div className="unauthorized-card">
        <div className="wordmark">
          <span className="wordmark-mark" aria-hidden="true" />
          {t('app.name')}
        </div>
        <h1>{t('unauthorized.title')}</h1>
        <p>{t('unauthorized.body')}</p>
        <pre className="unauthorized-sample">OriginDesk web mode: http://127.0.0.1:PORT/?token=…</pre>
        <p className="muted">{t('unauthorized.hint')}</p>
        <div className="segmented" role="group" aria-label={t('topbar.language')}>
          {LANGS.map((l) => (
            <button key={l} type="button" lang={l} aria-pressed={lang === l} className={lang === l ? 'active' : ''} onClick={() => setLang(l)}>
              {t(`lang.${l}`)}
            </button>
          ))}
        </div>
      </div>
    </main>
  );
}
