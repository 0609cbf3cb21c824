import { useEffect, useState } from 'preact/hooks';
import { needingAttention, type LocalScan } from '../db/scans.ts';
import { useStatus } from './store.ts';

/** Scans that need a person: conflicts found on upload, and scans the server refused to take. */
export function AttentionScreen({ onClose }: { onClose: () => void }) {
  const [rows, setRows] = useState<LocalScan[] | null>(null);
  const { attention } = useStatus();
  useEffect(() => void needingAttention().then(setRows), [attention]);
  return (
    <section class="panel" aria-labelledby="attention-title">
      <h2 id="attention-title">Needs attention</h2>
      {rows?.length === 0 && <p>Nothing to review.</p>}
      <ul class="attention-list">
        {(rows ?? []).map((s) => (
          <li key={s.scan_id} data-testid="attention-item" data-verdict={s.verdict}>
            <strong>{s.result.attendee?.name || s.ticket_code}</strong>
            <span>
              {s.verdict === 'conflict' ? 'Conflict' : 'Not uploaded'} · {s.ticket_code} · {new Date(s.scanned_at).toLocaleTimeString()}
            </span>
            <span>{s.error ?? s.result.message}</span>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onClose}>
        Back to scanning
      </button>
    </section>
  );
}
