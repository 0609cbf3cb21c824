// The live tile "Conflicts to review" is the inbox's Open count: resolving a case lowers it,
// reopening raises it, a void (evidence in a case, not its end) changes neither, and the
// stats stream follows each resolve / reopen without waiting for a check-in.
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxPageSchema, MAX_INBOX_LIMIT } from '../../shared/protocol/conflict-inbox.ts';
import { eventStatsSchema } from '../../shared/protocol/stats.ts';
import type { AppEnv } from '../app-env.ts';
import { offlineScan, postJson, seedEvent, signIn as phoneSignIn, type Phone, type SeededEvent } from '../checkin/test-fixtures.ts';
import { closeSharedRedis } from '../http/rate-limit.ts';
import { consoleRequest, dataOf, makeUser, signIn } from '../organiser/console-test-kit.ts';
import { makeTestApp, testConfig } from '../test/app.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';
import { readStats, type StatsReader } from './sse-reader.ts';

afterAll(closeSharedRedis);

describe.each(dbKinds)('the conflicts tile and the inbox over %s', (kind) => {
  const t = useTestDatabase(kind);
  let app: Hono<AppEnv>;
  let seed: SeededEvent;
  let admin: string;
  let stream: StatsReader;
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

  async function upload(phone: Phone, code: string, at: string, localVerdict = 'accepted') {
    const scan = offlineScan(code, at, { entrance_id: seed.main, local_verdict: localVerdict });
    const res = await postJson(app, '/api/v1/mobile/scans', phone, { sent_at: new Date().toISOString(), scans: [scan] });
    expect(res.status).toBe(200);
    return { scanId: scan.scan_id, verdict: (await res.json()).data.results[0].verdict as string };
  }

  const tile = async () => eventStatsSchema.parse(await dataOf(await consoleRequest(app, admin, 'GET', `/api/v1/events/${seed.eventId}/stats`))).conflicts;
  const inboxOpen = async () =>
    inboxPageSchema.parse(await dataOf(await consoleRequest(app, admin, 'GET', `/api/v1/events/${seed.eventId}/conflicts?state=open&limit=${MAX_INBOX_LIMIT}`)))
      .cases.length;
  const review = async (scanId: string, body: unknown) =>
    expect((await consoleRequest(app, admin, 'POST', `/api/v1/events/${seed.eventId}/conflicts/${scanId}/reviews`, body)).status).toBe(201);
  const voidScan = async (scanId: string) =>
    expect((await consoleRequest(app, admin, 'POST', `/api/v1/check-ins/${scanId}/void`, { reason: 'Let in twice' })).status).toBe(200);
  /** The tile, the inbox's Open filter and what the test expects say the same number. */
  const agree = async (expected: number) => expect([await tile(), await inboxOpen()]).toEqual([expected, expected]);

  let conflictA: string;
  let admissionB: string;
  let conflictB: string;
  let refused: string;

  beforeAll(async () => {
    ({ app } = makeTestApp(t().database, { config: testConfig({ RATE_LIMIT_SCAN: '1000' }) }));
    seed = await seedEvent(t().database, { attendees: 10 });
    const a = await phoneSignIn(app, seed.eventId, seed.door, 'Door A');
    const b = await phoneSignIn(app, seed.eventId, seed.door, 'Door B');
    // Two tickets admitted at both doors offline (two conflicts), one refused offline but valid.
    expect((await upload(a, seed.codes[1], minutesAgo(9))).verdict).toBe('accepted');
    ({ scanId: conflictA } = await upload(b, seed.codes[1], minutesAgo(10)));
    ({ scanId: admissionB } = await upload(a, seed.codes[3], minutesAgo(8)));
    const second = await upload(b, seed.codes[3], minutesAgo(7));
    expect(second.verdict).toBe('conflict');
    conflictB = second.scanId;
    const refusal = await upload(a, seed.codes[2], minutesAgo(6), 'unknown_ticket');
    expect(refusal.verdict).toBe('unknown_ticket');
    refused = refusal.scanId;
    admin = await signIn(app, (await makeUser(t().database, 'admin')).email);
    const res = await consoleRequest(app, admin, 'GET', `/api/v1/events/${seed.eventId}/stream`);
    stream = readStats(res.body!);
  });

  afterAll(() => stream?.close());

  it('counts the open cases of both kinds, refusals the server holds valid among them', async () => {
    expect((await stream.next()).conflicts).toBe(3);
    await agree(3);
  });

  it('a resolve lowers the tile and is pushed at once; a reopen raises it again', async () => {
    const started = performance.now();
    await review(conflictA, { action: 'resolve', note: 'One guest' });
    await stream.next((s) => s.conflicts === 2);
    // A figure for the report, not a deadline: the push waits on no check-in.
    console.info(`[${kind}] resolve → pushed tile in ${Math.round(performance.now() - started)} ms`);
    await agree(2);
    await review(conflictA, { action: 'reopen' });
    await stream.next((s) => s.conflicts === 3);
    await agree(3);
  });

  it('a void keeps a case open until someone resolves it, whichever scan of it was voided', async () => {
    await voidScan(conflictA);
    await voidScan(admissionB);
    await agree(3);
    await review(conflictA, { action: 'resolve' });
    await agree(2);
    await review(conflictB, { action: 'annotate', note: 'Asked the door' });
    await agree(2);
  });

  it('refusals and conflicts resolve and reopen alike, down to none open', async () => {
    await review(refused, { action: 'resolve' });
    await agree(1);
    await review(conflictB, { action: 'resolve' });
    await stream.next((s) => s.conflicts === 0);
    await agree(0);
    await review(refused, { action: 'reopen' });
    await agree(1);
    await review(conflictA, { action: 'reopen' });
    await agree(2);
  });
});
