// The main thread's side of the PGlite worker (pglite-worker.mjs): a client with the part of
// PGlite's API that drizzle's PGlite driver, the migrator and client.ts use (query, exec,
// transaction, listen, close), each call a message to the worker. Postgres itself runs in
// the worker, so a busy database never stalls the HTTP event loop.
import type { QueryOptions, Results, Transaction } from '@electric-sql/pglite';
import { Worker } from 'node:worker_threads';

export interface PgliteWorkerOptions {
  /** undefined = in memory. */
  dataDir?: string;
  loadDataDir?: Blob;
  /** Called once when the worker dies without `close()` (a WASM abort, out of memory, a bug). */
  onExit?: (err: Error) => void;
}

/** What the worker-backed client offers: PGlite's shape, as far as this project uses it. */
export interface PgliteWorkerClient {
  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(text: string): Promise<Results[]>;
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** The thread itself, for tests (e.g. to kill it). */
  readonly worker: Worker;
}

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: Record<string, unknown> & { message: string; stack?: string };
}
type Event = { type: 'ready' } | { type: 'init-error'; error: Reply['error'] } | { type: 'notification'; sub: number; payload: string };

/** The worker's plain-data error back as an Error carrying the same fields (code, detail, …). */
function revive(plain: NonNullable<Reply['error']>): Error {
  const err = new Error(plain.message);
  Object.assign(err, plain);
  return err;
}

/** Parsers are functions and cannot cross threads: the worker leaves those types as text, they run here. */
function applyParsers(result: Results<unknown>, parsers: NonNullable<QueryOptions['parsers']>, rowMode: QueryOptions['rowMode']): void {
  const fields = (result as { fields?: { name: string; dataTypeID: number }[] }).fields ?? [];
  fields.forEach((field, i) => {
    const parse = parsers[field.dataTypeID];
    if (!parse) return;
    const key = rowMode === 'array' ? i : field.name;
    for (const row of result.rows as Record<string | number, unknown>[]) {
      const value = row[key];
      if (value !== null && value !== undefined) row[key] = (parse as (v: unknown, oid: number) => unknown)(value, field.dataTypeID);
    }
  });
}

export function startPgliteWorker(options: PgliteWorkerOptions = {}): Promise<PgliteWorkerClient> {
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
    workerData: { dataDir: options.dataDir, loadDataDir: options.loadDataDir },
  });
  const pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  const subscriptions = new Map<number, (payload: string) => void>();
  let nextId = 1;
  let nextSub = 1;
  let nextTx = 1;
  let ready = false;
  let closing = false;
  let dead: Error | undefined;
  let crash: Error | undefined;
  let settleStart: { resolve(): void; reject(err: Error): void } | undefined;

  function call<T>(message: Record<string, unknown>): Promise<T> {
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      // Held only while a call is waiting: an idle database keeps no process alive (as in-thread PGlite).
      if (pending.size === 1) worker.ref();
      worker.postMessage({ ...message, id });
    });
  }

  worker.on('message', (m: Reply | Event) => {
    if ('type' in m) {
      if (m.type === 'notification') subscriptions.get(m.sub)?.(m.payload);
      else if (m.type === 'ready') {
        ready = true;
        settleStart?.resolve();
      } else settleStart?.reject(revive(m.error!));
      return;
    }
    const waiting = pending.get(m.id);
    if (!waiting) return;
    pending.delete(m.id);
    if (pending.size === 0 && ready) worker.unref();
    if (m.ok) waiting.resolve(m.result);
    else waiting.reject(revive(m.error!));
  });
  worker.on('error', (err) => {
    crash = err;
  });
  worker.on('exit', (code) => {
    const err = Object.assign(
      new Error(closing ? 'the PGlite database is closed' : `the PGlite worker stopped (exit code ${code})${crash ? `: ${crash.message}` : ''}`),
      {
        // Read as "database unavailable" (503) by the routes, like a lost Postgres connection.
        code: 'CONNECTION_ENDED',
        cause: crash,
      },
    );
    dead = err;
    for (const waiting of pending.values()) waiting.reject(err);
    pending.clear();
    if (!ready) settleStart?.reject(crash ?? err);
    else if (!closing) options.onExit?.(err);
  });

  async function query<T>(text: string, params: unknown[] = [], queryOptions: QueryOptions = {}, tx?: number): Promise<Results<T>> {
    const { rowMode, parsers, paramTypes, serializers, blob } = queryOptions;
    if (serializers) throw new Error('PGlite worker: query serializers are not supported');
    const rawOids = parsers ? Object.keys(parsers).map(Number) : undefined;
    // A Blob (COPY … FROM '/dev/blob') is cloned to the worker like any message data.
    const result = await call<Results<T>>({ op: 'query', text, params, rowMode, paramTypes, rawOids, tx, blob });
    if (parsers) applyParsers(result as Results<unknown>, parsers, rowMode);
    return result;
  }

  async function transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    // BEGIN is not awaited on its own: the transaction's first statement follows it in the
    // same queue (one round trip less); a failed BEGIN fails those statements.
    const id = nextTx++;
    const beginFailure = call({ op: 'begin', tx: id }).then(
      () => undefined,
      (err: unknown) => err,
    );
    let closed = false;
    const end = async (commit: boolean) => {
      if (closed) return;
      closed = true;
      await call({ op: 'end', tx: id, commit });
    };
    const tx: Transaction = {
      query: (text, params, queryOptions) => query(text, params, queryOptions, id),
      sql: () => Promise.reject(new Error('PGlite worker: tx.sql is not supported; use tx.query')),
      exec: (text) => call({ op: 'exec', text, tx: id }),
      rollback: () => end(false),
      listen: () => Promise.reject(new Error('PGlite worker: listen inside a transaction is not supported')),
      get closed() {
        return closed;
      },
    };
    let result: T;
    try {
      result = await fn(tx);
    } catch (err) {
      await end(false).catch(() => {});
      // A failed BEGIN is the cause, not what the statements after it said.
      throw (await beginFailure) ?? err;
    }
    const failed = await beginFailure;
    if (failed) throw failed;
    await end(true);
    return result;
  }

  const client: PgliteWorkerClient = {
    worker,
    query: (text, params, queryOptions) => query(text, params, queryOptions),
    exec: (text) => call({ op: 'exec', text }),
    transaction,
    async listen(channel, onPayload) {
      const sub = nextSub++;
      subscriptions.set(sub, onPayload);
      try {
        await call({ op: 'listen', channel, sub });
      } catch (err) {
        subscriptions.delete(sub);
        throw err;
      }
      return async () => {
        subscriptions.delete(sub);
        if (!dead) await call({ op: 'unlisten', sub });
      };
    },
    async close() {
      if (dead || closing) return;
      closing = true;
      try {
        await call({ op: 'close' });
      } finally {
        await worker.terminate();
      }
    },
  };

  return new Promise<PgliteWorkerClient>((resolve, reject) => {
    settleStart = { resolve: () => resolve(client), reject };
  }).then((c) => {
    if (pending.size === 0) worker.unref();
    return c;
  });
}
