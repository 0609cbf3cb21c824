import { useState } from 'preact/hooks';
import type { EventDto } from '../../shared/protocol/events.ts';
import { ConflictCase } from './ConflictCase.tsx';
import { listConflicts } from './endpoints.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { usePaged } from './use-paged.ts';

const states = [
  ['open', 'Open'],
  ['resolved', 'Resolved'],
  ['all', 'All'],
] as const;

/** The conflicts inbox: double admissions and offline refusals valid on the server, newest first, open or resolved. */
export function ConflictsInbox({ event }: { event: EventDto }) {
  const [state, setState] = useState<string>('open');
  const list = usePaged(
    async (cursor) => {
      const page = await listConflicts(event.id, state, cursor);
      return { items: page.cases, next_cursor: page.next_cursor };
    },
    [event.id, state],
  );

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
      <ErrorNote error={list.load.error} />
      <div class="cases" data-testid="conflict-cases">
        {list.items.map((c) => (
          <ConflictCase key={c.scan_id} c={c} eventId={event.id} timezone={event.timezone} onChanged={() => void list.first()} />
        ))}
      </div>
      {list.loaded && list.items.length === 0 && <p class="empty">{state === 'open' ? 'Nothing to review.' : 'No cases.'}</p>}
      {list.hasMore && (
        <button type="button" onClick={() => void list.older()} disabled={list.load.busy}>
          Older cases
        </button>
      )}
    </section>
  );
}
