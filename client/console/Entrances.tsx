import { useState } from 'preact/hooks';
import type { EntranceDto } from '../../shared/protocol/entrances.ts';
import type { EventDto } from '../../shared/protocol/events.ts';
import type { TicketTypeDto } from '../../shared/protocol/ticket-types.ts';
import { createEntrance, removeEntrance, updateEntrance } from './endpoints.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { FormFooter } from './FormBits.tsx';
import { useAction } from './use-action.ts';
import type { Loaded } from './use-load.ts';
import { formatInZone, fromZonedInput, toZonedInput } from './zoned-time.ts';
import { doorsOpenLine } from './doors-open.ts';

interface Props {
  eventId: string;
  event: EventDto;
  list: Loaded<EntranceDto[]>;
  ticketTypes: TicketTypeDto[];
}

/** Entrances: which ticket types they admit (none ticked = all) and an optional window; remove one. */
export function Entrances({ eventId, event, list, ticketTypes }: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  const remove = useAction();
  const typeName = (id: string) => ticketTypes.find((t) => t.id === id)?.name ?? 'unknown type';
  const done = () => {
    setEditing(null);
    void list.reload();
  };
  return (
    <section class="card" aria-labelledby="ent-title">
      <h2 id="ent-title">Entrances</h2>
      <ErrorNote error={list.error ?? remove.error} />
      {list.data?.length === 0 && <p class="empty">No entrances yet. Doors can scan without one; add one per gate to see numbers per gate.</p>}
      <ul class="rows" data-testid="entrances">
        {list.data?.map((x) =>
          editing === x.id ? (
            <li key={x.id}>
              <EntranceForm
                event={event}
                ticketTypes={ticketTypes}
                initial={x}
                save={(b) => updateEntrance(eventId, x.id, b)}
                onDone={done}
                onCancel={() => setEditing(null)}
              />
            </li>
          ) : (
            <li key={x.id}>
              <span>
                <strong>{x.name}</strong>{' '}
                <span class="muted">
                  {x.allowed_ticket_type_ids.length ? x.allowed_ticket_type_ids.map(typeName).join(', ') : 'all ticket types'}
                  {x.opens_at || x.closes_at ? ` · open ${formatInZone(x.opens_at, event.timezone)} – ${formatInZone(x.closes_at, event.timezone)}` : ''}
                  {!x.opens_at && event.starts_at ? ` · ${doorsOpenLine(event)?.replace('Doors open', 'opens with the doors')}` : ''}
                </span>
              </span>
              <button type="button" class="small" onClick={() => setEditing(x.id)} aria-label={`Edit ${x.name}`}>
                Edit
              </button>
              <button
                type="button"
                class="small"
                disabled={remove.busy}
                aria-label={`Remove ${x.name}`}
                onClick={() => {
                  if (confirm(`Remove "${x.name}"? Phones scanning there are asked to choose another entrance at their next sync.`)) {
                    void remove.run(async () => {
                      await removeEntrance(eventId, x.id);
                      await list.reload();
                    });
                  }
                }}
              >
                Remove
              </button>
            </li>
          ),
        )}
      </ul>
      <h3>Add an entrance</h3>
      <EntranceForm event={event} ticketTypes={ticketTypes} save={(b) => createEntrance(eventId, b)} onDone={() => void list.reload()} />
    </section>
  );
}

type EntranceBody = { name: string; allowed_ticket_type_ids: string[]; opens_at: string | null; closes_at: string | null };

interface FormProps {
  event: EventDto;
  ticketTypes: TicketTypeDto[];
  initial?: EntranceDto;
  save: (body: EntranceBody) => Promise<unknown>;
  onDone: () => void;
  onCancel?: () => void;
}

function EntranceForm({ event, ticketTypes, initial, save, onDone, onCancel }: FormProps) {
  const zone = event.timezone;
  const [name, setName] = useState(initial?.name ?? '');
  const [allowed, setAllowed] = useState<string[]>(initial?.allowed_ticket_type_ids ?? []);
  const [opens, setOpens] = useState(toZonedInput(initial?.opens_at ?? null, zone));
  const [closes, setCloses] = useState(toZonedInput(initial?.closes_at ?? null, zone));
  const action = useAction();
  const toggle = (id: string, on: boolean) => setAllowed((a) => (on ? [...a, id] : a.filter((x) => x !== id)));

  const submit = action.submit(async () => {
    await save({ name, allowed_ticket_type_ids: allowed, opens_at: fromZonedInput(opens, zone), closes_at: fromZonedInput(closes, zone) });
    if (!initial) {
      setName('');
      setAllowed([]);
      setOpens('');
      setCloses('');
    }
    onDone();
  });

  return (
    <form class="inline-form" onSubmit={submit} aria-label={initial ? `Edit ${initial.name}` : 'New entrance'}>
      <label>
        Name
        <input name="entrance-name" required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      {ticketTypes.length > 0 && (
        <fieldset>
          <legend>Admits (none ticked = every ticket type)</legend>
          {ticketTypes.map((t) => (
            <label class="check" key={t.id}>
              <input type="checkbox" checked={allowed.includes(t.id)} onChange={(e) => toggle(t.id, e.currentTarget.checked)} />
              {t.name}
            </label>
          ))}
        </fieldset>
      )}
      <p class="muted small field-note">Opening window, {zone} time (optional; empty = the whole event)</p>
      <p class="muted small field-note" data-testid="entrance-doors-open">
        {opens
          ? `Opens at ${opens.slice(11)} (${zone}): its own opening wins over the event's doors.`
          : `${doorsOpenLine(event) ?? 'Doors open times show once the event has a start'}, unless this entrance sets its own opening.`}
      </p>
      <div class="pair">
        <label>
          Opens
          <input name="opens_at" type="datetime-local" value={opens} onInput={(e) => setOpens(e.currentTarget.value)} />
        </label>
        <label>
          Closes
          <input name="closes_at" type="datetime-local" value={closes} onInput={(e) => setCloses(e.currentTarget.value)} />
        </label>
      </div>
      <FormFooter action={action} label={initial ? 'Save' : 'Add entrance'} onCancel={onCancel} />
    </form>
  );
}
