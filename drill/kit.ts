// Shared parts of the drills: HTTP over real sockets (with a network that can drop a request
// before it leaves or its answer after the server did the work), simulated phones that keep
// an outbox and retry with the same scan ids as real phones, and the audit-log checks.
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { sql } from 'drizzle-orm';
import type { Database } from '../server/db/client.ts';
import type { BatchScan, ScansBatchResponse } from '../shared/protocol/scans-batch.ts';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface Reply {
  status: number;
  body: string;
}

/** Thrown when the request or its answer was lost on the way. */
export class NetworkDrop extends Error {}

export interface Net {
  send(method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<Reply>;
}

/**
 * One request to 127.0.0.1:`port` over `agent`; with `loseAnswer`, the server does the work
 * and the answer is thrown away on the way back (a NetworkDrop).
 */
function sendOnce(port: number, agent: Agent, loseAnswer: boolean, ...[method, path, headers, body]: Parameters<Net['send']>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent }, (res) => {
      if (loseAnswer) {
        res.destroy();
        return reject(new NetworkDrop('answer lost'));
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', (e) => reject(new NetworkDrop(e.message)));
    });
    req.on('error', (e) => reject(new NetworkDrop(e.message)));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A plain keep-alive HTTP client to 127.0.0.1:`port()` (the port can change across restarts). */
export function httpNet(port: () => number, agent = new Agent({ keepAlive: true, maxSockets: 4 })): Net & { agent: Agent } {
  return { agent, send: (...args) => sendOnce(port(), agent, false, ...args) };
}

export interface Flakiness {
  /** Share of requests lost before they reach the server. */
  dropBefore: number;
  /** Share of requests the server handles whose answer never reaches the phone. */
  dropAfter: number;
}

/** A phone's network with random drops: lost requests, and answers lost after the work was done. */
export function flakyNet(port: () => number, flakiness: Flakiness, random = Math.random): Net & { drops: { before: number; after: number } } {
  const drops = { before: 0, after: 0 };
  const agent = new Agent({ keepAlive: false });
  return {
    drops,
    send: (...args) => {
      if (random() < flakiness.dropBefore) {
        drops.before++;
        return Promise.reject(new NetworkDrop('dropped before sending'));
      }
      const loseAnswer = random() < flakiness.dropAfter;
      if (loseAnswer) drops.after++;
      return sendOnce(port(), agent, loseAnswer, ...args);
    },
  };
}

export interface PhoneCounters {
  scans: number;
  onlineAnswered: number;
  uploadsAnswered: number;
  failedCalls: number;
  byStatus: Record<string, number>;
  itemErrors: number;
}

/**
 * A door phone as the protocol sees it: an online check-in first; when that fails (network or
 * 503) the scan is decided locally and kept in the outbox under the SAME scan id, then uploaded
 * in batches until the server answers each one. Only an answered scan leaves the outbox.
 */
export class SimPhone {
  readonly outbox = new Map<string, BatchScan>();
  readonly scanIds: string[] = [];
  /** Upload calls sent and not yet answered (or failed). */
  uploadsInFlight = 0;
  readonly counters: PhoneCounters = { scans: 0, onlineAnswered: 0, uploadsAnswered: 0, failedCalls: 0, byStatus: {}, itemErrors: 0 };
  private readonly headers: Record<string, string>;

  constructor(
    readonly net: Net,
    token: string,
    readonly batchSize = 50,
  ) {
    this.headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  }

  private count(status: number | 'network') {
    this.counters.byStatus[status] = (this.counters.byStatus[status] ?? 0) + 1;
    if (status === 'network' || status >= 500) this.counters.failedCalls++;
  }

  private newScan(ticketCode: string): BatchScan {
    const scan: BatchScan = { scan_id: randomUUID(), ticket_code: ticketCode, scanned_at: new Date().toISOString(), direction: 'in' };
    this.scanIds.push(scan.scan_id);
    this.counters.scans++;
    return scan;
  }

  /** A scan taken while the phone knows it is offline: straight into the outbox. */
  scanOffline(ticketCode: string) {
    const scan = this.newScan(ticketCode);
    this.outbox.set(scan.scan_id, { ...scan, offline: true, local_verdict: 'accepted' });
  }

  /** An online scan; on any failure it goes to the outbox under the same scan id. */
  async scanOnline(ticketCode: string) {
    const scan = this.newScan(ticketCode);
    try {
      const res = await this.net.send('POST', '/api/v1/check-in', this.headers, JSON.stringify(scan));
      this.count(res.status);
      if (res.status === 200) {
        this.counters.onlineAnswered++;
        return;
      }
    } catch (err) {
      if (!(err instanceof NetworkDrop)) throw err;
      this.count('network');
    }
    this.outbox.set(scan.scan_id, { ...scan, offline: true, local_verdict: 'accepted' });
  }

  /** Uploads the oldest batch once; true when the server answered it. */
  async uploadOnce(): Promise<boolean> {
    const batch = [...this.outbox.values()].slice(0, this.batchSize);
    if (batch.length === 0) return true;
    this.uploadsInFlight++;
    try {
      const res = await this.net.send('POST', '/api/v1/mobile/scans', this.headers, JSON.stringify({ scans: batch, sent_at: new Date().toISOString() }));
      this.count(res.status);
      if (res.status !== 200) return false;
      const { data } = JSON.parse(res.body) as { data: ScansBatchResponse };
      for (const r of data.results) {
        if (!r.scan_id) continue;
        if ('error' in r) this.counters.itemErrors++;
        else this.counters.uploadsAnswered++;
        this.outbox.delete(r.scan_id);
      }
      return true;
    } catch (err) {
      if (!(err instanceof NetworkDrop)) throw err;
      this.count('network');
      return false;
    } finally {
      this.uploadsInFlight--;
    }
  }

  /** Uploads until the outbox is empty, backing off after each failure (as the phone's sync does). */
  async drain(stop: () => boolean = () => false) {
    let backoff = 50;
    while (this.outbox.size > 0 && !stop()) {
      if (await this.uploadOnce()) backoff = 50;
      else {
        await sleep(backoff * (0.5 + Math.random()));
        backoff = Math.min(backoff * 2, 1000);
      }
    }
  }
}

export function addStatuses(into: Record<string, number>, from: Record<string, number>) {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
  return into;
}

export interface AuditFigures {
  scans: number;
  rows: number;
  /** Scans a phone took that are not in the audit log. */
  lost: number;
  /** Scan ids in the audit log more than once, plus rows no phone took. */
  doubled: number;
  /** Attendees admitted more often than their ticket allows. */
  overAdmitted: number;
}

/** Every scan a phone took is in the audit log exactly once; no ticket over its allowance. */
export async function auditFigures(database: Database, eventId: string, scanIds: string[]): Promise<AuditFigures> {
  const rows = await database.query<{ scan_id: string; n: number }>(
    sql`select scan_id::text, count(*)::int as n from check_ins where event_id = ${eventId} and kind = 'scan' group by scan_id`,
  );
  const seen = new Map(rows.map((r) => [r.scan_id, r.n]));
  const taken = new Set(scanIds);
  let lost = 0;
  for (const id of taken) if (!seen.has(id)) lost++;
  let doubled = 0;
  for (const [id, n] of seen) doubled += taken.has(id) ? n - 1 : n;
  const [over] = await database.query<{ n: number }>(
    sql`select count(*)::int as n from attendees where event_id = ${eventId} and checkins_allowed > 0 and checkins_used > checkins_allowed`,
  );
  return { scans: taken.size, rows: [...seen.values()].reduce((a, b) => a + b, 0), lost, doubled, overAdmitted: over.n };
}

export const auditLine = (a: AuditFigures) =>
  `audit: ${a.scans} scans taken, ${a.rows} rows; lost ${a.lost}, doubled ${a.doubled}, over-admitted ${a.overAdmitted}`;

/** Row counts of every table in the public schema. */
export async function tableCounts(database: Database): Promise<Record<string, number>> {
  const tables = await database.query<{ name: string }>(sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`);
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [r] = await database.query<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(name)}`);
    counts[name] = r.n;
  }
  return counts;
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
