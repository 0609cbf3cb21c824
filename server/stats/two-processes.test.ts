// Two real server processes on one Postgres database: a check-in on one is pushed on the
// other's SSE stream (Postgres NOTIFY fan-out), with the same numbers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newScanId, seedEvent } from '../checkin/test-fixtures.ts';
import { makeUser, TEST_PASSWORD } from '../organiser/console-test-kit.ts';
import { testSecrets } from '../test/app.ts';
import { useTestDatabase } from '../test/db.ts';
import { freePort } from '../test/free-port.ts';
import { ServerProcess } from '../test/server-process.ts';
import { readStats } from './sse-reader.ts';

const children: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(children.map((c) => c.stop()));
});

/** Resolves once the process logs that it listens: an event, not a polled deadline. */
async function startServer(databaseUrl: string): Promise<string> {
  const port = await freePort();
  const child = ServerProcess.spawn({
    ...testSecrets,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    FASTCHECK_DATA_DIR: mkdtempSync(join(tmpdir(), 'fc-two-')),
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    TICKERA_SCHEDULER: 'off',
  });
  children.push(child);
  await child.listening();
  return `http://127.0.0.1:${port}`;
}

describe('two server processes on one database', () => {
  const t = useTestDatabase('postgres');

  it("a check-in on one process is pushed on the other's stream", async () => {
    const seed = await seedEvent(t().database, { attendees: 10 });
    const admin = await makeUser(t().database, 'admin');
    const [a, b] = [await startServer(t().url!), await startServer(t().url!)];

    const login = await fetch(`${b}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: admin.email, password: TEST_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const stream = await fetch(`${b}/api/v1/events/${seed.eventId}/stream`, { headers: { cookie } });
    expect(stream.status).toBe(200);
    const reader = readStats(stream.body!);
    expect((await reader.next()).admitted).toBe(0);

    const phone = await fetch(`${a}/api/v1/mobile/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event_id: seed.eventId, credential: seed.door }),
    });
    const { token } = ((await phone.json()) as { data: { token: string } }).data;
    const scan = await fetch(`${a}/api/v1/check-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ scan_id: newScanId(), ticket_code: seed.codes[0] }),
    });
    expect(((await scan.json()) as { data: { verdict: string } }).data.verdict).toBe('accepted');
    // Waits for the push itself (how fast it comes is a figure for a quiet machine, not a deadline).
    const pushed = await reader.next((s) => s.admitted === 1);
    const direct = ((await (await fetch(`${a}/api/v1/events/${seed.eventId}/stats`, { headers: { cookie } })).json()) as { data: { admitted: number } }).data;
    expect(direct.admitted).toBe(pushed.admitted);
    await reader.close();
  });
});
