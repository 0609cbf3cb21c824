import { useEffect, useState } from 'preact/hooks';
import type { AttendeePage, ConsoleAttendee } from '../../shared/protocol/attendees-import.ts';
import type { EntranceDto } from '../../shared/protocol/entrances.ts';
import { AttendeeDesk } from './AttendeeDesk.tsx';
import { searchAttendees } from './endpoints.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { TableHead } from './FormBits.tsx';
import { AttendeeImport } from './ImportAttendees.tsx';
import { useAction } from './use-action.ts';

/**
 * Search (accent-insensitive, counted), one attendee's history with a check-in by hand and its
 * undo, and the CSV import (all or nothing; the server's line and column shown as it says them).
 */
export function AttendeesTab({ eventId, entrances, onImported }: { eventId: string; entrances: EntranceDto[]; onImported: () => void }) {
  const [generation, setGeneration] = useState(0);
  const [open, setOpen] = useState<number | null>(null);
  const refresh = () => setGeneration((g) => g + 1);
  return (
    <>
      {open !== null && <AttendeeDesk eventId={eventId} attendeeId={open} entrances={entrances} onChanged={refresh} onClose={() => setOpen(null)} />}
      <div class="columns wide-first">
        <AttendeeSearch eventId={eventId} generation={generation} open={open} onOpen={setOpen} />
        <AttendeeImport
          eventId={eventId}
          onImported={() => {
            refresh();
            onImported();
          }}
        />
      </div>
    </>
  );
}

const countText = (page: AttendeePage, q: string) => {
  const n = `${page.total?.toLocaleString() ?? '?'}${page.total_capped ? '+' : ''}`;
  if (!q) return page.total === 1 ? '1 attendee' : `${n} attendees`;
  return page.total === 1 ? `1 attendee matches “${q}”` : `${n} attendees match “${q}”`;
};

function AttendeeSearch({ eventId, generation, open, onOpen }: { eventId: string; generation: number; open: number | null; onOpen: (id: number) => void }) {
  const [q, setQ] = useState('');
  const [page, setPage] = useState<AttendeePage | null>(null);
  const [first, setFirst] = useState<{ page: AttendeePage; q: string } | null>(null);
  const [rows, setRows] = useState<ConsoleAttendee[]>([]);
  const action = useAction();

  // Search as the person types (after a short pause), and again after an import.
  useEffect(() => {
    const timer = setTimeout(
      () =>
        void action.run(async () => {
          const p = await searchAttendees(eventId, q.trim());
          setPage(p);
          setFirst({ page: p, q: q.trim() });
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
        Search by name, email or ticket code (accents optional: “muller” finds Müller)
        <input type="search" name="q" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
      </label>
      {first && (
        <p class="muted" role="status" data-testid="attendee-count">
          {countText(first.page, first.q)}
        </p>
      )}
      <ErrorNote error={action.error} />
      <div class="table-wrap">
        <table class="table attendee-table" data-testid="attendees">
          <TableHead columns={['Name', 'Ticket', 'Type', 'Check-ins', 'Status']} actions />
          <tbody>
            {rows.map((a) => (
              <tr key={a.id} class={`${a.status !== 'valid' ? 'revoked' : ''} ${open === a.id ? 'open' : ''}`.trim() || undefined}>
                <td class="attendee-name">
                  {`${a.first_name} ${a.last_name}`.trim() || '—'}
                  {a.email && <div class="muted small">{a.email}</div>}
                </td>
                <td>
                  <code class="ticket-code">{a.ticket_code}</code>
                </td>
                <td>{a.ticket_type ?? '—'}</td>
                <td>
                  {a.checkins_used} / {a.checkins_allowed === 0 ? '∞' : a.checkins_allowed}
                  {a.inside ? <span class="badge">inside</span> : null}
                </td>
                <td>{a.status}</td>
                <td class="actions-cell">
                  <button type="button" onClick={() => onOpen(a.id)} aria-label={`History of ${`${a.first_name} ${a.last_name}`.trim() || a.ticket_code}`}>
                    History
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {page && rows.length === 0 && <p class="empty">{q ? 'Nobody matches.' : 'No attendees yet: import a CSV or sync from Tickera.'}</p>}
      {page?.next_cursor && (
        <button type="button" onClick={() => void more()} disabled={action.busy}>
          Show more
        </button>
      )}
    </section>
  );
}
