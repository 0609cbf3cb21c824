import type { EventDto } from '../../shared/protocol/events.ts';
import { rehearsalActive } from '../../shared/rehearsal.ts';
import { eventDoorsOpen, formatClock } from '../../shared/verdict.ts';
import { updateEvent } from './endpoints.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { useAction } from './use-action.ts';

/**
 * Rehearsal: doors test scanning before doors open; their scans are judged against the
 * real list and recorded nowhere. It reaches the phones with their next sync and ends by
 * itself when doors open.
 */
export function RehearsalSwitch({ event, mayEdit, onSaved }: { event: EventDto; mayEdit: boolean; onSaved: (e: EventDto) => void }) {
  const action = useAction();
  const input = {
    rehearsal: event.rehearsal,
    startsAt: event.starts_at ? new Date(event.starts_at) : null,
    doorsOpenMinutesBefore: event.doors_open_minutes_before,
  };
  const opens = eventDoorsOpen(input);
  const active = rehearsalActive(input, new Date());
  const state = !event.rehearsal
    ? 'Rehearsal is off: every scan counts.'
    : active
      ? `Rehearsal is on${opens ? ` until doors open at ${formatClock(opens, event.timezone)}` : ''}: doors show REHEARSAL and record nothing.`
      : 'Rehearsal ended when doors opened: every scan counts.';
  const switchTo = !active;
  return (
    <div class={active ? 'warn-box rehearsal-box' : 'rehearsal-box'} data-testid="rehearsal">
      <p>
        <span data-testid="rehearsal-state">{state}</span>{' '}
        {mayEdit && (
          <button
            type="button"
            class="small"
            disabled={action.busy}
            onClick={() => void action.run(async () => onSaved(await updateEvent(event.id, { rehearsal: switchTo })))}
          >
            {switchTo ? 'Start rehearsal' : 'End rehearsal'}
          </button>
        )}
      </p>
      <ErrorNote error={action.error} />
    </div>
  );
}
