// The SSE stream of one event's stats: the numbers at once, then fresh numbers within a
// second of any check-in on any instance (the hub coalesces bursts), and a comment line
// every 15 s so proxies keep the connection open.
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { EventStats } from '../../shared/protocol/stats.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { eventStats } from './event-stats.ts';
import { statsHub } from './hub.ts';
import { signal } from '../metrics/signals.ts';

export const HEARTBEAT_MS = 15_000;

export function statsStream(c: Context<AppEnv>, deps: AppDeps, eventId: string): Response {
  c.header('Cache-Control', 'no-cache');
  c.header('X-Accel-Buffering', 'no');
  return streamSSE(c, async (stream) => {
    let seq = 0;
    let queue: Promise<void> = Promise.resolve();
    const send = (stats: EventStats) => {
      queue = queue.then(() => stream.writeSSE({ event: 'stats', id: String(++seq), data: JSON.stringify(stats) })).catch(() => {});
    };
    const unsubscribe = statsHub(deps).subscribe(eventId, send);
    const heartbeat = setInterval(() => {
      queue = queue
        .then(() => stream.write(': keep-alive\n\n'))
        .then(() => undefined)
        .catch(() => {});
    }, HEARTBEAT_MS);
    const closed = new Promise<void>((resolve) => stream.onAbort(resolve));
    signal.sseClients(deps.bus, { stream: 'stats', change: 1 });
    try {
      send(await eventStats(deps, eventId));
      await closed;
    } finally {
      clearInterval(heartbeat);
      unsubscribe();
      signal.sseClients(deps.bus, { stream: 'stats', change: -1 });
    }
  });
}
