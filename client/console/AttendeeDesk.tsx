import { useEffect, useRef, useState } from 'preact/hooks';
import type { AttendeeHistory, HistoryRow } from '../../shared/protocol/attendee-desk.ts';
import type { EntranceDto } from '../../shared/protocol/entrances.ts';
import { attendeeHistory, checkInByHand, undoCheckIn } from './endpoints.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { TableHead } from './FormBits.tsx';
import { SelectField } from './SelectField.tsx';
import { useAction } from './use-action.ts';
import { useLoad } from './use-load.ts';
import { formatInZone } from './zoned-time.ts';

const byWhom = (r: HistoryRow) =>
  r.source === 'phone' ? (r.device ?? 'a phone') : r.source === 'console' ? `${r.user ?? 'a console user'} (console)` : 'Tickera';
/** An admission that still stands: the one thing an undo applies to. */
const undoable = (r: HistoryRow) => r.kind === 'scan' && r.direction === 'in' && (r.verdict === 'accepted' || r.verdict === 'conflict') && !r.voided_by_scan_id;

/**
 * One attendee at the desk: every attempt for the ticket (time in the event's zone, entrance,
 * phone or console user, verdict, voids), a check-in by hand at a chosen entrance, and the
 * undo of an admission (a void with a reason). Organisers and supervisors.
 */
export function AttendeeDesk({
  eventId,
  attendeeId,
  entrances,
  onChanged,
  onClose,
}: {
  eventId: string;
  attendeeId: number;
  entrances: EntranceDto[];
  onChanged: () => void;
  onClose: () => void;
}) {
  const history = useLoad(() => attendeeHistory(eventId, attendeeId), [eventId, attendeeId]);
  const [entranceId, setEntranceId] = useState('');
  const [said, setSaid] = useState<string | null>(null);
  const action = useAction();
  const card = useRef<HTMLElement>(null);
  // Opened from a row far down the list: bring the desk into view.
  useEffect(() => card.current?.scrollIntoView({ block: 'nearest' }), [attendeeId]);
  const h = history.data;
  const chosen = entranceId || entrances[0]?.id || '';
  const changed = async (message: string) => {
    setSaid(message);
    await history.reload();
    onChanged();
  };
  const checkIn = action.submit(async () => {
    const result = await checkInByHand(eventId, attendeeId, { entrance_id: chosen, direction: 'in' });
    await changed(result.message);
  });
  return (
    <section ref={card} class="card desk" aria-labelledby="desk-title" data-testid="attendee-desk">
      <div class="desk-head">
        <h2 id="desk-title">{h ? `${h.attendee.first_name} ${h.attendee.last_name}`.trim() || h.attendee.ticket_code : 'Attendee'}</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {h && (
        <p class="muted small">
          <code class="ticket-code">{h.attendee.ticket_code}</code> · {h.attendee.ticket_type ?? 'no ticket type'} · {h.attendee.checkins_used} /{' '}
          {h.attendee.checkins_allowed === 0 ? '∞' : h.attendee.checkins_allowed} check-ins · {h.attendee.status}
        </p>
      )}
      <ErrorNote error={history.error} />
      {entrances.length === 0 ? (
        <p class="muted">Add an entrance to check people in by hand.</p>
      ) : (
        <form class="form-row desk-form" onSubmit={checkIn} aria-label="Check in by hand">
          <SelectField label="Entrance" name="entrance" value={chosen} options={entrances.map((e) => [e.id, e.name] as const)} onChange={setEntranceId} />
          <div class="buttons">
            <button type="submit" class="primary" disabled={action.busy}>
              {action.busy ? 'Checking in…' : 'Check in by hand'}
            </button>
          </div>
        </form>
      )}
      <ErrorNote error={action.error} testId="desk-error" />
      {said && (
        <p class="success" role="status" data-testid="desk-said">
          {said}
        </p>
      )}
      {h && <HistoryTable history={h} eventId={eventId} attendeeId={attendeeId} onUndone={(m) => changed(m)} />}
    </section>
  );
}

function HistoryTable({
  history,
  eventId,
  attendeeId,
  onUndone,
}: {
  history: AttendeeHistory;
  eventId: string;
  attendeeId: number;
  onUndone: (message: string) => Promise<void>;
}) {
  const [undoing, setUndoing] = useState<string | null>(null);
  if (history.check_ins.length === 0) return <p class="empty">No scans yet.</p>;
  return (
    <div class="table-wrap">
      <table class="table" data-testid="attendee-history">
        <caption class="muted small">Times in {history.timezone}</caption>
        <TableHead columns={['Time', 'Entrance', 'By', 'Verdict']} actions />
        <tbody>
          {history.check_ins.map((r) => (
            <tr key={r.scan_id} class={r.voided_by_scan_id ? 'revoked' : ''}>
              <td class="nowrap">{formatInZone(r.scanned_at, history.timezone, { seconds: true })}</td>
              <td>{r.entrance ?? '—'}</td>
              <td>{byWhom(r)}</td>
              <td>
                <span class={`verdict-badge ${r.kind === 'void' ? 'void' : (r.verdict ?? '')}`}>{r.kind === 'void' ? 'void' : (r.verdict ?? r.kind)}</span>
                {r.direction === 'out' && <span class="badge">out</span>}
                {r.voided_by_scan_id && <span class="badge">voided</span>}
                {r.reason && <div class="muted small">{r.reason}</div>}
              </td>
              <td class="actions-cell">
                {undoable(r) &&
                  (undoing === r.scan_id ? (
                    <UndoForm
                      onCancel={() => setUndoing(null)}
                      onUndo={async (reason) => {
                        await undoCheckIn(eventId, attendeeId, r.scan_id, reason);
                        setUndoing(null);
                        await onUndone(`Undone: ${reason}`);
                      }}
                    />
                  ) : (
                    <button type="button" onClick={() => setUndoing(r.scan_id)}>
                      Undo
                    </button>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function UndoForm({ onUndo, onCancel }: { onUndo: (reason: string) => Promise<void>; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const action = useAction();
  return (
    <form class="undo-form" onSubmit={action.submit(() => onUndo(reason.trim()))} aria-label="Undo admission">
      <label>
        Reason
        <input name="reason" required maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <div class="buttons">
        <button type="submit" class="danger" disabled={action.busy || !reason.trim()}>
          Undo admission
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <ErrorNote error={action.error} testId="undo-error" />
    </form>
  );
}
