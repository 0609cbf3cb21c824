import { useState } from 'preact/hooks';
import type { ConsoleUser } from '../../shared/protocol/console-auth.ts';
import { AttendeesTab } from './AttendeesTab.tsx';
import { AuditLog } from './AuditLog.tsx';
import { ConflictsInbox } from './ConflictsInbox.tsx';
import { Credentials } from './Credentials.tsx';
import { DevicesBoard } from './DevicesBoard.tsx';
import { getEvent, listEntrances, listTicketTypes } from './endpoints.ts';
import { Entrances } from './Entrances.tsx';
import { ErrorNote } from './ErrorNote.tsx';
import { EventForm } from './EventForm.tsx';
import { LiveStats } from './LiveStats.tsx';
import { href } from './router.ts';
import { TickeraPanel } from './TickeraPanel.tsx';
import { TicketTypes } from './TicketTypes.tsx';
import { useLoad } from './use-load.ts';
import { formatInZone } from './zoned-time.ts';
import { doorsOpenLine } from './doors-open.ts';
import { EndAssumedNote } from './EndAssumedNote.tsx';
import { RehearsalSwitch } from './RehearsalSwitch.tsx';

const tabs = [
  ['setup', 'Set-up'],
  ['scanners', 'Scanners'],
  ['devices', 'Devices'],
  ['attendees', 'Attendees'],
  ['tickera', 'Tickera'],
  ['live', 'Live'],
  ['conflicts', 'Conflicts'],
  ['audit', 'Audit log'],
] as const;

/** One event: its header, and a tab per job (set-up, scanners, devices, attendees, sync, live, conflicts, audit). */
export function EventPage({ eventId, tab, user }: { eventId: string; tab: string; user: ConsoleUser }) {
  const event = useLoad(() => getEvent(eventId), [eventId]);
  const ticketTypes = useLoad(() => listTicketTypes(eventId), [eventId]);
  const entrances = useLoad(() => listEntrances(eventId), [eventId]);
  const [editing, setEditing] = useState(false);
  const e = event.data;
  const mayEdit = user.role !== 'supervisor' && user.role !== 'door';

  if (!e) return event.error ? <ErrorNote error={event.error} /> : <p class="loading">Loading event…</p>;

  return (
    <article aria-labelledby="event-title">
      <p class="crumbs">
        <a href={href('/')}>Events</a> /
      </p>
      {editing ? (
        <EventForm
          title="Edit event"
          event={e}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            event.set(saved);
            setEditing(false);
          }}
        />
      ) : (
        <header class="event-head">
          <div>
            <h1 id="event-title">{e.name}</h1>
            <p class="muted" data-testid="event-when">
              {e.starts_at || e.ends_at ? `${formatInZone(e.starts_at, e.timezone)} – ${formatInZone(e.ends_at, e.timezone)}` : 'No dates set'} ({e.timezone})
              {e.location ? ` · ${e.location}` : ''} · re-entry {e.reentry_allowed ? 'allowed' : 'not allowed'}
              {e.ticket_code_exact_case ? ' · ticket codes case-sensitive' : ''}
            </p>
            <p class="muted" data-testid="event-doors-open">
              {doorsOpenLine(e) ?? 'Doors open times show once the start is set'}
            </p>
            <EndAssumedNote event={e} mayEdit={mayEdit} onSaved={event.set} />
            <RehearsalSwitch event={e} mayEdit={mayEdit} onSaved={event.set} />
            <p class="muted small">
              Event id <code data-testid="event-id">{e.id}</code>
            </p>
          </div>
          {mayEdit && (
            <button type="button" onClick={() => setEditing(true)}>
              Edit event
            </button>
          )}
        </header>
      )}
      <nav class="tabs" aria-label="Event sections">
        {tabs.map(([key, label]) => (
          <a key={key} href={href(`/events/${e.id}/${key}`)} aria-current={tab === key ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      {tab === 'setup' && (
        <div class="columns">
          <TicketTypes eventId={e.id} list={ticketTypes} />
          <Entrances eventId={e.id} event={e} list={entrances} ticketTypes={ticketTypes.data ?? []} />
        </div>
      )}
      {tab === 'scanners' && <Credentials eventId={e.id} entrances={entrances.data ?? []} />}
      {tab === 'devices' && <DevicesBoard event={e} mayRevoke={mayEdit} />}
      {tab === 'attendees' && <AttendeesTab eventId={e.id} entrances={entrances.data ?? []} onImported={() => void ticketTypes.reload()} />}
      {tab === 'tickera' && <TickeraPanel event={e} onChanged={(saved) => (saved ? event.set(saved) : void event.reload())} />}
      {tab === 'live' && <LiveStats eventId={e.id} />}
      {tab === 'conflicts' && <ConflictsInbox event={e} />}
      {tab === 'audit' && <AuditLog event={e} entrances={entrances.data ?? []} />}
    </article>
  );
}
