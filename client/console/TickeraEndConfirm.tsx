import { useState } from 'preact/hooks';
import type { EventDto } from '../../shared/protocol/events.ts';
import { updateEvent } from './endpoints.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { useAction } from './use-action.ts';
import { fromZonedInput, toZonedInput } from './zoned-time.ts';

interface Props {
  eventId: string;
  /** The end the server assumed (start + 6 h), UTC ISO. */
  assumedEnd: string;
  zone: string;
  onConfirmed: (saved: EventDto) => void;
}

/**
 * Tickera says when an event starts, never when it ends: right after connecting, the
 * organiser is shown the assumed end on the venue's clock and confirms or changes it
 * (a festival runs for days, and syncs stay frequent only until the end).
 */
export function TickeraEndConfirm({ eventId, assumedEnd, zone, onConfirmed }: Props) {
  const [end, setEnd] = useState(toZonedInput(assumedEnd, zone));
  const action = useAction();
  const submit = action.submit(async () => {
    const endsAt = fromZonedInput(end, zone);
    onConfirmed(await updateEvent(eventId, endsAt ? { ends_at: endsAt } : { end_confirmed: true }));
  });
  return (
    <form class="warn-box" onSubmit={submit} aria-label="Confirm the end" data-testid="end-confirm">
      <p>
        <strong>When does it end?</strong> Tickera does not say. FastCheck assumed 6 hours after the start; change it for an event that runs longer.
      </p>
      <label>
        Ends ({zone})
        <input name="confirm_ends_at" type="datetime-local" required value={end} onInput={(e) => setEnd(e.currentTarget.value)} />
      </label>
      <div class="buttons">
        <button type="submit" class="primary" disabled={action.busy}>
          Confirm end
        </button>
      </div>
      <ErrorNote error={action.error} />
    </form>
  );
}
