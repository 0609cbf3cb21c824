// The last attempts at every door, newest first, as the stats stream pushes them.
import type { RecentAttempt } from '../../shared/protocol/stats.ts';
import { formatClock } from './zoned-time.ts';

const verdictText = (r: RecentAttempt) => (r.kind === 'void' ? 'void' : (r.verdict ?? '').replace(/_/g, ' '));

export function RecentAttempts({ rows, zone }: { rows: RecentAttempt[]; zone: string }) {
  return (
    <div class="card">
      <h3>Recent attempts</h3>
      {rows.length === 0 ? (
        <p class="muted">No scans yet.</p>
      ) : (
        <table class="table" data-testid="recent-attempts">
          <thead>
            <tr>
              <th>Time</th>
              <th>Verdict</th>
              <th>Code</th>
              <th>Name</th>
              <th>Entrance</th>
              <th>Device</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.scan_id}>
                <td class="nowrap">{formatClock(r.scanned_at, zone, { seconds: true })}</td>
                <td>
                  <span class={`verdict-badge ${r.kind === 'void' ? 'void' : (r.verdict ?? '')}`}>{verdictText(r)}</span>
                  {r.direction === 'out' && <span class="badge">out</span>}
                  {r.offline && <span class="badge">offline</span>}
                </td>
                <td class="code-cell">{r.ticket_code}</td>
                <td>{r.attendee_name ?? <span class="muted">—</span>}</td>
                <td>{r.entrance ?? <span class="muted">—</span>}</td>
                <td>{r.device ?? <span class="muted">console</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
