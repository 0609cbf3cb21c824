// Two real server processes behind a real pgBouncer in transaction mode (Debian's package,
// started here on a loopback port): queries go through pgBouncer, LISTEN goes to Postgres
// directly (DATABASE_DIRECT_URL), and a check-in on one instance is pushed on the other's
// dashboard stream. Without DATABASE_DIRECT_URL the start says, in one line, that live stats
// will not cross instances. Skipped, saying why, only when pgBouncer is not installed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newScanId, seedEvent } from '../checkin/test-fixtures.ts';
import { makeUser, TEST_PASSWORD } from '../organiser/console-test-kit.ts';
import { testSecrets } from '../test/app.ts';
import { useTestDatabase } from '../test/db.ts';
import { freePort } from '../test/free-port.ts';
import { pgbouncerMissing, startPgBouncer, type PgBouncer } from '../test/pgbouncer.ts';
import { ServerProcess } from '../test/server-process.ts';
import { readStats } from './sse-reader.ts';

const missing = pgbouncerMissing();
/** Trust auth ignores it; it is here to prove no log line carries a database password. */
const PASSWORD = 'not-in-any-log-7f3a';

const withPassword = (url: string) => {
  const u = new URL(url);
  u.password = PASSWORD;
  return u.toString();
};

describe.skipIf(missing !== null)(missing ?? 'two server processes behind a real pgBouncer', () => {
  const t = useTestDatabase('postgres');
  let bouncer: PgBouncer;
  const children: ServerProcess[] = [];
  beforeAll(async () => {
    bouncer = await startPgBouncer({ targetUrl: t().url! });
  });
  afterAll(async () => {
    await Promise.all(children.map((c) => c.stop()));
    await bouncer?.stop();
  });

  async function startServer(env: Record<string, string>): Promise<{ url: string; child: ServerProcess }> {
    const port = await freePort();
    const child = ServerProcess.spawn({
      ...testSecrets,
      PORT: String(port),
      HOST: '127.0.0.1',
      FASTCHECK_DATA_DIR: mkdtempSync(join(tmpdir(), 'fc-pgb-')),
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      TICKERA_SCHEDULER: 'off',
      PGBOUNCER: 'true',
      DATABASE_URL: withPassword(bouncer.urlFor(t().url!)),
      ...env,
    });
    children.push(child);
    await child.listening();
    return { url: `http://127.0.0.1:${port}`, child };
  }

  it("a check-in on instance A is pushed on instance B's dashboard stream", async () => {
    const seed = await seedEvent(t().database, { attendees: 10 });
    const admin = await makeUser(t().database, 'admin');
    const direct = { DATABASE_DIRECT_URL: withPassword(t().url!) };
    const [a, b] = [await startServer(direct), await startServer(direct)];

    const login = await fetch(`${b.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: admin.email, password: TEST_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const stream = await fetch(`${b.url}/api/v1/events/${seed.eventId}/stream`, { headers: { cookie } });
    expect(stream.status).toBe(200);
    const reader = readStats(stream.body!);
    expect((await reader.next()).admitted).toBe(0);

    const phone = await fetch(`${a.url}/api/v1/mobile/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event_id: seed.eventId, credential: seed.door }),
    });
    const { token } = ((await phone.json()) as { data: { token: string } }).data;
    for (const code of seed.codes.slice(0, 2)) {
      const scan = await fetch(`${a.url}/api/v1/check-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ scan_id: newScanId(), ticket_code: code }),
      });
      expect(((await scan.json()) as { data: { verdict: string } }).data.verdict).toBe('accepted');
    }
    // Waits for the push itself (how fast it comes is a figure for a quiet machine, not a deadline).
    const pushed = await reader.next((s) => s.admitted === 2);
    const onA = ((await (await fetch(`${a.url}/api/v1/events/${seed.eventId}/stats`, { headers: { cookie } })).json()) as { data: { admitted: number } }).data;
    expect(onA.admitted).toBe(pushed.admitted);
    await reader.close();

    // The instances' queries really went through pgBouncer: it opened server connections to this database.
    expect(bouncer.log()).toMatch(new RegExp(`${t().url!.split('/').pop()}/postgres@127\\.0\\.0\\.1:\\d+ new connection to server`));
    for (const s of [a, b]) {
      expect(s.child.log).not.toContain('DATABASE_DIRECT_URL without');
      expect(s.child.log).not.toContain(PASSWORD);
    }
  });

  it('without DATABASE_DIRECT_URL the start warns in one line that live stats will not cross instances', async () => {
    const c = await startServer({});
    const line = await c.child.waitForLine(/without DATABASE_DIRECT_URL/);
    expect(JSON.parse(line)).toMatchObject({ level: 40 });
    expect(c.child.log.match(/without DATABASE_DIRECT_URL/g)).toHaveLength(1);
    expect(c.child.log).not.toContain(PASSWORD);
  });
});
