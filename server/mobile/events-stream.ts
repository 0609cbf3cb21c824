// One door's nudge stream: `ready` at once, `conflicts` whenever the event's conflict feed
// changes on any instance, a comment line every HEARTBEAT_MS so proxies keep it open. The
// stream ends after STREAM_MAX_MS: the phone reconnects, and its credential is checked again.
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { PhoneEventName } from '../../shared/protocol/phone-events.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import type { CheckInsRecorded } from '../checkin/events.ts';
import { HEARTBEAT_MS } from '../stats/stream.ts';
import { CONFLICTS_CHANGED_TOPIC } from './conflict-fanout.ts';
import { signal } from '../metrics/signals.ts';

export const STREAM_MAX_MS = 15 * 60_000;

export function phoneEventsStream(c: Context<AppEnv>, deps: AppDeps, eventId: string): Response {
  c.header('Cache-Control', 'no-cache');
  c.header('X-Accel-Buffering', 'no');
  return streamSSE(c, async (stream) => {
    let queue: Promise<void> = Promise.resolve();
    const write = (w: () => Promise<unknown>) => {
      queue = queue
        .then(w)
        .then(() => undefined)
        .catch(() => {});
    };
    const send = (event: PhoneEventName) => write(() => stream.writeSSE({ event, data: JSON.stringify({ server_time: deps.clock.now().toISOString() }) }));
    const unsubscribe = deps.bus.subscribe<CheckInsRecorded>(CONFLICTS_CHANGED_TOPIC, (m) => {
      if (m.eventId === eventId) send('conflicts');
    });
    const heartbeat = setInterval(() => write(() => stream.write(': keep-alive\n\n')), HEARTBEAT_MS);
    let end: NodeJS.Timeout | undefined;
    const closed = new Promise<void>((resolve) => {
      stream.onAbort(resolve);
      end = setTimeout(resolve, STREAM_MAX_MS);
    });
    signal.sseClients(deps.bus, { stream: 'phone-events', change: 1 });
    try {
      send('ready');
      await closed;
      await queue;
    } finally {
      clearTimeout(end);
      clearInterval(heartbeat);
      unsubscribe();
      signal.sseClients(deps.bus, { stream: 'phone-events', change: -1 });
    }
  });
}
