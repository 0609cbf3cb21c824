import { useStatus } from './store.ts';

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : 'never');

export function StatusBar() {
  const s = useStatus();
  return (
    <div class="status-bar" role="status">
      <span data-testid="status-online" class={s.online ? 'ok' : 'warn'}>
        {s.online ? 'Online' : 'Offline'}
      </span>
      <span data-testid="status-attendees">{s.attendees.toLocaleString('en')} attendees</span>
      <span data-testid="status-last-sync">Synced {time(s.lastSyncAt)}</span>
      <span data-testid="status-pending" class={s.pending > 0 ? 'warn' : ''}>
        {s.pending} {s.pending === 1 ? 'scan' : 'scans'} waiting
      </span>
      {s.persisted === 'refused' && (
        <span data-testid="status-storage" class="warn">
          Storage not protected: the browser may clear offline data when space is low
        </span>
      )}
    </div>
  );
}
