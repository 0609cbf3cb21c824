// The LISTEN connection comes back by itself after its link drops (as on a Postgres
// restart) or while Postgres refuses connections, LISTENs again and says so. Real Postgres
// behind a cuttable TCP proxy; tests wait on the hooks' events, never on a clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../test/db.ts';
import { startPgProxy, type PgProxy } from '../test/pg-proxy.ts';
import { createListener, type Listener } from './listener.ts';

/** A queue of events a test can await one by one. */
function inbox<T>() {
  const items: T[] = [];
  const waiters: ((v: T) => void)[] = [];
  return {
    push(v: T) {
      const w = waiters.shift();
      if (w) w(v);
      else items.push(v);
    },
    next(): Promise<T> {
      const v = items.shift();
      return v !== undefined ? Promise.resolve(v) : new Promise((resolve) => waiters.push(resolve));
    },
  };
}

describe('the LISTEN connection', () => {
  const t = useTestDatabase('postgres');
  let proxy: PgProxy;
  let listener: Listener;
  const payloads = inbox<string>();
  const events = inbox<'lost' | 'back'>();

  beforeAll(async () => {
    proxy = await startPgProxy(t().url!);
    listener = createListener(proxy.url);
    await listener.listen('fc_listener_test', (p) => payloads.push(p), {
      onLost: () => events.push('lost'),
      onRelisten: () => events.push('back'),
    });
  });
  afterAll(async () => {
    await listener?.close();
    await proxy?.close();
  });

  const notify = (payload: string) => t().database.notify('fc_listener_test', payload);

  it('hears NOTIFYs', async () => {
    await notify('one');
    expect(await payloads.next()).toBe('one');
  });

  it('after its connection is killed (a Postgres restart) it reconnects, LISTENs again and hears the next NOTIFY', async () => {
    proxy.resetAll();
    expect(await events.next()).toBe('lost');
    expect(await events.next()).toBe('back');
    await notify('two');
    expect(await payloads.next()).toBe('two');
  });

  it('while Postgres refuses connections it keeps trying, and comes back once it answers', async () => {
    proxy.setMode('refuse');
    expect(await events.next()).toBe('lost');
    // Several refused attempts happen meanwhile; one more NOTIFY goes unheard (nobody listens).
    await notify('lost-in-the-gap');
    proxy.setMode('pass');
    expect(await events.next()).toBe('back');
    await notify('three');
    expect(await payloads.next()).toBe('three');
  });

  it('a listener whose first connection fails reports it and listens once Postgres answers', async () => {
    proxy.setMode('refuse');
    const late = createListener(proxy.url);
    const heard = inbox<string>();
    const lateEvents = inbox<'lost' | 'back'>();
    try {
      await late.listen('fc_listener_late', (p) => heard.push(p), { onLost: () => lateEvents.push('lost'), onRelisten: () => lateEvents.push('back') });
      expect(await lateEvents.next()).toBe('lost');
      proxy.setMode('pass');
      expect(await lateEvents.next()).toBe('back');
      await t().database.notify('fc_listener_late', 'hello');
      expect(await heard.next()).toBe('hello');
    } finally {
      await late.close();
    }
  });
});
