import { setStatus, useStatus } from './store.ts';

/** The banner for a new conflict that names a scan made at this door (the sound played when it arrived). */
export function ConflictAlert({ onAttention }: { onAttention: () => void }) {
  const { conflictAlert: alert, kiosk } = useStatus();
  if (!alert) return null;
  const dismiss = () => setStatus({ conflictAlert: null });
  return (
    <div class="update conflict-alert" role="alert" data-testid="conflict-alert" data-scan-id={alert.scan_id}>
      <p>
        Ticket {alert.ticket_code} was admitted twice: at {alert.other} and here{kiosk ? '.' : ' — see Needs attention.'}
      </p>
      {!kiosk && (
        <button
          type="button"
          onClick={() => {
            dismiss();
            onAttention();
          }}
        >
          Needs attention
        </button>
      )}
      <button type="button" onClick={dismiss}>
        OK
      </button>
    </div>
  );
}
