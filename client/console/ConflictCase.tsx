import { useState } from 'preact/hooks';
import type { InboxCase, InboxScan } from '../../shared/protocol/conflict-inbox.ts';
import { reviewConflict, voidScan } from './endpoints.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { useAction } from './use-action.ts';
import { userLabel, VoidedBy } from './VoidedBy.tsx';
import { formatInZone } from './zoned-time.ts';

const label = (v: string) => v.replace(/_/g, ' ');

const titles: Record<InboxCase['kind'], string> = {
  double_admission: 'Admitted twice (doors offline)',
  tickera_double_admission: 'Admitted here, and already in Tickera',
  refused_offline_valid: 'Refused offline; valid on the server',
};

/** What each column of a case is, in scan-time order. */
function scanHeading(kind: InboxCase['kind'], index: number): string {
  if (kind === 'refused_offline_valid') return index === 0 ? 'Refused at the door' : 'Admitted later';
  if (kind === 'tickera_double_admission') return 'Admitted here (Tickera had checked it in before)';
  return index === 0 ? 'Entered first' : 'Entered second';
}

const voidable = (kind: InboxCase['kind'], s: InboxScan) =>
  kind !== 'refused_offline_valid' && (s.verdict === 'accepted' || s.verdict === 'conflict') && s.direction === 'in' && !s.voided;

function ScanColumn({ c, s, index, timezone, onChanged }: { c: InboxCase; s: InboxScan; index: number; timezone: string; onChanged: () => void }) {
  const [reason, setReason] = useState('');
  const voiding = useAction();
  return (
    <div class={`case-scan${s.voided ? ' voided' : ''}`} data-testid="case-scan" data-scan-id={s.scan_id}>
      <h4>{scanHeading(c.kind, index)}</h4>
      <dl>
        <dt>Time ({timezone})</dt>
        <dd data-testid="case-scan-time">{formatInZone(s.scanned_at, timezone, { seconds: true })}</dd>
        <dt>Door</dt>
        <dd>{s.entrance ?? '—'}</dd>
        <dt>Device</dt>
        <dd>{s.device ?? '—'}</dd>
        <dt>Verdict</dt>
        <dd>
          <span class={`verdict-badge ${s.verdict ?? ''}`}>{label(s.verdict ?? '')}</span>
          {s.offline && <span class="badge">offline{s.local_verdict ? `: door said ${label(s.local_verdict)}` : ''}</span>}
        </dd>
        <dt>Uploaded</dt>
        <dd>{formatInZone(s.received_at, timezone, { seconds: true })}</dd>
      </dl>
      {s.voided && <VoidedBy info={s.voided} timezone={timezone} />}
      {voidable(c.kind, s) && (
        <form
          class="inline-row"
          aria-label={`Void the ${index === 0 ? 'first' : 'second'} scan`}
          onSubmit={voiding.submit(async () => {
            await voidScan(s.scan_id, reason.trim());
            setReason('');
            onChanged();
          })}
        >
          <input aria-label="Reason for voiding" placeholder="Reason for voiding" value={reason} required onInput={(e) => setReason(e.currentTarget.value)} />
          <button type="submit" class="small" disabled={voiding.busy || !reason.trim()}>
            Void
          </button>
        </form>
      )}
      <ErrorNote error={voiding.error} />
    </div>
  );
}

/** One case of the inbox: its scans side by side, who voided what, its notes, resolve / reopen. */
export function ConflictCase({ c, eventId, timezone, onChanged }: { c: InboxCase; eventId: string; timezone: string; onChanged: () => void }) {
  const [note, setNote] = useState('');
  const reviewing = useAction();
  const act = (action: 'annotate' | 'resolve' | 'reopen') =>
    reviewing.run(async () => {
      const text = note.trim();
      await reviewConflict(eventId, c.scan_id, action === 'annotate' ? { action, note: text } : { action, ...(text ? { note: text } : {}) });
      setNote('');
      onChanged();
    });
  return (
    <article
      class={`card case ${c.state}`}
      data-testid="conflict-case"
      data-scan-id={c.scan_id}
      data-state={c.state}
      aria-label={`${titles[c.kind]}: ${c.ticket_code}`}
    >
      <header class="case-head">
        <div>
          <h3>{titles[c.kind]}</h3>
          <p class="muted">
            {c.attendee_name ?? 'Unknown attendee'} · <code>{c.ticket_code}</code>
          </p>
        </div>
        <span class={`state-badge ${c.state}`} data-testid="case-state">
          {c.state}
        </span>
      </header>
      <div class="case-scans">
        {c.scans.map((s, i) => (
          <ScanColumn key={s.scan_id} c={c} s={s} index={i} timezone={timezone} onChanged={onChanged} />
        ))}
      </div>
      {c.reviews.length > 0 && (
        <ol class="case-reviews" data-testid="case-reviews">
          {c.reviews.map((r) => (
            <li key={r.at + r.action}>
              <strong>{r.action === 'annotate' ? 'Note' : r.action === 'resolve' ? 'Resolved' : 'Reopened'}</strong> by {r.user ? userLabel(r.user) : 'unknown'}
              , {formatInZone(r.at, timezone)}
              {r.note ? `: ${r.note}` : ''}
            </li>
          ))}
        </ol>
      )}
      <div class="case-review">
        <label>
          Note
          <textarea rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} placeholder="What was found, what was done" />
        </label>
        <div class="buttons">
          <button type="button" disabled={reviewing.busy || !note.trim()} onClick={() => void act('annotate')}>
            Add note
          </button>
          {c.state === 'open' ? (
            <button type="button" class="primary" disabled={reviewing.busy} onClick={() => void act('resolve')}>
              Resolve
            </button>
          ) : (
            <button type="button" disabled={reviewing.busy} onClick={() => void act('reopen')}>
              Reopen
            </button>
          )}
        </div>
        <ErrorNote error={reviewing.error} />
      </div>
    </article>
  );
}
