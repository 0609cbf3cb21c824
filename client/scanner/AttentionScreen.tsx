import { useEffect, useState } from 'preact/hooks';
import { attentionItems, type AttentionItem } from '../../phone/conflicts.ts';
import type { StoredSession } from '../../phone/rows.ts';
import { syncNow } from './background.ts';
import { useStatus } from './store.ts';

/**
 * Scans that need a person: the event's conflicts from every door (this one's and those the
 * server reports for others), and this door's scans the server refused to take. Opening it
 * pulls the latest conflicts at once.
 */
export function AttentionScreen({ session, onClose }: { session: StoredSession | null; onClose: () => void }) {
  const [rows, setRows] = useState<AttentionItem[] | null>(null);
  const { attention } = useStatus();
  useEffect(() => void attentionItems().then(setRows), [attention]);
  useEffect(() => {
    if (session) void syncNow(session).then(() => attentionItems().then(setRows));
  }, [session]);
  return (
    <section class="panel" aria-labelledby="attention-title">
      <h2 id="attention-title">Needs attention</h2>
      {rows?.length === 0 && <p>Nothing to review.</p>}
      <ul class="attention-list">
        {(rows ?? []).map((s) => (
          <li key={s.scan_id} data-testid="attention-item" data-verdict={s.kind === 'conflict' ? 'conflict' : 'failed'} data-scan-id={s.scan_id}>
            <strong>{s.name}</strong>
            <span>
              {s.kind === 'conflict' ? 'Conflict' : 'Not uploaded'} · {s.ticket_code} · {new Date(s.scanned_at).toLocaleTimeString()} · {s.where}
            </span>
            <span>{s.detail}</span>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onClose}>
        Back to scanning
      </button>
    </section>
  );
}
