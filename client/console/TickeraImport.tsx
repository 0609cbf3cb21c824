import { useEffect, useState } from 'preact/hooks';
import type { ImportedEvent, TickeraDiscovery } from '../../shared/protocol/tickera-import.ts';
import type { SyncRun } from '../../shared/protocol/tickera.ts';
import { discoverTickera, getSyncRun, importTickera } from './endpoints.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { href } from './router.ts';
import { TickeraZoneChoice } from './TickeraZoneChoice.tsx';
import { useAction } from './use-action.ts';
import { browserZone, fromZonedInput, shiftZonedInput, toZonedInput } from './zoned-time.ts';
import { ASSUMED_EVENT_LENGTH_MS } from '../../shared/protocol/tickera.ts';

const POLL_MS = 400;

interface Choice {
  import: boolean;
  start: string;
  /** Tickera gives no end: start + 6 h until the organiser changes it (then it stays theirs). */
  end: string;
  endChanged: boolean;
}

const assumedEnd = (start: string, zone: string) => shiftZonedInput(start, zone, ASSUMED_EVENT_LENGTH_MS);

/**
 * Import from Tickera: a key is read ("Find events"), each of its events is offered with
 * its ticket count and a start (a multi-event key never says when its events start), and
 * the chosen ones become FastCheck events, each synced on its own schedule.
 */
export function TickeraImport({ onCancel, onImported }: { onCancel: () => void; onImported: () => void }) {
  const [siteUrl, setSiteUrl] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [writeback, setWriteback] = useState(false);
  const [found, setFound] = useState<TickeraDiscovery | null>(null);
  const [zone, setZone] = useState(browserZone());
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [imported, setImported] = useState<ImportedEvent[] | null>(null);
  const discover = useAction();
  const save = useAction();

  const find = discover.submit(async () => {
    const d = await discoverTickera({ site_url: siteUrl, api_key: apiKey });
    const z = d.timezone ?? browserZone();
    setZone(z);
    setFound(d);
    setImported(null);
    setChoices(
      Object.fromEntries(
        d.events.map((e) => {
          const start = e.starts_at ? toZonedInput(e.starts_at, z) : (e.site_wall_times[0] ?? '');
          return [e.title, { import: !e.imported_event_id, start, end: assumedEnd(start, z), endChanged: false }];
        }),
      ),
    );
  });

  const chosen = found ? found.events.filter((e) => choices[e.title]?.import) : [];
  const doImport = save.submit(async () => {
    const answer = await importTickera({
      site_url: siteUrl,
      api_key: apiKey,
      ...(found && !found.timezone_known ? { timezone: zone } : {}),
      ...(found?.discovery_token ? { discovery_token: found.discovery_token } : {}),
      writeback,
      events: chosen.map((e) => {
        const startsAt = fromZonedInput(choices[e.title]!.start, zone);
        // The end the organiser saw (and kept or changed) is sent: the server then stores it as confirmed.
        const endsAt = fromZonedInput(choices[e.title]!.end, zone);
        return { title: e.title, ...(startsAt ? { starts_at: startsAt } : {}), ...(endsAt ? { ends_at: endsAt } : {}) };
      }),
    });
    setImported(answer.events);
    setApiKey('');
    onImported();
  });
  const set = (title: string, patch: Partial<Choice>) => setChoices((c) => ({ ...c, [title]: { ...c[title]!, ...patch } }));

  return (
    <section class="card" aria-labelledby="tk-import-title">
      <h2 id="tk-import-title">Import events from Tickera</h2>
      <form onSubmit={find} aria-label="Find a key's events">
        <label>
          Site URL
          <input
            name="site_url"
            type="url"
            required
            placeholder="https://shop.example.org"
            value={siteUrl}
            onInput={(e) => setSiteUrl(e.currentTarget.value)}
          />
        </label>
        <label>
          API key
          <input name="api_key" type="password" autocomplete="off" required value={apiKey} onInput={(e) => setApiKey(e.currentTarget.value)} />
        </label>
        <div class="buttons">
          <button type="submit" class="primary" disabled={discover.busy}>
            {discover.busy ? 'Reading the key…' : 'Find events'}
          </button>
          <button type="button" onClick={onCancel}>
            {imported ? 'Close' : 'Cancel'}
          </button>
        </div>
      </form>
      <ErrorNote error={discover.error} />

      {found && !imported && (
        <form onSubmit={doImport} aria-label="Choose events to import" data-testid="tickera-events">
          <p>
            {found.multi_event ? `This key covers ${found.events.length} events` : 'This key covers one event'} ({found.sold_tickets.toLocaleString()} tickets
            sold).
            {found.timezone_known && ` Times are in the site's zone, ${found.timezone ?? 'a fixed UTC offset'}.`}
          </p>
          {!found.timezone_known && (
            <TickeraZoneChoice
              note={found.timezone_note}
              siteStart={found.events[0]?.site_start ?? null}
              siteWallTime={found.events[0]?.site_wall_times[0] ?? null}
              zone={zone}
              onZone={setZone}
            />
          )}
          {found.multi_event && <p class="small muted">Tickera does not say when the events of a key like this start: give each start, in {zone}.</p>}
          <ul class="import-events">
            {found.events.map((e) => (
              <li key={e.title}>
                <label class="check">
                  <input type="checkbox" checked={choices[e.title]?.import ?? false} onChange={(ev) => set(e.title, { import: ev.currentTarget.checked })} />
                  <span>
                    Import <strong>{e.title}</strong> · {e.tickets.toLocaleString()} tickets
                    {e.imported_event_id && (
                      <>
                        {' '}
                        · <a href={href(`/events/${e.imported_event_id}`)}>already imported</a>
                      </>
                    )}
                  </span>
                </label>
                <label>
                  Start of {e.title}
                  <input
                    type="datetime-local"
                    required={choices[e.title]?.import ?? false}
                    value={choices[e.title]?.start ?? ''}
                    onInput={(ev) => {
                      const start = ev.currentTarget.value;
                      set(e.title, choices[e.title]?.endChanged ? { start } : { start, end: assumedEnd(start, zone) });
                    }}
                  />
                </label>
                <label>
                  End of {e.title} <span class="muted small">(Tickera does not say: 6 h after the start unless you change it)</span>
                  <input
                    type="datetime-local"
                    required={choices[e.title]?.import ?? false}
                    value={choices[e.title]?.end ?? ''}
                    onInput={(ev) => set(e.title, { end: ev.currentTarget.value, endChanged: true })}
                  />
                </label>
              </li>
            ))}
          </ul>
          <label class="check">
            <input type="checkbox" checked={writeback} onChange={(e) => setWriteback(e.currentTarget.checked)} />
            Write check-ins back to Tickera
          </label>
          <div class="buttons">
            <button type="submit" class="primary" disabled={save.busy || chosen.length === 0}>
              {save.busy ? 'Importing…' : `Import ${chosen.length} ${chosen.length === 1 ? 'event' : 'events'}`}
            </button>
          </div>
          <ErrorNote error={save.error} />
        </form>
      )}

      {imported && (
        <div class="success" role="status" data-testid="tickera-imported">
          <p>
            Imported {imported.length} {imported.length === 1 ? 'event' : 'events'}; each syncs on its own schedule.
          </p>
          <ul>
            {imported.map((e) => (
              <ImportedRow key={e.event_id} event={e} />
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** One imported event and its first sync, followed until it ends. */
function ImportedRow({ event }: { event: ImportedEvent }) {
  const [run, setRun] = useState<SyncRun | null>(null);
  useEffect(() => {
    if (!event.sync_run_id || (run && run.status !== 'running')) return;
    const timer = setTimeout(() => {
      void getSyncRun(event.event_id, event.sync_run_id!)
        .then(setRun)
        .catch(() => undefined);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [run]);
  return (
    <li data-testid="imported-event">
      <a href={href(`/events/${event.event_id}`)}>{event.name}</a>
      {event.created ? ' (new event)' : ' (existing event)'}:{' '}
      {event.sync_error
        ? `sync not started: ${event.sync_error}`
        : !run || run.status === 'running'
          ? 'syncing…'
          : run.status === 'succeeded'
            ? `synced ${run.records.toLocaleString()} tickets`
            : `sync failed: ${run.error}`}
      {!event.start_confirmed && ' · no start yet, so not on the schedule'}
    </li>
  );
}
