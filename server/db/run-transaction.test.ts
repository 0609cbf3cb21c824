// runTransaction and the fixed-text statements of the hot path, on both drivers: commits,
// rolls back on a throw, and never reports success for a transaction Postgres aborted.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openPostgres, runTransaction, statement, statementRows } from './client.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';

describe.each(dbKinds)('runTransaction on %s', (kind) => {
  const tdb = useTestDatabase(kind);
  const count = async (tag: string) => Number((await tdb().database.query<{ n: number }>(sql`select count(*)::int as n from t_run where tag = ${tag}`))[0].n);

  it('commits what the function wrote', async () => {
    await tdb().database.query(sql`create table if not exists t_run (id int primary key, tag text)`);
    const got = await runTransaction(tdb().database, async (tx) => {
      await statementRows(tx, statement`insert into t_run values (${1}::int, ${'ok'}::text)`);
      return (await statementRows<{ tag: string }>(tx, statement`select tag from t_run where id = ${1}::int`))[0].tag;
    });
    expect(got).toBe('ok');
    expect(await count('ok')).toBe(1);
  });

  it('rolls back when the function throws', async () => {
    await expect(
      runTransaction(tdb().database, async (tx) => {
        await statementRows(tx, statement`insert into t_run values (${2}::int, ${'thrown'}::text)`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await count('thrown')).toBe(0);
  });

  it('fails when a statement failed even though the function caught it', async () => {
    await expect(
      runTransaction(tdb().database, async (tx) => {
        await statementRows(tx, statement`insert into t_run values (${3}::int, ${'swallowed'}::text)`);
        await statementRows(tx, statement`insert into t_run values (${1}::int, ${'dup'}::text)`).catch(() => null);
      }),
    ).rejects.toThrow();
    expect(await count('swallowed')).toBe(0);
  });

  it.runIf(kind === 'postgres')('works behind pgBouncer settings (no named statements)', async () => {
    const bouncer = openPostgres({ url: tdb().url!, max: 2, pgbouncer: true });
    try {
      await runTransaction(bouncer, (tx) => statementRows(tx, statement`insert into t_run values (${4}::int, ${'bouncer'}::text)`));
      expect(await count('bouncer')).toBe(1);
    } finally {
      await bouncer.close();
    }
  });
});
