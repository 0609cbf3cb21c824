// In-process publish/subscribe for live updates. Cross-instance fan-out (NOTIFY) is
// layered on top by the stats module; subscribers here only ever see this process.
import { getOrInsert } from '../shared/get-or-insert.ts';

export type BusListener<T> = (message: T) => void;

export interface Bus {
  publish(topic: string, message: unknown): void;
  subscribe<T = unknown>(topic: string, listener: BusListener<T>): () => void;
}

export function createBus(): Bus {
  const topics = new Map<string, Set<BusListener<unknown>>>();
  return {
    publish(topic, message) {
      for (const listener of topics.get(topic) ?? []) {
        try {
          listener(message);
        } catch {
          // A failing subscriber must not break the publisher (a check-in).
        }
      }
    },
    subscribe(topic, listener) {
      const set = getOrInsert(topics, topic, () => new Set());
      set.add(listener as BusListener<unknown>);
      return () => set.delete(listener as BusListener<unknown>);
    },
  };
}
