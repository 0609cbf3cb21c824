import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { pendingCount } from '../phone/outbox.ts';
import { getSession } from '../phone/session.ts';
import { readResponse } from '../shared/api-answer.ts';
import { scanResultSchema } from '../shared/protocol/check-in.ts';
import { DECIDED_HEADER } from '../shared/protocol/headers.ts';
import { createCheckInInterceptor } from './check-in-interceptor.ts';
import { attendee, signedInDb } from './test-setup.ts';

const request = (code: string) =>
  new Request('http://phone.test/api/v1/check-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
    body: JSON.stringify({ scan_id: crypto.randomUUID(), ticket_code: code }),
  });
const now = () => new Date('2026-07-10T19:00:00Z');

describe('check-in interceptor', () => {
  it('decides locally when the server does not answer before the deadline', async () => {
    const db = await signedInDb([attendee('A')]);
    // A server that never answers: only the interceptor's own deadline (its abort) ends the
    // wait, so an answer at all shows it gave up; no wall-clock bound that a busy CI breaks.
    let aborted = false;
    const hanging = ((_u: string, init: RequestInit) =>
      new Promise((_, reject) =>
        init.signal?.addEventListener('abort', () => {
          aborted = true;
          reject(new DOMException('aborted', 'AbortError'));
        }),
      )) as unknown as typeof fetch;
    let queued = 0;
    const handle = createCheckInInterceptor({ fetch: hanging, now, deadlineMs: () => 50, db: () => db, onQueued: () => queued++ });
    const res = await handle(request('A'));
    expect(aborted).toBe(true);
    expect(res.headers.get(DECIDED_HEADER)).toBe('locally');
    expect((await readResponse(res, scanResultSchema)).verdict).toBe('accepted');
    expect(queued).toBe(1);
    expect(await pendingCount(db)).toBe(1);
  });

  it('decides locally on a 5xx, and passes the server answer through otherwise', async () => {
    const db = await signedInDb([attendee('A')]);
    const failing = (async () => new Response('{}', { status: 503 })) as unknown as typeof fetch;
    const res = await createCheckInInterceptor({ fetch: failing, now, deadlineMs: () => 500, db: () => db })(request('A'));
    expect(res.headers.get(DECIDED_HEADER)).toBe('locally');

    const result = {
      scan_id: crypto.randomUUID(),
      verdict: 'already_checked_in',
      message: 'Already checked in',
      attendee: { name: 'Ana Garcia', ticket_type: null, checkins_used: 1, checkins_allowed: 1, inside: true },
      first_scan: null,
    };
    const ok = (async () => new Response(JSON.stringify({ data: result }), { status: 200 })) as unknown as typeof fetch;
    const online = await createCheckInInterceptor({ fetch: ok, now, deadlineMs: () => 500, db: () => db })(request('A'));
    expect(online.headers.get(DECIDED_HEADER)).toBeNull();
    expect(await readResponse(online, scanResultSchema)).toEqual(result);
    expect(await pendingCount(db)).toBe(1);

    const refused = (async () => new Response('{"error":{"code":"validation_failed","message":"no"}}', { status: 400 })) as unknown as typeof fetch;
    expect((await createCheckInInterceptor({ fetch: refused, now, deadlineMs: () => 500, db: () => db })(request('A'))).status).toBe(400);
  });

  it("decides locally and queues when the server refuses this app's protocol version, and says an update is needed", async () => {
    const db = await signedInDb([attendee('A')]);
    const refusing = (async () =>
      new Response(
        JSON.stringify({
          error: { code: 'unsupported_protocol', message: 'Update the app', details: { client_version: 1, min_version: 2, current_version: 2 } },
        }),
        {
          status: 426,
        },
      )) as unknown as typeof fetch;
    let updateNeeded = 0;
    let queued = 0;
    const handle = createCheckInInterceptor({
      fetch: refusing,
      now,
      deadlineMs: () => 500,
      db: () => db,
      onQueued: () => queued++,
      onUpdateNeeded: () => updateNeeded++,
    });
    const res = await handle(request('A'));
    expect(res.status).toBe(200);
    expect(res.headers.get(DECIDED_HEADER)).toBe('locally');
    expect((await readResponse(res, scanResultSchema)).verdict).toBe('accepted');
    expect({ updateNeeded, queued, pending: await pendingCount(db) }).toEqual({ updateNeeded: 1, queued: 1, pending: 1 });
  });

  it('an expired or revoked token (401) never costs a scan: decided locally, queued, the session marked ended', async () => {
    const db = await signedInDb([attendee('A'), attendee('B'), attendee('C')], { token: 't' });
    let calls = 0;
    const unauthorized = (async () => {
      calls++;
      return new Response('{"error":{"code":"unauthorized","message":"The token is malformed or expired: sign in again"}}', { status: 401 });
    }) as unknown as typeof fetch;
    let ended = 0;
    let queued = 0;
    const handle = createCheckInInterceptor({
      fetch: unauthorized,
      now,
      deadlineMs: () => 500,
      db: () => db,
      onQueued: () => queued++,
      onSessionEnded: () => ended++,
    });
    const first = await handle(request('A'));
    expect(first.status).toBe(200);
    expect(first.headers.get(DECIDED_HEADER)).toBe('locally');
    expect((await readResponse(first, scanResultSchema)).verdict).toBe('accepted');
    expect((await getSession(db))?.ended_at).toBe(now().toISOString());
    // The same token is not sent again: the next scans are decided at once.
    const verdicts = [];
    for (const code of ['A', 'B']) verdicts.push((await readResponse(await handle(request(code)), scanResultSchema)).verdict);
    expect(verdicts).toEqual(['already_checked_in', 'accepted']);
    expect({ calls, ended, queued, pending: await pendingCount(db) }).toEqual({ calls: 1, ended: 1, queued: 3, pending: 3 });
  });

  it('a 401 for a token already replaced by a new sign-in leaves the new session alone', async () => {
    const db = await signedInDb([attendee('A')], { token: 'new' });
    const unauthorized = (async () => new Response('{"error":{"code":"unauthorized","message":"x"}}', { status: 401 })) as unknown as typeof fetch;
    const res = await createCheckInInterceptor({ fetch: unauthorized, now, deadlineMs: () => 500, db: () => db })(request('A'));
    expect(res.headers.get(DECIDED_HEADER)).toBe('locally');
    expect((await getSession(db))?.ended_at).toBeNull();
  });
});
