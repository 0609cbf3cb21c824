// Test helper: reads named SSE events (`event:` and `data:` lines) from a response body as they arrive.
export interface SseEvent {
  event: string;
  data: string;
}

export interface SseReader {
  /** The next event that satisfies `until`; rejects if the stream ends first (the runner's timeout is the only clock). */
  next(until?: (e: SseEvent) => boolean): Promise<SseEvent>;
  close(): Promise<void>;
}

export function readSseEvents(body: ReadableStream<Uint8Array>): SseReader {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const queue: SseEvent[] = [];

  async function pull(): Promise<void> {
    const { value, done } = await reader.read();
    if (done) throw new Error('stream ended');
    buffer += decoder.decode(value, { stream: true });
    for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
      const lines = buffer.slice(0, cut).split('\n');
      buffer = buffer.slice(cut + 2);
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
      if (!event) continue;
      const data = lines
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n');
      queue.push({ event, data });
    }
  }

  return {
    async next(until = () => true) {
      for (;;) {
        while (queue.length) {
          const e = queue.shift()!;
          if (until(e)) return e;
        }
        await pull();
      }
    },
    async close() {
      await reader.cancel().catch(() => {});
    },
  };
}
