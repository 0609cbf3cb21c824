import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, describe, expect, it } from 'vitest';
import { PHONE_EVENTS_PATH, phoneEventDataSchema } from '../../shared/protocol/phone-events.ts';
import { newScanId, seedEvent, signIn, type Phone, type SeededEvent } from '../checkin/test-fixtures.ts';
import { closeSharedRedis } from '../http/rate-limit.ts';
import { consoleRequest, makeUser, signIn as consoleSignIn } from '../organiser/console-test-kit.ts';
import { makeTestApp, testConfig } from '../test/app.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';
import { readSseEvents } from '../test/sse-events.ts';
import { startConflictFanout } from './conflict-fanout.ts';

afterAll(closeSharedRedis);

describe.each(dbKinds)('the phones’ nudge stream over real HTTP on %s', (kind) => {
  const t = useTestDatabase(kind);

  async function setup() {
    const { app, deps } = makeTestApp(t().database, { config: testConfig({ RATE_LIMIT_SCAN: '1000' }) });
    const stopFanout = await startConflictFanout(deps);
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const seed = await seedEvent(t().database, { attendees: 5 });
    const close = async () => {
      await stopFanout();
      (server as import('node:http').Server).closeAllConnections();
      await new Promise((r) => server.close(r));
    };
    return { app, base, seed, close };
  }

  const stream = (base: string, phone: Phone) => fetch(`${base}${PHONE_EVENTS_PATH}`, { headers: { authorization: phone.auth.authorization } });

  async function upload(base: string, seed: SeededEvent, phone: Phone, code: string, at: Date) {
    const scan = { scan_id: newScanId(), ticket_code: code, scanned_at: at.toISOString(), entrance_id: seed.main, local_verdict: 'accepted', offline: true };
    const res = await fetch(`${base}/api/v1/mobile/scans`, {
      method: 'POST',
      headers: phone.auth,
      body: JSON.stringify({ sent_at: new Date().toISOString(), scans: [scan] }),
    });
    const body = (await res.json()) as { data: { results: Array<{ verdict: string }> } };
    return body.data.results[0]!.verdict;
  }

  it('a door listening hears `conflicts` when another door uploads a conflicting offline admission; a plain admission sends none', async () => {
    const { app, base, seed, close } = await setup();
    try {
      const online = await signIn(app, seed.eventId, seed.door, 'Door A');
      const offline = await signIn(app, seed.eventId, seed.door, 'Door B');
      const res = await stream(base, online);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const events = readSseEvents(res.body!);
      const ready = await events.next();
      expect(ready.event).toBe('ready');
      expect(phoneEventDataSchema.parse(JSON.parse(ready.data)).server_time).toMatch(/Z$/);

      const now = Date.now();
      expect(await upload(base, seed, online, seed.codes[0], new Date(now - 120_000))).toBe('accepted');
      expect(await upload(base, seed, offline, seed.codes[0], new Date(now - 60_000))).toBe('conflict');
      // The first event after `ready` is the nudge: the plain admission before it sent nothing.
      const nudge = await events.next();
      expect(nudge.event).toBe('conflicts');
      await events.close();
    } finally {
      await close();
    }
  });

  it('a door of another event hears nothing of it, and a phone without a valid token gets 401', async () => {
    const { app, base, seed, close } = await setup();
    try {
      const other = await seedEvent(t().database, { attendees: 2 });
      const elsewhere = await signIn(app, other.eventId, other.door, 'Elsewhere');
      const a = await signIn(app, seed.eventId, seed.door, 'Door A');
      const b = await signIn(app, seed.eventId, seed.door, 'Door B');
      const mine = readSseEvents((await stream(base, a)).body!);
      const theirs = readSseEvents((await stream(base, elsewhere)).body!);
      await mine.next();
      await theirs.next();
      const now = Date.now();
      await upload(base, seed, a, seed.codes[1], new Date(now - 120_000));
      await upload(base, seed, b, seed.codes[1], new Date(now - 60_000));
      expect((await mine.next()).event).toBe('conflicts');
      // Then a conflict in the other event: the first thing its door hears is that one.
      const oa = await signIn(app, other.eventId, other.door, 'Other A');
      await upload(base, other, oa, other.codes[0], new Date(now - 120_000));
      await upload(base, other, elsewhere, other.codes[0], new Date(now - 60_000));
      expect((await theirs.next()).event).toBe('conflicts');
      await Promise.all([mine.close(), theirs.close()]);

      expect((await fetch(`${base}${PHONE_EVENTS_PATH}`)).status).toBe(401);
      expect((await fetch(`${base}${PHONE_EVENTS_PATH}`, { headers: { authorization: 'Bearer not.a.token' } })).status).toBe(401);
    } finally {
      await close();
    }
  });

  it('a supervisor voiding the conflict nudges the doors again (the feed brings it back as voided)', async () => {
    const { app, base, seed, close } = await setup();
    try {
      const a = await signIn(app, seed.eventId, seed.door, 'Door A');
      const b = await signIn(app, seed.eventId, seed.door, 'Door B');
      const events = readSseEvents((await stream(base, a)).body!);
      await events.next();
      const now = Date.now();
      await upload(base, seed, a, seed.codes[2], new Date(now - 120_000));
      await upload(base, seed, b, seed.codes[2], new Date(now - 60_000));
      expect((await events.next()).event).toBe('conflicts');
      const feed = (await (await fetch(`${base}/api/v1/mobile/conflicts?since=0`, { headers: a.auth })).json()) as {
        data: { conflicts: Array<{ scan_id: string }> };
      };
      const conflictId = feed.data.conflicts[0]!.scan_id;
      const admin = await makeUser(t().database, 'admin');
      const cookie = await consoleSignIn(app, admin.email);
      const voided = await consoleRequest(app, cookie, 'POST', `/api/v1/check-ins/${conflictId}/void`, { reason: 'let in by mistake, sorted at the bar' });
      expect(voided.status).toBe(200);
      expect((await events.next()).event).toBe('conflicts');
      await events.close();
    } finally {
      await close();
    }
  });
});
