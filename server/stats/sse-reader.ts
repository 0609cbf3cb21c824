// Test helper: reads `event: stats` messages from an SSE response body as they arrive.
import type { EventStats } from '../../shared/protocol/stats.ts';

export interface StatsReader {
  /** The next stats message that satisfies `until`; rejects if the stream ends first (no clock:
   * the test runner's timeout is the only limit, so a slow machine makes a test slower, not red). */
  next(until?: (s: EventStats) => boolean): Promise<EventStats>;
  close(): Promise<void>;
}

export function readStats(body: ReadableStream<Uint8Array>): StatsReader {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const queue: EventStats[] = [];

  async function pull(): Promise<void> {
    const { value, done } = await reader.read();
    if (done) throw new Error('stream ended');
    buffer += decoder.decode(value, { stream: true });
    for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const lines = block.split('\n');
      if (!lines.includes('event: stats')) continue;
      const data = lines
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n');
      queue.push(JSON.parse(data) as EventStats);
    }
  }

  return {
    async next(until = () => true) {
      for (;;) {
        while (queue.length) {
          const s = queue.shift()!;
          if (until(s)) return s;
        }
        await pull();
      }
    },
    async close() {
      await reader.cancel().catch(() => {});
    },
  };
}
