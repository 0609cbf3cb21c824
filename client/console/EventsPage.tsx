import { useState } from 'preact/hooks';
import type { ConsoleUser } from '../../shared/protocol/console-auth.ts';
import { listEvents } from './endpoints.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { EventForm } from './EventForm.tsx';
import { TickeraImport } from './TickeraImport.tsx';
import { href, navigate } from './router.ts';
import { useLoad } from './use-load.ts';
import { formatInZone } from './zoned-time.ts';

/** Every event the person may see, and a new one. */
export function EventsPage({ user }: { user: ConsoleUser }) {
  const events = useLoad(listEvents, []);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const mayCreate = user.role === 'admin' || user.role === 'organiser';

  return (
    <section aria-labelledby="events-title">
      <div class="title-row">
        <h1 id="events-title">Events</h1>
        {mayCreate && !creating && !importing && (
          <div class="buttons">
            <button type="button" class="primary" onClick={() => setCreating(true)}>
              New event
            </button>
            <button type="button" onClick={() => setImporting(true)}>
              Import from Tickera
            </button>
          </div>
        )}
      </div>
      {creating && <EventForm title="New event" onCancel={() => setCreating(false)} onSaved={(event) => navigate(`/events/${event.id}`)} />}
      {importing && <TickeraImport onCancel={() => setImporting(false)} onImported={() => void events.reload()} />}
      <ErrorNote error={events.error} />
      {events.data?.length === 0 && !creating && <p class="empty">No events yet.{mayCreate ? ' Create one to set up entrances, tickets and scanners.' : ''}</p>}
      <ul class="event-list" data-testid="event-list">
        {events.data?.map((e) => (
          <li key={e.id}>
            <a href={href(`/events/${e.id}`)}>
              <strong>{e.name}</strong>
              <span>
                {e.starts_at ? formatInZone(e.starts_at, e.timezone) : 'No start date'}
                {e.location ? ` · ${e.location}` : ''}
              </span>
              <span class="muted">
                {e.timezone}
                {e.source === 'tickera' ? ' · Tickera' : ''}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
