import { useMemo, useState } from 'preact/hooks';
import type { EventDto } from '../../shared/protocol/events.ts';
import { createEvent, updateEvent } from './endpoints.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { SelectField } from './SelectField.tsx';
import { useAction } from './use-action.ts';
import { browserZone, fromZonedInput, timeZones, toZonedInput } from './zoned-time.ts';
import { DEFAULT_DOORS_OPEN_MINUTES_BEFORE, MAX_DOORS_OPEN_MINUTES_BEFORE } from '../../shared/verdict.ts';
import { doorsOpenLine } from './doors-open.ts';

interface Props {
  title: string;
  /** Given: edit it (PATCH). Absent: create a new one. */
  event?: EventDto;
  onSaved: (event: EventDto) => void;
  onCancel: () => void;
}

/** Name, place, zone and times as the venue's clock shows them; sent as UTC. */
export function EventForm({ title, event, onSaved, onCancel }: Props) {
  const zones = useMemo(() => timeZones().map((z) => [z, z] as const), []);
  const [name, setName] = useState(event?.name ?? '');
  const [location, setLocation] = useState(event?.location ?? '');
  const [zone, setZone] = useState(event?.timezone ?? browserZone());
  const [start, setStart] = useState(toZonedInput(event?.starts_at ?? null, zone));
  const [end, setEnd] = useState(toZonedInput(event?.ends_at ?? null, zone));
  const [reentry, setReentry] = useState(event?.reentry_allowed ?? false);
  const [exactCase, setExactCase] = useState(event?.ticket_code_exact_case ?? false);
  const [doorsLead, setDoorsLead] = useState(String(event?.doors_open_minutes_before ?? DEFAULT_DOORS_OPEN_MINUTES_BEFORE));
  const action = useAction();
  const lead = Number(doorsLead);
  const doorsLine =
    doorsLead.trim() !== '' && Number.isInteger(lead) && lead >= 0 && lead <= MAX_DOORS_OPEN_MINUTES_BEFORE
      ? doorsOpenLine({ starts_at: fromZonedInput(start, zone), doors_open_minutes_before: lead, timezone: zone })
      : null;

  const submit = action.submit(async () => {
    const body = {
      name,
      location,
      timezone: zone,
      starts_at: fromZonedInput(start, zone),
      ends_at: fromZonedInput(end, zone),
      reentry_allowed: reentry,
      ticket_code_exact_case: exactCase,
      // Sent as typed: a bad value comes back as a field error, never silently replaced.
      doors_open_minutes_before: doorsLead.trim() === '' ? Number.NaN : lead,
    };
    onSaved(event ? await updateEvent(event.id, body) : await createEvent(body));
  });

  return (
    <form class="card form-grid" onSubmit={submit} aria-label={title}>
      <h2>{title}</h2>
      <label>
        Name
        <input name="name" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        Location
        <input name="location" maxLength={300} value={location} onInput={(e) => setLocation(e.currentTarget.value)} />
      </label>
      <SelectField label="Time zone" name="timezone" value={zone} options={zones} onChange={setZone} />
      <div class="pair">
        <label>
          Starts ({zone})
          <input name="starts_at" type="datetime-local" value={start} onInput={(e) => setStart(e.currentTarget.value)} />
        </label>
        <label>
          Ends ({zone})
          <input name="ends_at" type="datetime-local" value={end} onInput={(e) => setEnd(e.currentTarget.value)} />
        </label>
      </div>
      <label>
        Doors open (minutes before the start)
        <input
          name="doors_open_minutes_before"
          type="number"
          min={0}
          max={MAX_DOORS_OPEN_MINUTES_BEFORE}
          step={1}
          value={doorsLead}
          onInput={(e) => setDoorsLead(e.currentTarget.value)}
        />
      </label>
      <p class="muted small field-note" data-testid="doors-open-preview">
        {doorsLine ?? (start ? `Give 0 to ${MAX_DOORS_OPEN_MINUTES_BEFORE} minutes` : 'Doors open times show once the start is set')}. An entrance's own opening
        wins where it sets one.
      </p>
      <label class="check">
        <input name="reentry_allowed" type="checkbox" checked={reentry} onChange={(e) => setReentry(e.currentTarget.checked)} />
        Re-entry allowed (a scan out lets the same ticket in again)
      </label>
      <label class="check">
        <input name="ticket_code_exact_case" type="checkbox" checked={exactCase} onChange={(e) => setExactCase(e.currentTarget.checked)} />
        Ticket codes are case-sensitive (off: “hlf-00013-1” finds HLF-00013-1)
      </label>
      <ErrorNote error={action.error} />
      <div class="buttons">
        <button type="submit" class="primary" disabled={action.busy}>
          {action.busy ? 'Saving…' : event ? 'Save event' : 'Create event'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
