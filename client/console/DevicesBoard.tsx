import { useEffect } from 'preact/hooks';
import type { DeviceBoardRow } from '../../shared/protocol/devices.ts';
import type { EventDto } from '../../shared/protocol/events.ts';
import { clockInZone, presenceText, skewText, storageText } from './device-board-text.ts';
import { getDeviceBoard, revokeDevice } from './endpoints.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { TableHead } from './FormBits.tsx';
import { useAction } from './use-action.ts';
import { useLoad } from './use-load.ts';

/** The board is read again this often while open (phones report every 30 s, or at once on an upload). */
export const BOARD_REFRESH_MS = 5_000;

const columns = ['Phone', 'Gate', 'Version', 'Seen', 'Last sync', 'Waiting', 'Clock', 'Storage'];

/**
 * Every phone signed in to the event, with what it last reported: online or when last seen,
 * its last sync, scans waiting in its outbox, clock and storage. A phone offline for long with
 * scans waiting is marked. Organisers and admins revoke a phone here (its next request is refused).
 */
export function DevicesBoard({ event, mayRevoke }: { event: EventDto; mayRevoke: boolean }) {
  const board = useLoad(() => getDeviceBoard(event.id), [event.id]);
  const revoke = useAction();
  useEffect(() => {
    const timer = setInterval(() => void board.reload(), BOARD_REFRESH_MS);
    return () => clearInterval(timer);
  }, [board.reload]);
  const rows = board.data?.devices ?? [];
  const now = board.data?.server_time ?? new Date().toISOString();
  const online = rows.filter((r) => r.status === 'online').length;
  const stale = rows.filter((r) => r.stale).length;
  // A revoked phone's scans still wait on it (until it signs in again): they count.
  const waiting = rows.reduce((sum, r) => sum + (r.outbox ?? 0), 0);

  const askRevoke = (row: DeviceBoardRow) => {
    const question = `Revoke "${row.name}"? This phone is signed out at its next request; its waiting scans stay on it until someone signs it in again with a credential. The credential "${row.credential_label}" stays valid (revoke it under Scanners to stop it too).`;
    if (!confirm(question)) return;
    void revoke.run(async () => {
      await revokeDevice(event.id, row.id);
      await board.reload();
    });
  };

  return (
    <section class="card" aria-labelledby="devices-title">
      <h2 id="devices-title">Devices</h2>
      <p class="muted" data-testid="devices-summary">
        {rows.length} {rows.length === 1 ? 'phone' : 'phones'} · {online} online · {waiting} {waiting === 1 ? 'scan' : 'scans'} waiting
        {stale > 0 && <strong class="stale-note"> · {stale} to check (scans waiting, not seen for 10 min)</strong>} · times in {event.timezone}
      </p>
      <ErrorNote error={board.error ?? revoke.error} />
      <div class="table-wrap">
        <table class="table devices" data-testid="devices">
          <TableHead columns={columns} actions={mayRevoke} />
          <tbody>
            {rows.map((row) => (
              <tr
                key={row.id}
                data-testid="device-row"
                data-device={row.name}
                class={[row.status, row.stale ? 'stale' : ''].join(' ')}
                aria-label={`${row.name}${row.stale ? ' (check this door)' : ''}`}
              >
                <td>
                  <strong>{row.name}</strong>
                  {row.name !== row.credential_label && <span class="muted small"> ({row.credential_label})</span>}
                  {row.role === 'supervisor' && <span class="badge">supervisor</span>}
                  {row.stale && <span class="badge stale-badge">check this door</span>}
                </td>
                <td>{row.entrance_name ?? <span class="muted">any</span>}</td>
                <td data-testid="device-version">{row.app_version ?? '—'}</td>
                <td data-testid="device-seen">
                  <span class={`presence ${row.status}`}>{presenceText(row, now)}</span>
                  {row.last_seen_at && <span class="muted small block">{clockInZone(row.last_seen_at, event.timezone, now)}</span>}
                </td>
                <td>{clockInZone(row.last_sync_at, event.timezone, now)}</td>
                <td class="num" data-testid="device-outbox">
                  {row.outbox ?? '—'}
                  {row.last_upload_at && <span class="muted small block">sent {clockInZone(row.last_upload_at, event.timezone, now)}</span>}
                </td>
                <td>{skewText(row.clock_skew_ms)}</td>
                <td class={row.storage === 'best_effort' ? 'warn-text' : ''}>{storageText(row.storage)}</td>
                {mayRevoke && (
                  <td class="actions-cell">
                    {row.revoked_at ? (
                      <span class="muted">revoked {clockInZone(row.revoked_at, event.timezone, now)}</span>
                    ) : (
                      <button type="button" class="small danger" disabled={revoke.busy} aria-label={`Revoke ${row.name}`} onClick={() => askRevoke(row)}>
                        Revoke
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {board.data && rows.length === 0 && <p class="empty">No phone has signed in to this event yet.</p>}
    </section>
  );
}
