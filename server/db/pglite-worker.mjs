// The worker thread that owns the embedded PGlite database (see pglite-worker-client.ts),
// so Postgres running in WASM never blocks the server's HTTP event loop. It answers
// {id, op, …} messages with {id, ok, result | error}; transactions are PGlite's own
// (`pg.transaction`), held open until the main thread ends them by id; notifications are
// forwarded as {type: 'notification', sub, payload}. Plain JS: no loader needed in a worker.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { parentPort, workerData } from 'node:worker_threads';

const port = parentPort;
const identity = (value) => value;

/** An error as plain data: message, name, stack and its primitive own fields (code, detail, …). */
function plainError(err) {
  const out = { message: String(err?.message ?? err), name: err?.name ?? 'Error', stack: err?.stack };
  if (err && typeof err === 'object') {
    for (const [key, value] of Object.entries(err)) {
      if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) out[key] = value;
    }
  }
  return out;
}

/** Query options that cross the thread boundary; parsers the main thread applies come back as text. */
function queryOptions(m) {
  const options = {};
  if (m.rowMode) options.rowMode = m.rowMode;
  if (m.paramTypes) options.paramTypes = m.paramTypes;
  if (m.rawOids?.length) options.parsers = Object.fromEntries(m.rawOids.map((oid) => [oid, identity]));
  if (m.blob) options.blob = m.blob;
  return options;
}

let pg;
try {
  const { dataDir, loadDataDir } = workerData;
  // pg_trgm: the audit's text search indexes (drizzle/0010).
  pg = await PGlite.create(dataDir, { extensions: { pg_trgm }, ...(loadDataDir ? { loadDataDir } : {}) });
} catch (err) {
  port.postMessage({ type: 'init-error', error: plainError(err) });
  process.exit(1);
}

/** Open transactions by id: the PGlite transaction object and how to end it. */
const transactions = new Map();
/** What `end` without commit rejects a transaction's callback with, so PGlite rolls it back. */
const ROLLED_BACK = new Error('rolled back on request');
/** Live subscriptions by the main thread's id: their unlisten functions. */
const subscriptions = new Map();

/** The PGlite handle a statement runs on: the database, or its open transaction once BEGIN is done. */
async function target(m) {
  if (m.tx === undefined) return pg;
  return (await openTransaction(m.tx)).tx;
}

async function openTransaction(id) {
  const t = transactions.get(id);
  if (!t) throw new Error(`PGlite worker: transaction ${id} is not open`);
  await t.ready;
  return t;
}

/**
 * Opens transaction `m.tx` (the id is the main thread's, so its statements can follow
 * without waiting for this answer): PGlite's own transaction, held open until `end`.
 */
function begin(m) {
  const t = {};
  transactions.set(m.tx, t);
  t.ready = new Promise((opened, failed) => {
    t.settled = pg.transaction(
      (tx) =>
        new Promise((commit, rollback) => {
          Object.assign(t, { tx, commit, rollback });
          opened();
        }),
    );
    // `failed` only matters when BEGIN itself failed; `end` reports the outcome otherwise.
    t.settled.catch(failed).finally(() => transactions.delete(m.tx));
  });
  return t.ready.then(() => null);
}

async function end(m) {
  const t = await openTransaction(m.tx);
  if (m.commit) t.commit();
  else t.rollback(ROLLED_BACK);
  try {
    await t.settled;
  } catch (err) {
    if (err !== ROLLED_BACK) throw err;
  }
  return null;
}

const handlers = {
  query: async (m) => (await target(m)).query(m.text, m.params, queryOptions(m)),
  exec: async (m) => (await target(m)).exec(m.text),
  begin,
  end,
  async listen(m) {
    const unlisten = await pg.listen(m.channel, (payload) => port.postMessage({ type: 'notification', sub: m.sub, payload }));
    subscriptions.set(m.sub, unlisten);
    return null;
  },
  async unlisten(m) {
    const unlisten = subscriptions.get(m.sub);
    subscriptions.delete(m.sub);
    await unlisten?.();
    return null;
  },
  async close() {
    await pg.close();
    return null;
  },
};

port.on('message', async (m) => {
  try {
    const handler = handlers[m.op];
    if (!handler) throw new Error(`PGlite worker: unknown operation ${m.op}`);
    port.postMessage({ id: m.id, ok: true, result: await handler(m) });
  } catch (err) {
    port.postMessage({ id: m.id, ok: false, error: plainError(err) });
  }
});
port.postMessage({ type: 'ready' });
