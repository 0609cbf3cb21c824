// A list read by cursor, newest first: the first page (again whenever `deps` change), older
// pages appended, a reload of the first page after a change, and the one action's state.
import { useEffect, useState } from 'preact/hooks';
import { useAction, type Action } from './use-action.ts';

export interface Paged<T> {
  items: T[];
  /** True once the first page has arrived. */
  loaded: boolean;
  hasMore: boolean;
  load: Action;
  first: () => Promise<boolean>;
  older: () => Promise<boolean>;
}

export function usePaged<T>(fetchPage: (cursor: string | null) => Promise<{ items: T[]; next_cursor: string | null }>, deps: unknown[]): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const load = useAction();

  const first = () =>
    load.run(async () => {
      const page = await fetchPage(null);
      setItems(page.items);
      setCursor(page.next_cursor);
      setLoaded(true);
    });
  // The caller names what the list depends on (fetchPage itself is a new function each render).
  useEffect(() => void first(), deps);

  const older = () =>
    load.run(async () => {
      const page = await fetchPage(cursor);
      setItems((r) => [...r, ...page.items]);
      setCursor(page.next_cursor);
    });

  return { items, loaded, hasMore: cursor !== null, load, first, older };
}
