import { useEffect, useRef, useState } from 'preact/hooks';
import { importColumns, type AttendeePage, type ConsoleAttendee, type ImportResult } from '../../shared/protocol/attendees-import.ts';
import { importAttendeesCsv, searchAttendees } from './endpoints.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { TableHead } from './FormBits.tsx';
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

function AttendeeImport({ eventId, onImported }: { eventId: string; onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [elapsed, setElapsed] = useState(0);
  const action = useAction();
  const input = useRef<HTMLInputElement>(null);

  const submit = action.submit(async () => {
    if (!file) return;
    setResult(null);
    const started = performance.now();
    const r = await importAttendeesCsv(eventId, file);
    setResult(r);
    setElapsed(Math.round(performance.now() - started));
    if (input.current) input.current.value = '';
    setFile(null);
    onImported();
  });

  return (
    <section class="card" aria-labelledby="import-title">
      <h2 id="import-title">Import attendees (CSV)</h2>
      <p class="muted small">
        Header row with the columns <code>{importColumns.join(', ')}</code>; only <code>ticket_code</code> is required. Importing again updates changed rows.
        One bad row and nothing is imported.
      </p>
      <form onSubmit={submit} aria-label="Import attendees">
        <label>
          CSV file
          <input
            ref={input}
            name="csv"
            type="file"
            accept=".csv,text/csv"
            required
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              setResult(null);
            }}
          />
        </label>
        <div class="buttons">
          <button type="submit" class="primary" disabled={!file || action.busy}>
            {action.busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
      <ErrorNote error={action.error} testId="import-error" />
      {result && (
        <p class="success" role="status" data-testid="import-result">
          {result.inserted} inserted, {result.updated} updated, {result.unchanged} unchanged
          {result.ticket_types_created ? `, ${result.ticket_types_created} new ticket types` : ''} ({(elapsed / 1000).toFixed(1)} s)
        </p>
      )}
    </section>
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
