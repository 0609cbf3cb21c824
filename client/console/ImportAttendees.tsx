import { useRef, useState } from 'preact/hooks';
import { importErrorDetailsSchema, type ImportResult } from '../../shared/protocol/attendees-import.ts';
import { importColumnAliases, importColumns, importStatusHelp } from '../../shared/protocol/import-columns.ts';
import { ApiError } from './api.ts';
import { importAttendeesCsv } from './endpoints.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { TableHead } from './FormBits.tsx';
import { useAction } from './use-action.ts';

/** Import a CSV (all or nothing): the count when it worked, every bad line the server lists when not. */
export function AttendeeImport({ eventId, onImported }: { eventId: string; onImported: () => void }) {
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
        Comma, semicolon or tab separated, with a header row: <code>{importColumns.join(', ')}</code>, in any case and spacing (
        <code>{importColumnAliases.ticket_code[0]}</code> works too). Only the ticket code is required. Tickera's attendee export is read as it is. Status is{' '}
        {importStatusHelp}. Importing again updates changed rows; any bad line and nothing is imported.
      </p>
      <form onSubmit={submit} aria-label="Import attendees">
        <label>
          CSV file
          <input
            ref={input}
            name="csv"
            type="file"
            accept=".csv,.tsv,.txt,text/csv"
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
      <ImportError error={action.error} />
      {result && (
        <div class="success" role="status" data-testid="import-result">
          <p>
            {result.inserted} inserted, {result.updated} updated, {result.unchanged} unchanged
            {result.ticket_types_created ? `, ${result.ticket_types_created} new ticket types` : ''} ({(elapsed / 1000).toFixed(1)} s)
          </p>
          {result.ignored_columns && <p class="small">Columns not imported: {result.ignored_columns.join(', ')}</p>}
        </div>
      )}
    </section>
  );
}

/** The server's message; when it lists several bad lines, all of them as a table. */
function ImportError({ error }: { error: unknown }) {
  const details = error instanceof ApiError ? importErrorDetailsSchema.safeParse(error.details) : undefined;
  const problems = details?.success ? (details.data.problems ?? []) : [];
  if (problems.length < 2) return <ErrorNote error={error} testId="import-error" />;
  const more = details?.success ? (details.data.more ?? 0) : 0;
  return (
    <div class="error-note" role="alert" data-testid="import-error">
      <p>{problems.length + more} lines have problems; nothing was imported. Fix them and import the file again.</p>
      <table class="table" data-testid="import-problems">
        <TableHead columns={['Line', 'Column', 'Problem']} />
        <tbody>
          {problems.map((p) => (
            <tr key={`${p.line ?? p.row}-${p.column}`}>
              <td>{p.line ?? p.row}</td>
              <td class="nowrap">
                <code>{p.column}</code>
              </td>
              <td>{p.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more > 0 && <p>and {more} more</p>}
    </div>
  );
}
