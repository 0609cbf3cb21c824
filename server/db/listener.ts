// LISTEN on one dedicated Postgres connection that comes back by itself: when the link
// drops (a Postgres restart, a network cut), it reconnects and LISTENs again on every
// channel, retrying with a short backoff until Postgres answers. Behind a transaction-mode
// pgBouncer LISTEN cannot work, so this connection must go straight to Postgres
// (DATABASE_DIRECT_URL); NOTIFYs sent through pgBouncer still reach it.
import postgres from 'postgres';

/** What a subscriber hears about the connection besides payloads. */
export interface ListenHooks {
  /** The connection was lost (or could not be made); payloads stop until `onRelisten`. */
  onLost?(err: Error): void;
  /** LISTEN is active again after a loss; NOTIFYs sent in between are gone. */
  onRelisten?(): void;
}

export interface Listener {
  listen(channel: string, onPayload: (payload: string) => void, hooks?: ListenHooks): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

interface Subscriber {
  onPayload: (payload: string) => void;
  hooks: ListenHooks;
}

/** Retry waits: 250 ms doubling to at most 2 s, so a returning Postgres is heard within ~2 s. */
export const retryDelayMs = (attempt: number) => Math.min(250 * 2 ** attempt, 2_000);

const quoted = (channel: string) => `"${channel.replace(/"/g, '""')}"`;

export function createListener(url: string): Listener {
  const channels = new Map<string, Set<Subscriber>>();
  let closing = false;
  let down = false;
  let running = false;
  let again = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;

  const everyone = () => [...channels.values()].flatMap((s) => [...s]);
  // `onnotify` is a postgres.js option its types leave out (its own listen() is built on it).
  const options: postgres.Options<Record<string, never>> & { onnotify(channel: string, payload: string): void } = {
    max: 1,
    idle_timeout: 0,
    max_lifetime: null,
    fetch_types: false,
    prepare: false,
    connect_timeout: 5,
    // The retry pace is ours (retryDelayMs), not postgres.js's growing backoff.
    backoff: () => 0,
    connection: { application_name: 'fastcheck-listen' },
    onnotice: () => {},
    onnotify(channel, payload) {
      for (const s of channels.get(channel) ?? []) s.onPayload(payload);
    },
    onclose() {
      lost(new Error('the LISTEN connection closed'));
    },
  };
  const sql = postgres(url, options);

  function lost(err: Error) {
    if (closing) return;
    if (!down) {
      down = true;
      for (const s of everyone()) s.hooks.onLost?.(err);
    }
    if (running) again = true;
    else schedule();
  }

  function schedule() {
    if (timer || running || closing) return;
    timer = setTimeout(() => void relisten(), retryDelayMs(attempt++));
  }

  /** LISTENs on every channel on the (re)opened connection; false when it failed. */
  async function listenAll(): Promise<boolean> {
    running = true;
    again = false;
    try {
      for (const channel of channels.keys()) await sql.unsafe(`listen ${quoted(channel)}`);
      return true;
    } catch (err) {
      again = true;
      if (!down) lost(err as Error);
      return false;
    } finally {
      running = false;
    }
  }

  async function relisten() {
    timer = null;
    if (closing) return;
    const ok = await listenAll();
    if (ok && !again) {
      attempt = 0;
      if (down) {
        down = false;
        for (const s of everyone()) s.hooks.onRelisten?.();
      }
      return;
    }
    schedule();
  }

  return {
    async listen(channel, onPayload, hooks = {}) {
      const subscriber: Subscriber = { onPayload, hooks };
      const known = channels.get(channel);
      if (known) known.add(subscriber);
      else {
        channels.set(channel, new Set([subscriber]));
        // The first try is awaited (a caller that starts listening before serving is then
        // really listening); a failure is reported through onLost and retried, never thrown.
        try {
          if (!down) await sql.unsafe(`listen ${quoted(channel)}`);
        } catch (err) {
          lost(err as Error);
        }
      }
      return async () => {
        const set = channels.get(channel);
        set?.delete(subscriber);
        if (set && set.size === 0) {
          channels.delete(channel);
          if (!down && !closing) await sql.unsafe(`unlisten ${quoted(channel)}`).catch(() => {});
        }
      };
    },
    async close() {
      closing = true;
      if (timer) clearTimeout(timer);
      await sql.end({ timeout: 5 });
    },
  };
}
