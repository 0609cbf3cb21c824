// Test helper: reads `event: stats` messages from an SSE response body as they arrive
// (the SSE parsing itself is server/test/sse-events.ts).
import type { EventStats } from '../../shared/protocol/stats.ts';
import { readSseEvents } from '../test/sse-events.ts';

export interface StatsReader {
  /** The next stats message that satisfies `until`; rejects if the stream ends first (no clock:
   * the test runner's timeout is the only limit, so a slow machine makes a test slower, not red). */
  next(until?: (s: EventStats) => boolean): Promise<EventStats>;
  close(): Promise<void>;
}

export function readStats(body: ReadableStream<Uint8Array>): StatsReader {
  const events = readSseEvents(body);
  return {
    async next(until = () => true) {
      for (;;) {
        const e = await events.next((x) => x.event === 'stats');
        const stats = JSON.parse(e.data) as EventStats;
        if (until(stats)) return stats;
      }
    },
    close: () => events.close(),
  };
}
