// Attendee import benchmark: 100,000 attendees as CSV through the real HTTP route (a real
// socket, a scratch Postgres database), then the same file again (all unchanged).
// The yardstick is Postgres itself: the same rows COPYed into the attendees table (and, for
// reference, the file into a bare table). Targets: first import ≤ 5 s and ≤ 1.5× that COPY.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { createApp } from '../server/app.ts';
import { makeUser, TEST_PASSWORD } from '../server/organiser/console-test-kit.ts';
import { makeTestDeps, testConfig } from '../server/test/app.ts';
import { createTestDatabase } from '../server/test/db.ts';

const ROWS = 100_000;
const TARGET_MS = 5_000;
const TARGET_RATIO = 1.5;

/**
 * Postgres COPY of the same rows from this process: into a plain table with the CSV's columns
 * (the floor for moving the bytes), and into the attendees table of another event (the floor
 * for writing those rows with the table's indexes and triggers, which any import pays).
 */
async function copyMs(url: string, csv: string, attendeeCsv: string, eventId: string): Promise<{ bare: number; attendees: number }> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const timed = async (statement: string, data: string) => {
    const started = performance.now();
    const writable = await sql.unsafe(statement).writable();
    await pipeline(Readable.from([data]), writable);
    return performance.now() - started;
  };
  try {
    await sql.unsafe(`create table copy_yardstick (ticket_code text primary key, first_name text, last_name text, email text,
      ticket_type text, allowed_checkins integer, status text)`);
    const bare = await timed('copy copy_yardstick from stdin with (format csv, header true)', csv);
    await sql.unsafe(`alter table attendees alter column event_id set default '${eventId}'`);
    const attendeesMs = await timed(
      'copy attendees (ticket_code, first_name, last_name, email, checkins_allowed, status) from stdin with (format csv, header true)',
      attendeeCsv,
    );
    await sql.unsafe('alter table attendees alter column event_id drop default');
    return { bare, attendees: attendeesMs };
  } finally {
    await sql.unsafe('drop table if exists copy_yardstick');
    await sql.end();
  }
}

function csvOf(rows: number, variant = ''): string {
  const lines = ['ticket_code,first_name,last_name,email,ticket_type,allowed_checkins,status'];
  const types = ['General', 'VIP', 'Staff', 'Vendor'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `TKT-${i.toString().padStart(7, '0')},Guest ${i}${variant},"Family, ${i % 997}",guest${i}@example.test,${types[i % 4]},${i % 50 === 0 ? 0 : ''},valid`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The same rows as attendee columns (a type is an id there, so none; the allowance filled in). */
function attendeeCsvOf(rows: number): string {
  const lines = ['ticket_code,first_name,last_name,email,checkins_allowed,status'];
  for (let i = 0; i < rows; i++) {
    lines.push(`TKT-${i.toString().padStart(7, '0')},Guest ${i},"Family, ${i % 997}",guest${i}@example.test,${i % 50 === 0 ? 0 : 1},valid`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

const tdb = await createTestDatabase('postgres');
const deps = makeTestDeps(tdb.database, { config: testConfig({ LOG_LEVEL: 'warn' }) });
const server = serve({ fetch: createApp(deps).fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

try {
  const admin = await makeUser(tdb.database, 'admin');
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email: admin.email, password: TEST_PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const headers = { cookie, origin: base };
  const eventRes = await fetch(`${base}/api/v1/events`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench festival' }),
  });
  const eventId = ((await eventRes.json()) as { data: { id: string } }).data.id;

  const runImport = async (label: string, csv: string) => {
    const started = performance.now();
    const res = await fetch(`${base}/api/v1/events/${eventId}/attendees/import`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/csv' },
      body: csv,
    });
    const body = await res.json();
    const ms = performance.now() - started;
    if (res.status !== 200) throw new Error(`${label}: HTTP ${res.status} ${JSON.stringify(body)}`);
    console.log(
      `${label}: ${(ms / 1000).toFixed(2)} s (${Math.round(ROWS / (ms / 1000)).toLocaleString('en')} rows/s) ${JSON.stringify((body as { data: unknown }).data)}`,
    );
    return ms;
  };

  const csv = csvOf(ROWS);
  console.log(`import of ${ROWS.toLocaleString('en')} attendees, ${(csv.length / 1024 / 1024).toFixed(1)} MB CSV, real Postgres, real HTTP`);
  const first = await runImport('first import (all inserted)', csv);
  await runImport('same file again (all unchanged)', csv);
  await runImport('every row renamed (all updated)', csvOf(ROWS, ' b'));
  const second = await fetch(`${base}/api/v1/events`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'COPY yardstick' }),
  });
  const secondId = ((await second.json()) as { data: { id: string } }).data.id;
  const copy = await copyMs(tdb.url!, csv, attendeeCsvOf(ROWS), secondId);
  const ratio = first / copy.attendees;
  console.log(`Postgres COPY of the same rows: into a bare table ${(copy.bare / 1000).toFixed(2)} s, into attendees ${(copy.attendees / 1000).toFixed(2)} s`);
  console.log(`import / COPY into a bare table = ${(first / copy.bare).toFixed(2)}×`);
  console.log(`target: first import ≤ ${TARGET_MS / 1000} s → ${first <= TARGET_MS ? 'met' : 'MISSED'}`);
  console.log(`import / COPY into attendees = ${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×) → ${ratio <= TARGET_RATIO ? 'met' : 'MISSED'}`);
} finally {
  server.close();
  await tdb.drop();
}
