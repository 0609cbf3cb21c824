// Test helper: reads `event: stats` messages from an SSE response body as they arrive.
import type { EventStats } from '../../shared/protocol/stats.ts';

export interface StatsReader {
  /** The next stats message that satisfies `until`, or a rejection after `timeoutMs`. */
  next(until?: (s: EventStats) => boolean, timeoutMs?: number): Promise<EventStats>;
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
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const lines = block.split('\n');
      if (!lines.includes('event: stats')) continue;
      const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
      queue.push(JSON.parse(data) as EventStats);
    }
  }

  return {
    async next(until = () => true, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        while (queue.length) {
          const s = queue.shift()!;
          if (until(s)) return s;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error('no matching stats in time');
        await Promise.race([pull(), new Promise((_, reject) => setTimeout(() => reject(new Error('no matching stats in time')), left))]);
      }
    },
    async close() {
      await reader.cancel().catch(() => {});
    },
  };
}
