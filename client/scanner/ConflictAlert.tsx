import { t } from '../i18n/index.ts';
import { setStatus, useStatus } from './store.ts';

/** The banner for a new conflict that names a scan made at this door (the sound played when it arrived). */
export function ConflictAlert({ onAttention }: { onAttention: () => void }) {
  const { conflictAlert: alert, kiosk } = useStatus();
  if (!alert) return null;
  const dismiss = () => setStatus({ conflictAlert: null });
  return (
    <div class="update conflict-alert" role="alert" data-testid="conflict-alert" data-scan-id={alert.scan_id}>
      <p>{t('banner.conflict', { code: alert.ticket_code, other: alert.other, kiosk })}</p>
      {!kiosk && (
        <button
          type="button"
          onClick={() => {
            dismiss();
            onAttention();
          }}
        >
          {t('attention.title')}
        </button>
      )}
      <button type="button" onClick={dismiss}>
        {t('common.ok')}
      </button>
    </div>
  );
}
