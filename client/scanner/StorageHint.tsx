import { useEffect, useState } from 'preact/hooks';
import { getInstallHintDismissed, setInstallHintDismissed } from '../../phone/device-settings.ts';
import { onInstallAvailable, promptInstall } from '../install-prompt.ts';
import { t } from '../i18n/index.ts';
import { useStatus } from './store.ts';

/**
 * The browser would not promise to keep this phone's offline data: said once, with what fixes
 * it (installing the app), until installed or dismissed (remembered on the phone).
 */
export function StorageHint() {
  const { persisted } = useStatus();
  const [dismissed, setDismissed] = useState(true);
  const [installable, setInstallable] = useState(false);
  useEffect(() => void getInstallHintDismissed().then(setDismissed, () => setDismissed(false)), []);
  useEffect(() => onInstallAvailable(setInstallable), []);
  if (persisted !== 'refused' || dismissed) return null;
  const dismiss = () => {
    setDismissed(true);
    void setInstallHintDismissed();
  };
  return (
    <aside class="hint storage" data-testid="status-storage" aria-label={t('storage.label')}>
      <p>{installable ? t('storage.install') : t('storage.homeScreen')}</p>
      <div class="hint-buttons">
        {installable && (
          <button type="button" onClick={() => void promptInstall().then((yes) => yes && dismiss())}>
            {t('storage.installButton')}
          </button>
        )}
        <button type="button" onClick={dismiss}>
          {t('storage.notNow')}
        </button>
      </div>
    </aside>
  );
}
