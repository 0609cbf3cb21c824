import { useEffect, useState } from 'preact/hooks';
import type { EventDto } from '../../shared/protocol/events.ts';
import type { SyncRun, TickeraConnection, TickeraStatus } from '../../shared/protocol/tickera.ts';
import { connectTickera, getSyncRun, getTickeraStatus, startSync } from './endpoints.ts';
import { useLoad } from './use-load.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { useAction } from './use-action.ts';
import { TickeraZoneChoice } from './TickeraZoneChoice.tsx';
import { TickeraEndConfirm } from './TickeraEndConfirm.tsx';
import { browserZone, formatInZone } from './zoned-time.ts';

const POLL_MS = 400;

/** Connect the event to a Tickera site (the key is stored encrypted, never shown) and sync with progress. */
export function TickeraPanel({ event, onChanged }: { event: EventDto; onChanged: (saved?: EventDto) => void }) {
  const [siteUrl, setSiteUrl] = useState(event.tickera_site_url ?? '');
  const [apiKey, setApiKey] = useState('');
  const [writeback, setWriteback] = useState(false);
  const [connection, setConnection] = useState<TickeraConnection | null>(null);
  // The site's zone as the organiser chooses it, when /wp-json/ cannot tell.
  const [zone, setZone] = useState(event.timezone !== 'UTC' ? event.timezone : browserZone());
  const connect = useAction();
  const status = useLoad(() => getTickeraStatus(event.id), [event.id, event.updated_at, event.last_synced_at]);
  useEffect(() => setWriteback(status.data?.writeback.enabled ?? false), [status.data?.writeback.enabled]);

  const send = (startsAt?: string, timezone?: string) =>
    connect.run(async () => {
      const answer = await connectTickera(event.id, {
        site_url: siteUrl,
        ...(apiKey ? { api_key: apiKey } : {}),
        ...(startsAt ? { starts_at: startsAt } : {}),
        ...(timezone ? { timezone } : {}),
        writeback,
      });
      setConnection(answer);
      setApiKey('');
      onChanged();
    });

  return (
    <div class="columns">
      <section class="card" aria-labelledby="tk-title">
        <h2 id="tk-title">Tickera site</h2>
        <p class="muted" data-testid="tickera-state">
          {event.tickera_connected ? `Connected to ${event.tickera_site_url}.` : 'Not connected.'}
          {status.data?.tickera_event_title ? ` Takes the tickets of “${status.data.tickera_event_title}”, one event of a multi-event key.` : ''}
          {event.last_synced_at ? ` Last synced ${formatInZone(event.last_synced_at, event.timezone)}.` : ''}
        </p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
          aria-label="Connect to Tickera"
        >
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
            API key {event.tickera_connected && <span class="muted">(leave empty to keep the stored one)</span>}
            <input
              name="api_key"
              type="password"
              autocomplete="off"
              required={!event.tickera_connected}
              value={apiKey}
              onInput={(e) => setApiKey(e.currentTarget.value)}
            />
          </label>
          <label class="check">
            <input type="checkbox" checked={writeback} onChange={(e) => setWriteback(e.currentTarget.checked)} />
            Write check-ins back to Tickera
          </label>
          <div class="buttons">
            <button type="submit" class="primary" disabled={connect.busy}>
              {connect.busy ? 'Connecting…' : event.tickera_connected ? 'Update connection' : 'Connect'}
            </button>
          </div>
        </form>
        <ErrorNote error={connect.error} />
        {connection && (
          <div class="success" role="status">
            <p>
              {connection.tickera_event_name}: {connection.sold_tickets} tickets sold. Starts{' '}
              {connection.starts_at ? formatInZone(connection.starts_at, connection.timezone) : 'not known yet'}.
            </p>
            {connection.timezone_known && !connection.start_confirmed && (
              <div class="warn-box">
                <p>{connection.start_note ?? 'Please confirm when the event starts.'}</p>
                {connection.start_candidates.map((c) => (
                  <button type="button" key={c} onClick={() => void send(c)}>
                    Starts {formatInZone(c, connection.timezone)}
                  </button>
                ))}
              </div>
            )}
            {connection.start_confirmed && connection.ends_at && !connection.end_confirmed && (
              <TickeraEndConfirm
                eventId={event.id}
                assumedEnd={connection.ends_at}
                zone={connection.timezone}
                onConfirmed={(saved) => {
                  setConnection({ ...connection, ends_at: saved.ends_at, end_confirmed: true });
                  onChanged(saved);
                }}
              />
            )}
            {connection.end_confirmed && connection.ends_at && (
              <p data-testid="end-confirmed">Ends {formatInZone(connection.ends_at, connection.timezone)} (confirmed).</p>
            )}
          </div>
        )}
        {connection && !connection.timezone_known && (
          <>
            <TickeraZoneChoice
              note={connection.timezone_note}
              siteStart={connection.site_start}
              siteWallTime={connection.site_wall_times[0] ?? null}
              zone={zone}
              onZone={setZone}
            />
            <div class="buttons">
              <button type="button" class="primary" disabled={connect.busy} onClick={() => void send(undefined, zone)}>
                Use {zone}
              </button>
            </div>
          </>
        )}
      </section>
      {event.tickera_connected && (
        <div>
          <SyncBox event={event} lastRun={status.data?.last_run ?? null} onSynced={onChanged} />
          {status.data?.writeback.enabled && <WritebackBox writeback={status.data.writeback} />}
        </div>
      )}
    </div>
  );
}

function SyncBox({ event, lastRun, onSynced }: { event: EventDto; lastRun: SyncRun | null; onSynced: () => void }) {
  const [run, setRun] = useState<SyncRun | null>(null);
  const action = useAction();
  // The last run as the server knows it (one started by the schedule may still be running).
  useEffect(() => setRun((mine) => (mine && (!lastRun || mine.started_at >= lastRun.started_at) ? mine : lastRun)), [lastRun]);

  // Follow a running sync until it ends.
  useEffect(() => {
    if (run?.status !== 'running') return;
    const timer = setTimeout(() => {
      void action.run(async () => {
        const next = await getSyncRun(event.id, run.id);
        setRun(next);
        if (next.status !== 'running') onSynced();
      });
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [run]);

  const running = run?.status === 'running';
  return (
    <section class="card" aria-labelledby="sync-title">
      <h2 id="sync-title">Sync attendees</h2>
      <button type="button" class="primary" disabled={running || action.busy} onClick={() => void action.run(async () => setRun(await startSync(event.id)))}>
        {running ? 'Syncing…' : 'Sync now'}
      </button>
      <ErrorNote error={action.error} />
      {run && (
        <div data-testid="sync-run" aria-live="polite">
          <progress max={100} value={run.percent} aria-label="Sync progress" />
          <p>
            {run.status === 'running' && `${run.records.toLocaleString()}${run.total ? ` of ${run.total.toLocaleString()}` : ''} tickets read…`}
            {run.status === 'succeeded' &&
              `Done: ${run.records.toLocaleString()} tickets, ${run.inserted} new, ${run.updated} updated, ${run.revoked} revoked.`}
            {run.status === 'failed' && <span class="error-text">Sync failed: {run.error}. The previous attendee list is unchanged.</span>}
          </p>
          {run.status === 'failed' && run.error?.includes('would be revoked') && (
            <button
              type="button"
              class="danger"
              disabled={action.busy}
              onClick={() => void action.run(async () => setRun(await startSync(event.id, { confirmRevocations: true })))}
            >
              Sync and revoke the missing tickets
            </button>
          )}
        </div>
      )}
    </section>
  );
}

/** Check-ins written back to Tickera: the queue, and the last failures in Tickera's words. */
function WritebackBox({ writeback }: { writeback: TickeraStatus['writeback'] }) {
  return (
    <section class="card" aria-labelledby="wb-title">
      <h2 id="wb-title">Write-back to Tickera</h2>
      <p data-testid="writeback">
        {writeback.done} written, {writeback.pending} waiting, {writeback.uncertain} uncertain, {writeback.failed} failed
      </p>
      {writeback.recent_failures.length > 0 && (
        <ul class="small">
          {writeback.recent_failures.map((f) => (
            <li key={f.ticket_code + f.scanned_at}>
              <code>{f.ticket_code}</code>: {f.error ?? 'failed'}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
