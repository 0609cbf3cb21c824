// The metrics move with real traffic: an online check-in and a phone upload through the
// real routes, a phone's SSE stream, a Tickera sync that fails, a write-back row, all read
// back over HTTP from the metrics listener, on Postgres and on PGlite.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { newScanId, postJson, seedEvent, signIn, type Phone, type SeededEvent } from '../checkin/test-fixtures.ts';
import { fakeClock } from '../clock.ts';
import { openPostgres } from '../db/client.ts';
import { events, tickeraOutbox } from '../db/schema.ts';
import { closeSharedRedis } from '../http/rate-limit.ts';
import { startSync } from '../tickera/sync.ts';
import { makeTestDeps } from '../test/app.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';
import { freePort } from '../test/free-port.ts';
import { until } from '../test/until.ts';
import { startMetricsListener } from './metrics-listener.ts';
import { createMetrics, type Metrics } from './registry.ts';

afterAll(closeSharedRedis);

/** The value of one sample line (`name{labels} value`), 0 when the series is absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe.each(dbKinds)('metrics over %s', (kind) => {
  const t = useTestDatabase(kind);
  const clock = fakeClock('2026-07-10T19:10:00Z');
  let metrics: Metrics;
  let listener: Server;
  let port: number;
  let app: ReturnType<typeof createApp>;
  let seed: SeededEvent;
  let phone: Phone;
  let deps: ReturnType<typeof makeTestDeps>;
  const scrape = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    return res.text();
  };

  beforeAll(async () => {
    deps = makeTestDeps(t().database, { clock });
    metrics = createMetrics(deps.bus, deps.database);
    deps.services = { ...deps.services, requestMetrics: metrics.middleware };
    app = createApp(deps);
    port = await freePort();
    listener = startMetricsListener(metrics, port, deps.logger);
    await once(listener, 'listening');
    seed = await seedEvent(t().database);
    phone = await signIn(app, seed.eventId, seed.door, 'Door 1');
  });
  afterAll(async () => {
    metrics?.stop();
    listener?.close();
  });

  it('counts online check-ins and uploads by verdict, upload batches and scans, and how late uploaded scans arrive', async () => {
    const before = await scrape();
    const code = seed.codes[0];
    for (const expected of ['accepted', 'already_checked_in']) {
      const res = await postJson(app, '/api/v1/check-in', phone, { scan_id: newScanId(), ticket_code: code, entrance_id: seed.main });
      expect((await res.json()).data.verdict).toBe(expected);
    }
    // Scanned offline ten minutes ago, uploaded now: one admission and one unknown ticket.
    const batch = {
      sent_at: '2026-07-10T19:10:00Z',
      scans: [
        {
          scan_id: newScanId(),
          ticket_code: seed.codes[1],
          scanned_at: '2026-07-10T19:00:00Z',
          direction: 'in',
          local_verdict: 'accepted',
          offline: true,
          entrance_id: seed.main,
        },
        { scan_id: newScanId(), ticket_code: 'NO-SUCH-TICKET', scanned_at: '2026-07-10T19:00:00Z', direction: 'in', offline: true, entrance_id: seed.main },
      ],
    };
    expect((await postJson(app, '/api/v1/mobile/scans', phone, batch)).status).toBe(200);
    // The phone did not hear the answer and sends the same batch again: a second upload, no new check-ins.
    expect((await postJson(app, '/api/v1/check-in/batch', phone, batch)).status).toBe(200);

    const after = await scrape();
    const moved = (series: string) => sample(after, series) - sample(before, series);
    expect(moved('fastcheck_checkins_total{source="online",verdict="accepted"}')).toBe(1);
    expect(moved('fastcheck_checkins_total{source="online",verdict="already_checked_in"}')).toBe(1);
    expect(moved('fastcheck_checkins_total{source="upload",verdict="accepted"}')).toBe(1);
    expect(moved('fastcheck_checkins_total{source="upload",verdict="unknown_ticket"}')).toBe(1);
    expect(moved('fastcheck_checkins_accepted_total')).toBe(2);
    expect(moved('fastcheck_scan_uploads_total')).toBe(2);
    expect(moved('fastcheck_scan_upload_scans_total')).toBe(4);
    // 600 s in the outbox: in the 600 s bucket, not in the 300 s one (two fresh scans, repeats not counted).
    expect(moved('fastcheck_scan_upload_delay_seconds_count')).toBe(2);
    expect(moved('fastcheck_scan_upload_delay_seconds_bucket{le="300"}')).toBe(0);
    expect(moved('fastcheck_scan_upload_delay_seconds_bucket{le="600"}')).toBe(2);
    expect(moved('fastcheck_http_request_duration_seconds_count{method="POST",route="/api/v1/check-in",status="200"}')).toBe(2);
    expect(sample(after, 'fastcheck_database_up')).toBe(1);
    if (kind === 'postgres') {
      expect(sample(after, 'fastcheck_db_pool_max')).toBeGreaterThan(0);
      expect(after).toContain('fastcheck_db_pool_in_use ');
      expect(after).toContain('fastcheck_db_pool_waiting ');
    } else {
      expect(after).not.toContain('fastcheck_db_pool_max ');
    }
  });

  it('reads the Tickera write-back queue at scrape time', async () => {
    const before = sample(await scrape(), 'fastcheck_tickera_writeback_queue{state="pending"}');
    await t()
      .database.db.insert(tickeraOutbox)
      .values({ eventId: seed.eventId, scanId: newScanId(), ticketCode: seed.codes[2], scannedAt: new Date(), createdAt: new Date(Date.now() - 120_000) });
    const text = await scrape();
    expect(sample(text, 'fastcheck_tickera_writeback_queue{state="pending"}')).toBe(before + 1);
    expect(sample(text, 'fastcheck_tickera_writeback_oldest_pending_seconds')).toBeGreaterThanOrEqual(119);
  });

  it('counts sync runs by result', async () => {
    const before = sample(await scrape(), 'fastcheck_tickera_sync_runs_total{result="failed"}');
    // A key that cannot be decrypted: the run fails before any request goes out.
    await t().database.db.update(events).set({ tickeraSiteUrl: 'http://127.0.0.1:9', tickeraApiKeyEnc: 'not-a-key' }).where(eq(events.id, seed.eventId));
    const { done } = await startSync(deps, seed.eventId);
    expect((await done).status).toBe('failed');
    expect(sample(await scrape(), 'fastcheck_tickera_sync_runs_total{result="failed"}')).toBe(before + 1);
  });

  it('counts SSE clients while they are connected', async () => {
    const series = 'fastcheck_sse_clients{stream="phone-events"}';
    expect(sample(await scrape(), series)).toBe(0);
    const res = await app.request('/api/v1/mobile/events-stream', { headers: phone.auth });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read(); // the `ready` event: the stream is open
    expect(sample(await scrape(), series)).toBe(1);
    await reader.cancel();
    await until(scrape, (text) => sample(text, series) === 0);
  });
});

it('reports the database down when the scrape query fails, without hanging', async () => {
  const unreachable = openPostgres({ url: `postgres://127.0.0.1:${await freePort()}/none`, max: 1 });
  const deps = makeTestDeps(unreachable);
  const metrics = createMetrics(deps.bus, unreachable);
  try {
    const text = await metrics.scrape();
    expect(sample(text, 'fastcheck_database_up')).toBe(0);
    expect(text).not.toContain('fastcheck_tickera_writeback_queue{');
    expect(text).toContain('process_resident_memory_bytes');
  } finally {
    metrics.stop();
    await unreachable.close();
  }
});

it('exports every metric the shipped alert rules use', async () => {
  const rules = readFileSync(new URL('../../deploy/prometheus-alerts.yml', import.meta.url), 'utf8');
  const used = new Set([...rules.matchAll(/\bfastcheck_[a-z_]+/g)].map((m) => m[0].replace(/_(bucket|count|sum)$/, '')));
  expect(used.size).toBeGreaterThan(3);
  const database = openPostgres({ url: `postgres://127.0.0.1:${await freePort()}/none`, max: 1 });
  const metrics = createMetrics(makeTestDeps(database).bus, database);
  try {
    const exported = new Set((await metrics.registry.getMetricsAsJSON()).map((m) => m.name));
    expect([...used].filter((name) => !exported.has(name))).toEqual([]);
  } finally {
    metrics.stop();
    await database.close();
  }
});
