// The arrival forecast in words: when 90 % of the valid tickets are in at the recent rate,
// and the range the recent minutes support. Recomputed on every stats push and every 20 s
// (a quiet door slows the rate down even when nothing is pushed).
import { useEffect, useRef, useState } from 'preact/hooks';
import { type ArrivalForecast as Forecast, MIN_ADMISSIONS, WINDOW_MINUTES, arrivalForecast } from '../../shared/arrival-forecast.ts';
import type { EventStats } from '../../shared/protocol/stats.ts';
import { formatClock } from './zoned-time.ts';

const RECOMPUTE_MS = 20_000;

export function ArrivalForecast({ stats }: { stats: EventStats }) {
  // The server's clock: generated_at plus the time since this push arrived.
  const received = useRef({ server: Date.parse(stats.generated_at), local: Date.now() });
  const [now, setNow] = useState(received.current.server);
  useEffect(() => {
    received.current = { server: Date.parse(stats.generated_at), local: Date.now() };
    setNow(received.current.server);
  }, [stats]);
  useEffect(() => {
    const timer = setInterval(() => setNow(received.current.server + (Date.now() - received.current.local)), RECOMPUTE_MS);
    return () => clearInterval(timer);
  }, []);

  const forecast = arrivalForecast({
    minutes: stats.scans_per_minute.map((m) => ({ at: Date.parse(m.minute), accepted: m.accepted })),
    admitted: stats.admitted,
    total: stats.total,
    now,
    endsAt: stats.ends_at ? Date.parse(stats.ends_at) : null,
  });
  const { headline, detail } = forecastWords(forecast, stats.timezone, now);
  return (
    <div class={`card forecast ${forecast.kind}`} data-testid="arrival-forecast">
      <h3>Arrival forecast</h3>
      <p class="forecast-headline" data-testid="forecast-headline">
        {headline}
      </p>
      {detail && <p class="muted small">{detail}</p>}
    </div>
  );
}

function forecastWords(f: Forecast, zone: string, now: number): { headline: string; detail?: string } {
  const at = (t: number) => formatClock(t, zone, { today: now });
  const pct = (share: number) => `${Math.round(share * 100)} %`;
  switch (f.kind) {
    case 'no-tickets':
      return { headline: 'No valid tickets yet.' };
    case 'all-in':
      return { headline: 'Everyone is in.' };
    case 'reached':
      return { headline: `${pct(f.share)} are in.` };
    case 'ended':
      return { headline: `The event has ended; ${pct(f.admittedShare)} came.` };
    case 'not-enough-scans':
      return {
        headline: 'Not enough scans yet to forecast.',
        detail: `A forecast needs at least ${MIN_ADMISSIONS} admissions over a few minutes.`,
      };
    case 'stalled':
      return {
        headline: 'Arrivals have almost stopped.',
        detail: `${f.recent} admitted in the last ${WINDOW_MINUTES} minutes: too few to say when ${pct(f.share)} will be in.`,
      };
    case 'forecast': {
      const range =
        f.latest === null
          ? `from ${at(f.earliest)}; it could take much longer`
          : at(f.earliest) === at(f.latest)
            ? 'the flow has been steady'
            : `likely between ${at(f.earliest)} and ${at(f.latest)}`;
      return {
        headline: `At this rate ${pct(f.share)} are in by ${at(f.at)}${f.afterEnd ? ', after the event ends' : ''}.`,
        detail: `${f.remaining.toLocaleString()} more to come for ${pct(f.share)}, at ${f.perMinute.toFixed(1)} admitted a minute over the last ${WINDOW_MINUTES} minutes; ${range}.`,
      };
    }
  }
}
