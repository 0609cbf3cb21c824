import type { EventDto } from '../../shared/protocol/events.ts';
import { updateEvent } from './endpoints.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { useAction } from './use-action.ts';
import { formatInZone } from './zoned-time.ts';

/**
 * Tickera gives no end: until the organiser confirms the assumed one (start + 6 h) the
 * header says so, because the sync schedule and the doors' closing follow it.
 */
export function EndAssumedNote({ event, mayEdit, onSaved }: { event: EventDto; mayEdit: boolean; onSaved: (e: EventDto) => void }) {
  const action = useAction();
  if (event.end_confirmed || !event.ends_at) return null;
  return (
    <div class="warn-box" data-testid="end-assumed">
      <p>
        <strong>End assumed — confirm.</strong> Tickera does not say when the event ends; FastCheck assumed {formatInZone(event.ends_at, event.timezone)} (6 h
        after the start). Syncs stay frequent only until the end, and doors close at it.
      </p>
      {mayEdit && (
        <p class="buttons">
          <button
            type="button"
            disabled={action.busy}
            onClick={() => void action.run(async () => onSaved(await updateEvent(event.id, { end_confirmed: true })))}
          >
            This end is right
          </button>
          <span class="muted small">or change it with Edit event.</span>
        </p>
      )}
      <ErrorNote error={action.error} />
    </div>
  );
}
