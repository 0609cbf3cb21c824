// Opens the database: postgres.js when a URL is given, embedded PGlite otherwise.
// Both hand out the same drizzle API (query builders over server/db/schema.ts); `rows()` evens out the one
// place they differ (raw `execute` results), and listen/notify work on both.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres, PostgresJsSession, PostgresJsTransaction } from 'drizzle-orm/postgres-js';
import { mkdirSync } from 'node:fs';
import postgres from 'postgres';
import { createListener, type ListenHooks } from './listener.ts';
import { startPgliteWorker } from './pglite-worker-client.ts';

/**
 * Without drizzle's relational query builders (`db.query.x.findMany`): none are used, and
 * drizzle would build one per table for every transaction on the scan path.
 */
export type Db = PgDatabase<PgQueryResultHKT>;
/** A transaction handle: repos take `Db | Tx` so a use case can compose them. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  kind: 'postgres' | 'pglite';
  db: Db;
  /** Runs raw SQL and returns its rows, on either driver. */
  query<T = Record<string, unknown>>(query: SQL, on?: DbOrTx): Promise<T[]>;
  /**
   * Subscribes to a NOTIFY channel; resolves to an unsubscribe function. `hooks` hear when
   * the listening connection is lost and when LISTEN is active again after a reconnect.
   */
  listen(channel: string, onPayload: (payload: string) => void, hooks?: ListenHooks): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

export interface PostgresOptions {
  url: string;
  /** pgBouncer in transaction mode: no named prepared statements. */
  pgbouncer?: boolean;
  /** A direct Postgres URL for LISTEN (needed behind pgBouncer; default: `url` unless pgbouncer). */
  directUrl?: string;
  max?: number;
  /** How long a query or transaction may wait for a connection before it fails as unavailable (ms). */
  acquireTimeoutMs?: number;
}

/** Normalises a raw `execute` result: postgres.js gives an array, PGlite `{ rows }`. */
export function resultRows<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** Dialects (shared by a drizzle db and its transactions) whose postgres.js client may name statements. */
const namedStatements = new WeakMap<object, boolean>();

interface DrizzleInternals {
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  session: {
    client?: {
      unsafe?: (text: string, params: unknown[], options: { prepare: boolean }) => Promise<unknown>;
      query?: (text: string, params: unknown[]) => Promise<unknown>;
    };
  };
}

/** SQL text with $1…$n placeholders and its parameters, built without drizzle. */
export interface Statement {
  text: string;
  params: unknown[];
}

const statementTexts = new WeakMap<TemplateStringsArray, string>();

/**
 * `statement\`select … where id = ${id}\``: the text is joined once per call site (the
 * template's strings are one object), so a hot query costs no SQL building per call.
 * Parameters go as they are: pass dates as ISO strings and JSON as a string, with casts.
 */
export function statement(strings: TemplateStringsArray, ...params: unknown[]): Statement {
  let text = statementTexts.get(strings);
  if (text === undefined) {
    text = strings.reduce((acc, part, i) => `${acc}$${i}${part}`);
    statementTexts.set(strings, text);
  }
  return { text, params };
}

/** Runs a `statement`: prepared on postgres.js (unless behind pgBouncer), plain on PGlite. */
export async function statementRows<T = Record<string, unknown>>(on: DbOrTx, s: Statement): Promise<T[]> {
  const { dialect, session } = on as unknown as DrizzleInternals;
  const client = session.client!;
  if (client.unsafe) return resultRows<T>(await client.unsafe(s.text, s.params, { prepare: namedStatements.get(dialect) === true }));
  return resultRows<T>(await client.query!(s.text, s.params));
}

/**
 * Runs a hot-path query as a named prepared statement on postgres.js (parsed and planned
 * once per connection, then only bound and executed); plain `execute` elsewhere: on PGlite,
 * and behind pgBouncer (PGBOUNCER=true), where named statements are not allowed.
 */
export async function preparedRows<T = Record<string, unknown>>(on: DbOrTx, query: SQL | SQLWrapper): Promise<T[]> {
  const { dialect, session } = on as unknown as DrizzleInternals;
  const unsafe = session.client?.unsafe;
  if (unsafe && namedStatements.get(dialect)) {
    const q = dialect.sqlToQuery(query.getSQL());
    return resultRows<T>(await unsafe(q.sql, q.params, { prepare: true }));
  }
  return resultRows<T>(await on.execute(query.getSQL()));
}

type TransactionRunner = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
const pipelinedRunners = new WeakMap<Db, TransactionRunner>();

/** postgres.js pool use by transactions (it exposes none of its own): counted where they reserve. */
export interface PoolUse {
  max: number;
  /** Connections held by a transaction now. */
  inUse: number;
  /** Transactions waiting for a free connection. */
  waiting: number;
}
const poolUses = new WeakMap<Db, PoolUse>();

/** The pool use of a postgres.js database; null for PGlite (no pool). */
export const poolUse = (database: Pick<Database, 'db'>): PoolUse | null => poolUses.get(database.db) ?? null;

/**
 * Runs `fn` in a transaction. On postgres.js the BEGIN is not awaited on its own: it goes
 * out in the same socket write as the transaction's first statements (one round trip
 * less than `db.transaction`); elsewhere it is `db.transaction`. No savepoints inside.
 */
export function runTransaction<T>(database: Pick<Database, 'db'>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const run = pipelinedRunners.get(database.db);
  return run ? run(fn) : database.db.transaction(fn);
}

/** "The database cannot be reached now": a code `isDatabaseUnavailable` maps to 503. */
function unavailable(message: string): Error {
  return Object.assign(new Error(message), { code: 'CONNECTION_CLOSED' });
}

function poolTimeout(ms: number): Error {
  return Object.assign(new Error(`no database connection became free within ${ms} ms`), { code: 'CONNECT_TIMEOUT' });
}

/** What this file reaches inside a postgres.js query (3.4.x): see node_modules/postgres/src/query.js. */
interface QueryInternals {
  active: boolean;
  reject(err: unknown): void;
  canceller: ((q: unknown) => Promise<void> | undefined) | null;
}

/**
 * Deadlines kept by one timer per database: a query or transaction waiting for a connection
 * costs a Set entry, not a timer of its own (the scan path runs thousands a second). The
 * timer runs only while something waits, and fires every `periodMs`, so a wait fails within
 * its bound plus one period.
 */
class Deadlines {
  private readonly waits = new Set<{ at: number; expire(): void }>();
  private timer: NodeJS.Timeout | undefined;
  constructor(private readonly periodMs: number) {}

  add(wait: { at: number; expire(): void }) {
    this.waits.add(wait);
    this.timer ??= setInterval(() => this.sweep(), this.periodMs);
  }

  delete(wait: { at: number; expire(): void }) {
    this.waits.delete(wait);
  }

  private sweep() {
    const now = performance.now();
    for (const w of this.waits) {
      if (w.at > now) continue;
      this.waits.delete(w);
      w.expire();
    }
    if (this.waits.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}

/** What this file reaches inside a postgres.js query (3.4.x): see node_modules/postgres/src/query.js. */
interface QueryInternals {
  active: boolean;
  reject(err: unknown): void;
  canceller: ((q: unknown) => Promise<void> | undefined) | null;
}

/**
 * Fails a query that has not started running on the server (queued for a connection, or
 * pipelined behind a statement that is stuck) once `ms` have passed, and cancels it: it is
 * taken out of the queue, or cancelled on the server when its turn comes.
 */
function boundWait<Q extends Promise<unknown>>(query: Q, ms: number, deadlines: Deadlines): Q {
  const q = query as unknown as QueryInternals;
  const wait = {
    at: performance.now() + ms,
    expire() {
      if (q.active) return;
      q.reject(poolTimeout(ms));
      const cancelling = q.canceller?.(q);
      q.canceller = null;
      void Promise.resolve(cancelling).catch(() => {});
    },
  };
  deadlines.add(wait);
  const settle = () => deadlines.delete(wait);
  query.then(settle, settle);
  return query;
}

/** A rejected stand-in for a query that must not be sent; `values()` as drizzle calls it. */
function refusedQuery(err: Error) {
  const p = Promise.reject(err) as Promise<never> & { values(): Promise<never> };
  p.values = () => p;
  return p;
}

/** postgres.js's own connection object, as a query's `onexecute` option hands it over. */
interface PooledConnection {
  onclose: ((err: unknown) => void) | null;
}

type Unsafe = (text: string, params?: unknown[], options?: Record<string, unknown>) => Promise<unknown> & { values(): unknown };

/**
 * What a guarded transaction hands drizzle's session in place of the connection: the parts of
 * a postgres.js client the session uses, and the tagged template itself (COPY … FROM STDIN
 * `.writable()` in the attendee import), both guarded.
 */
interface SessionClient {
  (strings: TemplateStringsArray, ...params: unknown[]): Promise<unknown>;
  unsafe: Unsafe;
  options: postgres.Sql['options'];
  savepoint(): never;
}

/**
 * A reserved connection that refuses statements once it is gone. postgres.js 3.4.9 hands a
 * statement issued on a reserved connection that has closed straight to the dead socket
 * (`Cannot read properties of null (reading 'write')` from a timer; the statement never
 * settles), and `release()` of such a connection puts it back in the pool where the next
 * query hangs the same way. Here: the connection's close rejects every statement issued on
 * it (rejecting one that has settled does nothing), later statements fail at once, and a
 * lost connection is never released (postgres.js has already put it back among its closed
 * ones, to reconnect). A transaction issues a handful of statements: they are kept in a
 * plain list, with no bookkeeping as each settles.
 */
class GuardedConnection {
  private lost: Error | undefined;
  private pooled: PooledConnection | undefined;
  private readonly issued: QueryInternals[] = [];
  private readonly raw: Unsafe;
  /** What drizzle's session is given in place of the connection. */
  readonly client: SessionClient;

  constructor(private readonly conn: postgres.ReservedSql) {
    this.raw = conn.unsafe as unknown as Unsafe;
    const tagged = (strings: TemplateStringsArray, ...params: unknown[]) => {
      if (this.lost) return refusedQuery(this.lost);
      const query = (conn as unknown as (s: TemplateStringsArray, ...p: unknown[]) => Promise<unknown>)(strings, ...params);
      this.issue(query);
      return query;
    };
    this.client = Object.assign(tagged, {
      unsafe: this.unsafe,
      options: conn.options,
      savepoint: (): never => {
        throw new Error('nested transactions (savepoints) are not supported here');
      },
    });
  }

  private readonly markLost = (err?: unknown) => {
    if (this.lost) return;
    this.lost = unavailable(`database connection lost during a transaction${err instanceof Error ? `: ${err.message}` : ''}`);
    for (const q of this.issued) q.reject(this.lost);
    this.issued.length = 0;
  };

  private readonly onexecute = (c: PooledConnection) => {
    this.pooled = c;
    c.onclose = this.markLost;
    return true; // "ready for more": the next statements pipeline behind this one, as without the hook
  };

  readonly unsafe: Unsafe = (text, params = [], options = {}) => {
    if (this.lost) return refusedQuery(this.lost);
    const query = this.raw(text, params, this.pooled ? options : { ...options, onexecute: this.onexecute });
    this.issue(query);
    return query;
  };

  private issue(query: Promise<unknown>) {
    if (this.issued.length >= LONG_TRANSACTION) this.forgetSettled();
    this.issued.push(query as unknown as QueryInternals);
  }

  /**
   * A long transaction (an import, a sync) would keep every statement and its rows: the
   * connection answers in order, so all statements before the one running have settled.
   */
  private forgetSettled() {
    for (let i = this.issued.length - 1; i > 0; i--) {
      if (this.issued[i].active) {
        this.issued.splice(0, i);
        return;
      }
    }
  }

  release() {
    if (this.lost) return;
    if (this.pooled) this.pooled.onclose = null;
    this.conn.release();
  }
}

/** Statements a transaction keeps before it forgets those that have settled. */
const LONG_TRANSACTION = 64;

/** Reserves a connection, giving up after `ms` (one reserved later is released at once). */
function reserveWithin(client: postgres.Sql, ms: number, deadlines: Deadlines): Promise<postgres.ReservedSql> {
  const pending = client.reserve();
  return new Promise((resolve, reject) => {
    const wait = {
      at: performance.now() + ms,
      expire() {
        reject(poolTimeout(ms));
        pending.then(
          (conn) => conn.release(),
          () => {},
        );
      },
    };
    deadlines.add(wait);
    pending.then(
      (conn) => {
        deadlines.delete(wait);
        resolve(conn);
      },
      (err) => {
        deadlines.delete(wait);
        reject(err);
      },
    );
  });
}

/** How a postgres.js database bounds waits for a connection. */
interface Guards {
  acquireMs: number;
  use: PoolUse;
  deadlines: Deadlines;
}

/** A transaction on a guarded reserved connection, BEGIN pipelined with the first statements. */
async function guardedTransaction<T>(client: postgres.Sql, guards: Guards, body: (sql: SessionClient) => Promise<T>): Promise<T> {
  const { use } = guards;
  use.waiting++;
  const link = new GuardedConnection(await reserveWithin(client, guards.acquireMs, guards.deadlines).finally(() => use.waiting--));
  use.inUse++;
  try {
    // Queued first on the reserved connection; a failure shows in the statements after it.
    link.unsafe('begin').catch(() => {});
    let result: T;
    try {
      result = await body(link.client);
    } catch (err) {
      await link.unsafe('rollback').catch(() => {});
      throw err;
    }
    // A statement that failed and was caught inside `body` leaves the transaction aborted:
    // COMMIT then answers ROLLBACK, which must not pass for success.
    const done = (await link.unsafe('commit')) as { command: string };
    if (done.command !== 'COMMIT') throw new Error(`transaction ended with ${done.command}: a statement in it failed`);
    return result;
  } finally {
    use.inUse--;
    link.release();
  }
}

function pipelinedRunner(client: postgres.Sql, db: Db, guards: Guards): TransactionRunner {
  const { dialect, session } = db as unknown as { dialect: ConstructorParameters<typeof PostgresJsSession>[1]; session: { options: never } };
  return (fn) =>
    guardedTransaction(client, guards, (conn) =>
      fn(new PostgresJsTransaction(dialect, new PostgresJsSession(conn as never, dialect, undefined, session.options), undefined) as unknown as Tx),
    );
}

/**
 * The client drizzle is given: every query fails (503) rather than wait more than
 * `acquireMs` for its turn on a connection, and `db.transaction` runs on the same guarded
 * reserved connection as `runTransaction` (postgres.js's own `begin` has the dead-socket
 * flaw described at GuardedConnection).
 */
function boundedClient(client: postgres.Sql, guards: Guards): postgres.Sql {
  const unsafe: Unsafe = (text, params, options) => boundWait((client.unsafe as unknown as Unsafe)(text, params, options), guards.acquireMs, guards.deadlines);
  const begin = (...args: unknown[]) => {
    const fn = args.at(-1) as (sql: SessionClient) => unknown;
    if (args.length > 1) throw new Error('transaction options are not supported here');
    return guardedTransaction(client, guards, async (sql) => {
      const x = fn(sql);
      return Array.isArray(x) ? Promise.all(x) : x;
    });
  };
  return new Proxy(client, {
    get: (target, prop, receiver) => (prop === 'unsafe' ? unsafe : prop === 'begin' ? begin : Reflect.get(target, prop, receiver)),
  });
}

/** Raw postgres.js clients and their guards, by drizzle database: for `cursorBatches`. */
const cursorClients = new WeakMap<Db, { client: postgres.Sql; guards: Guards }>();

/** Names the server-side cursor of `cursorBatches` (one per connection at a time). */
const CURSOR = 'fastcheck_rows';
/** How long a `cursorBatches` reader may pause between batches before Postgres ends its session. */
export const CURSOR_STALL_MS = 120_000;

/**
 * Reads a long query through a server-side cursor on postgres.js: DECLARE in a read-only
 * transaction of its own connection (so the rows are one snapshot, planned and filtered once),
 * then FETCH `batch` rows at a time; each FETCH is its own statement, so a slow reader does not
 * run into the statement timeout. Yields the rows of each batch; undefined on PGlite (which
 * serves one connection: a long transaction there would hold up every other request).
 */
export function cursorBatches<T = Record<string, unknown>>(
  on: DbOrTx,
  query: SQL,
  batch: number,
  options: { stallMs?: number } = {},
): AsyncGenerator<T[]> | undefined {
  const raw = cursorClients.get(on as Db);
  if (!raw) return undefined;
  const { dialect } = on as unknown as DrizzleInternals;
  const q = dialect.sqlToQuery(query);
  return (async function* () {
    const { client, guards } = raw;
    guards.use.waiting++;
    const link = new GuardedConnection(await reserveWithin(client, guards.acquireMs, guards.deadlines).finally(() => guards.use.waiting--));
    guards.use.inUse++;
    let open = false;
    try {
      link.unsafe('begin read only').catch(() => {});
      open = true;
      // A reader that stops reading (a stalled download) must not hold the snapshot and the
      // connection for ever: Postgres ends the session once it idles that long between fetches.
      link.unsafe(`set local idle_in_transaction_session_timeout = ${Math.max(1, Math.round(options.stallMs ?? CURSOR_STALL_MS))}`).catch(() => {});
      await link.unsafe(`declare ${CURSOR} no scroll cursor for ${q.sql}`, q.params, { prepare: false });
      for (;;) {
        const rows = (await link.unsafe(`fetch ${batch} from ${CURSOR}`, [], { prepare: false })) as unknown as T[];
        if (rows.length > 0) yield rows;
        if (rows.length < batch) break;
      }
      open = false;
      await link.unsafe('commit');
    } finally {
      // Ended early (the download was dropped) or failed: the cursor goes with the transaction.
      if (open) await link.unsafe('rollback').catch(() => {});
      guards.use.inUse--;
      link.release();
    }
  })();
}

function baseDatabase(kind: Database['kind'], db: Db): Pick<Database, 'kind' | 'db' | 'query' | 'notify'> {
  return {
    kind,
    db,
    async query<T>(query: SQL, on: DbOrTx = db) {
      return resultRows<T>(await on.execute(query));
    },
    async notify(channel, payload) {
      await db.execute(sql`select pg_notify(${channel}, ${payload})`);
    },
  };
}

/** A request gives up on a connection after this long (503), before a phone's own timeout. */
export const DEFAULT_ACQUIRE_TIMEOUT_MS = 5_000;

export function openPostgres(options: PostgresOptions): Database {
  const client = postgres(options.url, {
    max: options.max ?? 20,
    prepare: !options.pgbouncer,
    onnotice: () => {},
    // Large check-in and import batches must not stall on idle timeouts.
    idle_timeout: 30,
    // A dead or unreachable database fails a call within seconds instead of hanging it.
    connect_timeout: 5,
    // pgBouncer refuses a statement_timeout start-up parameter ("unsupported startup
    // parameter"): behind it the limit is pgBouncer's query_timeout (deploy/pgbouncer.ini).
    connection: options.pgbouncer ? { application_name: 'fastcheck' } : { application_name: 'fastcheck', statement_timeout: 30_000 },
  });
  const acquireMs = options.acquireTimeoutMs ?? DEFAULT_ACQUIRE_TIMEOUT_MS;
  const use: PoolUse = { max: options.max ?? 20, inUse: 0, waiting: 0 };
  const guards: Guards = { acquireMs, use, deadlines: new Deadlines(Math.max(10, Math.min(250, acquireMs / 10))) };
  const db = drizzlePostgres(boundedClient(client, guards)) as unknown as Db;
  namedStatements.set((db as unknown as DrizzleInternals).dialect, !options.pgbouncer);
  poolUses.set(db, use);
  cursorClients.set(db, { client, guards });
  pipelinedRunners.set(db, pipelinedRunner(client, db, guards));
  // LISTEN through a transaction-mode pgBouncer hears nothing: without a direct URL there,
  // subscriptions are accepted and stay silent (this instance's own changes still reach its
  // subscribers over the in-process bus).
  const listenUrl = options.directUrl ?? (options.pgbouncer ? undefined : options.url);
  const listener = listenUrl ? createListener(listenUrl) : undefined;
  return {
    ...baseDatabase('postgres', db),
    async listen(channel, onPayload, hooks) {
      if (!listener) return async () => {};
      return listener.listen(channel, onPayload, hooks);
    },
    async close() {
      await Promise.all([listener?.close(), client.end({ timeout: 5 })]);
    },
  };
}

export interface PgliteOptions {
  /** A data-dir dump to start from. */
  loadDataDir?: Blob;
  /** Run PGlite in a worker thread (default) so it never blocks the HTTP event loop; false = on this thread. */
  inWorker?: boolean;
  /** Worker mode: called when the worker dies unexpectedly (the server logs and exits). */
  onWorkerExit?: (err: Error) => void;
}

/** Embedded Postgres. `dataDir` undefined = in memory (tests). */
export async function openPglite(dataDir?: string, options: PgliteOptions = {}): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  if (options.inWorker !== false) {
    const client = await startPgliteWorker({ dataDir, loadDataDir: options.loadDataDir, onExit: options.onWorkerExit });
    const db = drizzlePglite(client as unknown as PGlite) as unknown as Db;
    return {
      ...baseDatabase('pglite', db),
      listen: (channel, onPayload) => client.listen(channel, onPayload),
      close: () => client.close(),
      // Exposed for tests (to stop the thread).
      ...({ pgliteWorker: client.worker } as object),
    };
  }
  // pg_trgm: the audit's text search indexes (drizzle/0010); the worker loads it too.
  const client = await PGlite.create(dataDir, { extensions: { pg_trgm }, ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) });
  const db = drizzlePglite(client) as unknown as Db;
  return {
    ...baseDatabase('pglite', db),
    async listen(channel, onPayload) {
      return client.listen(channel, onPayload);
    },
    async close() {
      await client.close();
    },
    // Exposed for test template dumps.
    ...({ pglite: client } as object),
  };
}
