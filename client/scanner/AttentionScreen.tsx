import { useEffect, useState } from 'preact/hooks';
import { attentionItems, type AttentionItem } from '../../phone/conflicts.ts';
import type { StoredSession } from '../../phone/rows.ts';
import { formatTime, t } from '../i18n/index.ts';
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
      <h2 id="attention-title">{t('attention.title')}</h2>
      {rows?.length === 0 && <p>{t('attention.empty')}</p>}
      <ul class="attention-list">
        {(rows ?? []).map((s) => (
          <li key={s.scan_id} data-testid="attention-item" data-verdict={s.kind === 'conflict' ? 'conflict' : 'failed'} data-scan-id={s.scan_id}>
            <strong>{s.name}</strong>
            <span>
              {s.kind === 'conflict' ? t('attention.conflict') : t('attention.notUploaded')} · {s.ticket_code} · {formatTime(s.scanned_at)} · {s.where}
            </span>
            <span>{s.detail}</span>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onClose}>
        {t('common.backToScanning')}
      </button>
    </section>
  );
}
