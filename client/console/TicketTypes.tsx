import { useState } from 'preact/hooks';
import type { TicketTypeDto } from '../../shared/protocol/ticket-types.ts';
import { createTicketType, updateTicketType } from './endpoints.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { FormFooter } from './FormBits.tsx';
import { useAction } from './use-action.ts';
import type { Loaded } from './use-load.ts';

const allowance = (n: number) => (n === 0 ? 'unlimited' : n === 1 ? 'one check-in' : `${n} check-ins`);

/** Ticket types: name and check-ins allowed per ticket (0 = unlimited); add and change. */
export function TicketTypes({ eventId, list }: { eventId: string; list: Loaded<TicketTypeDto[]> }) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section class="card" aria-labelledby="tt-title">
      <h2 id="tt-title">Ticket types</h2>
      <ErrorNote error={list.error} />
      {list.data?.length === 0 && <p class="empty">No ticket types yet. An import creates the ones it names.</p>}
      <ul class="rows" data-testid="ticket-types">
        {list.data?.map((t) =>
          editing === t.id ? (
            <li key={t.id}>
              <TicketTypeForm
                initial={t}
                save={(body) => updateTicketType(eventId, t.id, body)}
                onDone={() => {
                  setEditing(null);
                  void list.reload();
                }}
                onCancel={() => setEditing(null)}
              />
            </li>
          ) : (
            <li key={t.id}>
              <span>
                <strong>{t.name}</strong> <span class="muted">{allowance(t.checkins_allowed)}</span>
              </span>
              <button type="button" class="small" onClick={() => setEditing(t.id)} aria-label={`Edit ${t.name}`}>
                Edit
              </button>
            </li>
          ),
        )}
      </ul>
      <h3>Add a ticket type</h3>
      <TicketTypeForm save={(body) => createTicketType(eventId, body)} onDone={() => void list.reload()} />
    </section>
  );
}

interface FormProps {
  initial?: TicketTypeDto;
  save: (body: { name: string; checkins_allowed: number }) => Promise<unknown>;
  onDone: () => void;
  onCancel?: () => void;
}

function TicketTypeForm({ initial, save, onDone, onCancel }: FormProps) {
  const [name, setName] = useState(initial?.name ?? '');
  const [allowed, setAllowed] = useState(String(initial?.checkins_allowed ?? 1));
  const action = useAction();
  const submit = action.submit(async () => {
    await save({ name, checkins_allowed: Number(allowed) });
    if (!initial) {
      setName('');
      setAllowed('1');
    }
    onDone();
  });

  return (
    <form class="inline-form" onSubmit={submit} aria-label={initial ? `Edit ${initial.name}` : 'New ticket type'}>
      <label>
        Name
        <input name="ticket-type-name" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label class="narrow-field">
        Check-ins allowed <span class="muted">(0 = unlimited)</span>
        <input name="checkins_allowed" type="number" min={0} max={1000} step={1} required value={allowed} onInput={(e) => setAllowed(e.currentTarget.value)} />
      </label>
      <FormFooter action={action} label={initial ? 'Save' : 'Add ticket type'} onCancel={onCancel} />
    </form>
  );
}
