// The stats fan-out across a Postgres restart: its LISTEN connection (here through a TCP
// proxy that a test can cut, as a restart would) is lost and comes back by itself; both are
// logged, open dashboards get fresh numbers at once (NOTIFYs sent meanwhile are gone), and
// NOTIFYs from other instances are heard again. Waits on events, never on a clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStats } from '../../shared/protocol/stats.ts';
import { seedEvent, type SeededEvent } from '../checkin/test-fixtures.ts';
import { openPostgres, type Database } from '../db/client.ts';
import { createLogger } from '../logger.ts';
import { makeTestDeps } from '../test/app.ts';
import { useTestDatabase } from '../test/db.ts';
import { startPgProxy, type PgProxy } from '../test/pg-proxy.ts';
import { CHECKINS_CHANNEL, startStatsFanout } from './fanout.ts';
import { statsHub } from './hub.ts';

/** Log lines as they come, and a way to wait for one. */
function logWatch() {
  const lines: string[] = [];
  const waiters: { match: RegExp; resolve: (l: string) => void }[] = [];
  return {
    lines,
    write(line: string) {
      lines.push(line);
      for (const w of [...waiters])
        if (w.match.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
    },
    next(match: RegExp, after = 0): Promise<string> {
      const seen = lines.slice(after).find((l) => match.test(l));
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

describe('the stats fan-out when Postgres restarts', () => {
  const t = useTestDatabase('postgres');
  let proxy: PgProxy;
  let database: Database;
  let stop: () => Promise<void>;
  let seed: SeededEvent;
  const log = logWatch();
  const pushes: EventStats[] = [];
  let onPush: (() => void) | undefined;

  beforeAll(async () => {
    proxy = await startPgProxy(t().url!);
    // Queries go straight to Postgres; only the LISTEN connection goes through the proxy.
    database = openPostgres({ url: t().url!, directUrl: proxy.url });
    const deps = { ...makeTestDeps(database), logger: createLogger('info', { write: (s: string) => log.write(s) }) };
    seed = await seedEvent(database, { attendees: 3 });
    stop = await startStatsFanout(deps);
    statsHub(deps).subscribe(seed.eventId, (s) => {
      pushes.push(s);
      onPush?.();
    });
  });
  afterAll(async () => {
    await stop?.();
    await database?.close();
    await proxy?.close();
  });

  const nextPush = () => new Promise<void>((resolve) => (onPush = resolve));

  it('hears another instance before, logs the loss and the return, refreshes the dashboard, and hears it again after', async () => {
    let pushed = nextPush();
    await t().database.notify(CHECKINS_CHANNEL, seed.eventId);
    await pushed;
    const before = pushes.length;

    const mark = log.lines.length;
    pushed = nextPush();
    proxy.resetAll();
    expect(JSON.parse(await log.next(/LISTEN connection lost/, mark))).toMatchObject({ level: 40 });
    expect(JSON.parse(await log.next(/LISTEN connection back/, mark))).toMatchObject({ level: 30, channel: CHECKINS_CHANNEL });
    // The dashboard is refreshed on the return alone, with no NOTIFY.
    await pushed;
    expect(pushes.length).toBe(before + 1);

    pushed = nextPush();
    await t().database.notify(CHECKINS_CHANNEL, seed.eventId);
    await pushed;
    expect(pushes.length).toBe(before + 2);
    expect(pushes.at(-1)).toMatchObject({ event_id: seed.eventId, total: 3 });
  });
});
