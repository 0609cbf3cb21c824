import { useEffect, useState } from 'preact/hooks';
import type { InboxCase } from '../../shared/protocol/conflict-inbox.ts';
import type { EventDto } from '../../shared/protocol/events.ts';
import { ConflictCase } from './ConflictCase.tsx';
import { listConflicts } from './endpoints.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { useAction } from './use-action.ts';

const states = [
  ['open', 'Open'],
  ['resolved', 'Resolved'],
  ['all', 'All'],
] as const;

/** The conflicts inbox: double admissions and offline refusals valid on the server, newest first, open or resolved. */
export function ConflictsInbox({ event }: { event: EventDto }) {
  const [state, setState] = useState<string>('open');
  const [cases, setCases] = useState<InboxCase[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const load = useAction();

  const first = () =>
    load.run(async () => {
      const page = await listConflicts(event.id, state);
      setCases(page.cases);
      setCursor(page.next_cursor);
      setLoaded(true);
    });
  useEffect(() => void first(), [event.id, state]);

  const older = () =>
    load.run(async () => {
      const page = await listConflicts(event.id, state, cursor);
      setCases((c) => [...c, ...page.cases]);
      setCursor(page.next_cursor);
    });

  return (
    <section aria-labelledby="inbox-title">
      <div class="title-row">
        <h2 id="inbox-title">Conflicts</h2>
        <fieldset class="segmented" aria-label="Show cases">
          {states.map(([key, text]) => (
            <button key={key} type="button" aria-pressed={state === key} onClick={() => setState(key)}>
              {text}
            </button>
          ))}
        </fieldset>
      </div>
      <p class="muted small">
        Two admissions of one ticket, and offline refusals of tickets the server holds valid. The audit log is never changed: voids are new rows, notes and
        resolutions are kept beside it.
      </p>
      <ErrorNote error={load.error} />
      <div class="cases" data-testid="conflict-cases">
        {cases.map((c) => (
          <ConflictCase key={c.scan_id} c={c} eventId={event.id} timezone={event.timezone} onChanged={() => void first()} />
        ))}
      </div>
      {loaded && cases.length === 0 && <p class="empty">{state === 'open' ? 'Nothing to review.' : 'No cases.'}</p>}
      {cursor && (
        <button type="button" onClick={() => void older()} disabled={load.busy}>
          Older cases
        </button>
      )}
    </section>
  );
}
