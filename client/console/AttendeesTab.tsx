import { useEffect, useState } from 'preact/hooks';
import type { AttendeePage, ConsoleAttendee } from '../../shared/protocol/attendees-import.ts';
import { searchAttendees } from './endpoints.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { TableHead } from './FormBits.tsx';
import { AttendeeImport } from './ImportAttendees.tsx';
import { useAction } from './use-action.ts';

/** Import a CSV (all or nothing; the server's line and column shown as it says them) and search. */
export function AttendeesTab({ eventId, onImported }: { eventId: string; onImported: () => void }) {
  const [generation, setGeneration] = useState(0);
  return (
    <div class="columns">
      <AttendeeImport
        eventId={eventId}
        onImported={() => {
          setGeneration((g) => g + 1);
          onImported();
        }}
      />
      <AttendeeSearch eventId={eventId} generation={generation} />
    </div>
  );
}

function AttendeeSearch({ eventId, generation }: { eventId: string; generation: number }) {
  const [q, setQ] = useState('');
  const [page, setPage] = useState<AttendeePage | null>(null);
  const [rows, setRows] = useState<ConsoleAttendee[]>([]);
  const action = useAction();

  // Search as the person types (after a short pause), and again after an import.
  useEffect(() => {
    const timer = setTimeout(
      () =>
        void action.run(async () => {
          const p = await searchAttendees(eventId, q.trim());
          setPage(p);
          setRows(p.attendees);
        }),
      q ? 250 : 0,
    );
    return () => clearTimeout(timer);
  }, [eventId, q, generation]);

  const more = () =>
    action.run(async () => {
      const p = await searchAttendees(eventId, q.trim(), page?.next_cursor);
      setPage(p);
      setRows((r) => [...r, ...p.attendees]);
    });

  return (
    <section class="card" aria-labelledby="search-title">
      <h2 id="search-title">Attendees</h2>
      <label>
        Search by name, email or ticket code
        <input type="search" name="q" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
      </label>
      <ErrorNote error={action.error} />
      <table class="table" data-testid="attendees">
        <TableHead columns={['Name', 'Ticket', 'Type', 'Check-ins', 'Status']} />
        <tbody>
          {rows.map((a) => (
            <tr key={a.id} class={a.status !== 'valid' ? 'revoked' : ''}>
              <td>
                {`${a.first_name} ${a.last_name}`.trim() || '—'}
                {a.email && <div class="muted small">{a.email}</div>}
              </td>
              <td>
                <code>{a.ticket_code}</code>
              </td>
              <td>{a.ticket_type ?? '—'}</td>
              <td>
                {a.checkins_used} / {a.checkins_allowed === 0 ? '∞' : a.checkins_allowed}
                {a.inside ? <span class="badge">inside</span> : null}
              </td>
              <td>{a.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && rows.length === 0 && <p class="empty">{q ? 'Nobody matches.' : 'No attendees yet: import a CSV or sync from Tickera.'}</p>}
      {page?.next_cursor && (
        <button type="button" onClick={() => void more()} disabled={action.busy}>
          Show more
        </button>
      )}
    </section>
  );
}
