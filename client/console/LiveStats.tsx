// Live numbers of one event: the JSON snapshot at once, then every `stats` event of the
// SSE stream (EventSource reconnects by itself; the state line says when it is away).
// Tiles, ticket types, entrances (inside now per gate), the chart, the forecast, the feed.
import { useEffect, useState } from 'preact/hooks';
import { eventStatsSchema, type EventStats } from '../../shared/protocol/stats.ts';
import { ArrivalForecast } from './ArrivalForecast.tsx';
import { getStats, statsStreamUrl } from './endpoints.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { RecentAttempts } from './RecentAttempts.tsx';
import { ScanChart } from './ScanChart.tsx';
import { formatClock } from './zoned-time.ts';

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
  const admittedAtGates = stats.by_entrance.reduce((s, x) => s + x.admitted, 0);

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
      <div class="columns live-row">
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
                <th class="bar-cell">
                  <span class="sr-only">Share of admissions</span>
                </th>
                <th class="num">Inside now</th>
                <th class="num">Scans</th>
              </tr>
            </thead>
            <tbody>
              {stats.by_entrance.map((x) => (
                <tr key={x.entrance_id ?? 'none'} data-entrance={x.name ?? 'No entrance'}>
                  <th scope="row">{x.name ?? 'No entrance'}</th>
                  <td class="num">{x.admitted.toLocaleString()}</td>
                  <td class="bar-cell">
                    <meter min={0} max={Math.max(1, admittedAtGates)} value={x.admitted} aria-label={`${x.name ?? 'No entrance'}: share of admissions`} />
                  </td>
                  <td class="num">{x.inside.toLocaleString()}</td>
                  <td class="num">{x.scans.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div class="columns wide-first live-row">
        <div class="card">
          <h3>Scans per minute</h3>
          <ScanChart timeline={stats.timeline} zone={stats.timezone} />
        </div>
        <ArrivalForecast stats={stats} />
      </div>
      <RecentAttempts rows={stats.recent} zone={stats.timezone} />
      <p class="muted small" data-testid="stats-updated">
        Updated {formatClock(stats.generated_at, stats.timezone, { seconds: true })} ({stats.timezone})
      </p>
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
