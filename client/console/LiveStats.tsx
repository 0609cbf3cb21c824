// Live numbers of one event: the JSON snapshot at once, then every `stats` event of the
// SSE stream (EventSource reconnects by itself; the state line says when it is away).
import { useEffect, useState } from 'preact/hooks';
import { eventStatsSchema, type EventStats } from '../../shared/protocol/stats.ts';
import { getStats, statsStreamUrl } from './endpoints.ts';
import { ErrorNote } from './ErrorNote.tsx';

type Link = 'connecting' | 'live' | 'reconnecting';

export function LiveStats({ eventId }: { eventId: string }) {
  const [stats, setStats] = useState<EventStats | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [link, setLink] = useState<Link>('connecting');

  useEffect(() => {
    let closed = false;
    getStats(eventId).then(
      (s) => !closed && setStats((old) => (old && old.generated_at > s.generated_at ? old : s)),
      (e) => !closed && setError(e),
    );
    const source = new EventSource(statsStreamUrl(eventId));
    source.addEventListener('open', () => setLink('live'));
    source.addEventListener('error', () => setLink('reconnecting'));
    source.addEventListener('stats', (e) => {
      const parsed = eventStatsSchema.safeParse(JSON.parse((e as MessageEvent<string>).data));
      if (parsed.success) {
        setStats(parsed.data);
        setLink('live');
      }
    });
    return () => {
      closed = true;
      source.close();
    };
  }, [eventId]);

  if (!stats) return error ? <ErrorNote error={error} /> : <p class="loading">Loading live numbers…</p>;
  const pct = (a: number, b: number) => (b ? Math.round((a / b) * 100) : 0);
  const lastMinute = stats.scans_per_minute.at(-1);
  const recent = lastMinute && Date.now() - Date.parse(lastMinute.minute) < 120_000 ? lastMinute.scans : 0;

  return (
    <section aria-labelledby="live-title" data-testid="live-stats">
      <div class="title-row">
        <h2 id="live-title">Live</h2>
        <span class={`link-state ${link}`} data-testid="stream-state">
          {link === 'live' ? '● live' : link === 'connecting' ? 'connecting…' : 'reconnecting…'}
        </span>
      </div>
      <div class="tiles">
        <Tile
          label="Admitted"
          value={stats.admitted}
          sub={`of ${stats.total.toLocaleString()} (${pct(stats.admitted, stats.total)} %)`}
          testId="stat-admitted"
        />
        <Tile label="Inside now" value={stats.inside} testId="stat-inside" />
        <Tile label="Scans last minute" value={recent} testId="stat-rate" />
        <Tile label="Conflicts to review" value={stats.conflicts} testId="stat-conflicts" alert={stats.conflicts > 0} />
      </div>
      <div class="columns">
        <div class="card">
          <h3>By ticket type</h3>
          <table class="table" data-testid="stats-by-type">
            <tbody>
              {stats.by_ticket_type.map((t) => (
                <tr key={t.ticket_type_id ?? 'none'}>
                  <th scope="row">{t.name ?? 'No type'}</th>
                  <td class="num">
                    {t.admitted.toLocaleString()} / {t.total.toLocaleString()}
                  </td>
                  <td class="bar-cell">
                    <meter min={0} max={100} value={pct(t.admitted, t.total)} aria-label={`${t.name ?? 'No type'} admitted`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div class="card">
          <h3>By entrance</h3>
          <table class="table" data-testid="stats-by-entrance">
            <thead>
              <tr>
                <th>Entrance</th>
                <th class="num">Admitted</th>
                <th class="num">Scans</th>
              </tr>
            </thead>
            <tbody>
              {stats.by_entrance.map((x) => (
                <tr key={x.entrance_id ?? 'none'}>
                  <th scope="row">{x.name ?? 'No entrance'}</th>
                  <td class="num">{x.admitted.toLocaleString()}</td>
                  <td class="num">{x.scans.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div class="card">
        <h3>Scans per minute, last hour</h3>
        <MinuteBars minutes={stats.scans_per_minute} now={Date.parse(stats.generated_at)} />
      </div>
      <p class="muted small">Updated {new Date(stats.generated_at).toLocaleTimeString()}</p>
    </section>
  );
}

function Tile({ label, value, sub, testId, alert }: { label: string; value: number; sub?: string; testId: string; alert?: boolean }) {
  return (
    <div class={`tile${alert ? ' alert' : ''}`}>
      <span class="tile-label">{label}</span>
      <strong data-testid={testId}>{value.toLocaleString()}</strong>
      {sub && <span class="muted small">{sub}</span>}
    </div>
  );
}

/** Sixty bars, one per minute, accepted scans in green over all scans. */
function MinuteBars({ minutes, now }: { minutes: EventStats['scans_per_minute']; now: number }) {
  const end = Math.floor(now / 60_000);
  const byMinute = new Map(minutes.map((m) => [Math.floor(Date.parse(m.minute) / 60_000), m]));
  const bars = Array.from({ length: 60 }, (_, i) => byMinute.get(end - 59 + i));
  const max = Math.max(1, ...minutes.map((m) => m.scans));
  return (
    <svg class="minute-bars" viewBox="0 0 600 100" preserveAspectRatio="none" role="img" aria-label={`Scans per minute; peak ${max}`}>
      {bars.map((m, i) =>
        m ? (
          <g key={i}>
            <rect x={i * 10 + 1} width={8} y={100 - (m.scans / max) * 100} height={(m.scans / max) * 100} class="bar-all" />
            <rect x={i * 10 + 1} width={8} y={100 - (m.accepted / max) * 100} height={(m.accepted / max) * 100} class="bar-ok" />
          </g>
        ) : null,
      )}
    </svg>
  );
}
