// PGlite in a worker thread (the default embedded mode): what crosses the thread boundary
// arrives as on the main thread (dates through drizzle's parsers, SQLSTATE codes), transactions
// are pinned and serialised in the worker, notifications arrive, a dead worker fails calls
// (never hangs them) and is reported, and close() ends the thread.
import { eq, sql } from 'drizzle-orm';
import { integer, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../organiser/errors.ts';
import { type Database, openPglite, runTransaction } from './client.ts';
import { isDatabaseUnavailable } from './unavailable.ts';

const tw = pgTable('t_worker', {
  id: integer('id').primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  amount: numeric('amount'),
  note: text('note'),
});
const workerOf = (database: Database) => (database as unknown as { pgliteWorker: Worker }).pgliteWorker;

describe('PGlite in a worker thread', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openPglite();
    await database.query(sql`create table t_worker (id int primary key, at timestamptz not null, amount numeric, note text)`);
  }, 600_000);
  afterAll(async () => {
    await database?.close();
  });

  it('runs in its own thread', () => {
    expect(workerOf(database).threadId).toBeGreaterThan(0);
  });

  it('leaves the event loop turning while a long statement runs', async () => {
    let turns = 0;
    let running = true;
    const turn = () => {
      turns++;
      if (running) setImmediate(turn);
    };
    setImmediate(turn);
    await database.query(sql`select count(*) from generate_series(1, 3000000)`);
    running = false;
    // On the main thread PGlite would run the statement to its end inside one turn.
    expect(turns).toBeGreaterThan(1);
  });

  it('gives drizzle its values as on the main thread: timestamps and numerics through its own parsers', async () => {
    const at = new Date('2026-06-01T10:20:30.456Z');
    await database.db.insert(tw).values({ id: 1, at, amount: '12.50', note: 'first' });
    const [row] = await database.db.select().from(tw).where(eq(tw.id, 1));
    expect(row.at).toBeInstanceOf(Date);
    expect(row.at.toISOString()).toBe(at.toISOString());
    expect(row.amount).toBe('12.50');
    expect(row.note).toBe('first');
  });

  it('keeps the SQLSTATE of a failed statement', async () => {
    const err = await database.db
      .insert(tw)
      .values({ id: 1, at: new Date(), note: 'duplicate' })
      .catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
  });

  it('holds other statements until a transaction ends, then they see its rows', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    let outsideDone = false;
    let outside: Promise<{ n: number }[]> | undefined;
    const tx = runTransaction(database, async (t) => {
      await t.insert(tw).values({ id: 2, at: new Date(), note: 'in tx' });
      outside = database.query<{ n: number }>(sql`select count(*)::int as n from t_worker where id = 2`);
      void outside.then(() => {
        outsideDone = true;
      });
      // A round trip inside the transaction: the worker has received the outside query by now.
      await t.select().from(tw).where(eq(tw.id, 2));
      expect(outsideDone).toBe(false);
      await gate;
    });
    open();
    await tx;
    expect((await outside!)[0].n).toBe(1);
  });

  it('rolls back on a throw and supports savepoints inside', async () => {
    await expect(
      database.db.transaction(async (t) => {
        await t.insert(tw).values({ id: 3, at: new Date(), note: 'rolled back' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await database.db.transaction(async (t) => {
      await t.insert(tw).values({ id: 4, at: new Date(), note: 'kept' });
      await t
        .transaction(async (inner) => {
          await inner.insert(tw).values({ id: 5, at: new Date(), note: 'inner' });
          throw new Error('inner boom');
        })
        .catch(() => {});
    });
    const ids = (await database.db.select({ id: tw.id }).from(tw)).map((r) => r.id).sort();
    expect(ids).toEqual([1, 2, 4]);
  });

  it('forwards notifications and stops after unlisten', async () => {
    const got: string[] = [];
    let arrived!: () => void;
    const first = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const unlisten = await database.listen('worker_chan', (payload) => {
      got.push(payload);
      arrived();
    });
    await database.notify('worker_chan', 'one');
    await first;
    await unlisten();
    await database.notify('worker_chan', 'two');
    await database.query(sql`select 1`); // a round trip after the second notify
    expect(got).toEqual(['one']);
  });
});

describe('a PGlite worker that dies', () => {
  it('fails the waiting and later calls as "database unavailable" and reports the death once', async () => {
    const deaths: Error[] = [];
    const database = await openPglite(undefined, { onWorkerExit: (err) => deaths.push(err) });
    const busy = database.query(sql`select count(*) from generate_series(1, 200000000)`).catch((e: unknown) => e);
    await workerOf(database).terminate();
    const err = await busy;
    expect(isDatabaseUnavailable(err)).toBe(true);
    // drizzle wraps the driver's error as `cause`.
    expect(String(((err as Error).cause as Error | undefined)?.message)).toMatch(/PGlite worker stopped/);
    expect(isDatabaseUnavailable(await database.query(sql`select 1`).catch((e: unknown) => e))).toBe(true);
    expect(deaths).toHaveLength(1);
    await database.close(); // nothing left to close: returns
  });
});

describe('closing a PGlite worker', () => {
  it('ends the thread and refuses later calls', async () => {
    const deaths: Error[] = [];
    const database = await openPglite(undefined, { onWorkerExit: (err) => deaths.push(err) });
    const exited = new Promise((resolve) => workerOf(database).once('exit', resolve));
    await database.query(sql`select 1`);
    await database.close();
    await exited;
    const err = await database.query(sql`select 1`).catch((e: unknown) => e);
    expect(String(((err as Error).cause as Error | undefined)?.message)).toMatch(/closed/);
    expect(deaths).toHaveLength(0);
  });
});
