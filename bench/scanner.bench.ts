// The door app in Chromium against a real server and Postgres: first sync of 10,000
// attendees into IndexedDB, online verdict time, local verdict time with the server
// unreachable at 10,000 and 100,000 cached attendees (decision in the service worker, and
// scan submitted → verdict painted), and the outbox flush of 1,000 scans. And on a
// black-holed link (a proxy that accepts connections and never answers): verdict painted
// for the first two scans and the rest, and the time from the link coming back to the
// outbox being empty, with no page asking for it (the service worker's probes find it).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromium, type Page } from '@playwright/test';
import { chromiumArgs } from '../playwright.config.ts';
import { DeployProxy } from '../e2e/fixtures/deploy-proxy.ts';
import { seedEvent } from '../e2e/fixtures/seed.ts';
import { FastCheckServer } from '../e2e/fixtures/server.ts';
import { distDir } from '../server/http/static.ts';
import { createTestDatabase } from '../server/test/scratch-db.ts';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const fmt = (xs: number[]) =>
  `p50 ${pct(xs, 50).toFixed(2)} ms, p95 ${pct(xs, 95).toFixed(2)} ms, p99 ${pct(xs, 99).toFixed(2)} ms, max ${Math.max(...xs).toFixed(2)} ms (n=${xs.length})`;

/** In-page: types each code into the manual field and waits for the verdict to be painted. */
const SCAN_LOOP = `async (codes) => {
  const hooks = globalThis.__fastcheck;
  const input = document.querySelector('[data-testid="manual-code"]');
  const form = input.form;
  const paint = [];
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  for (const code of codes) {
    const old = document.querySelector('[data-testid="verdict"]');
    if (old) { old.click(); await frame(); }
    input.value = code;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 0));
    const before = hooks.scans ? hooks.scans.length : 0;
    const t0 = performance.now();
    form.requestSubmit();
    await new Promise((resolve) => {
      const check = () => document.querySelector('[data-testid="verdict"]') && (hooks.scans || []).length > before;
      if (check()) return resolve();
      const mo = new MutationObserver(() => { if (check()) { mo.disconnect(); resolve(); } });
      mo.observe(document.body, { childList: true, subtree: true });
    });
    await new Promise((r) => requestAnimationFrame(() => r()));
    paint.push(performance.now() - t0);
  }
  const scans = hooks.scans.slice(-codes.length);
  return { paint, decision: scans.map((s) => s.decisionMs).filter((x) => x !== null), stored: scans.map((s) => s.storedMs).filter((x) => x !== null), local: scans.filter((s) => s.decidedLocally).length };
}`;

async function scanAll(page: Page, codes: string[]) {
  return page.evaluate(`(${SCAN_LOOP})(${JSON.stringify(codes)})`) as Promise<{ paint: number[]; decision: number[]; stored: number[]; local: number }>;
}

async function signInAndSync(page: Page, url: string, eventId: string, credential: string, expected: number): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(
    () => (globalThis as unknown as { navigator: { serviceWorker?: { controller: unknown } } }).navigator.serviceWorker?.controller != null,
    undefined,
    { timeout: 60_000 },
  );
  await page.getByTestId('event-id').fill(eventId);
  await page.getByTestId('credential').fill(credential);
  const started = Date.now();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page
    .getByTestId('status-attendees')
    .filter({ hasText: `${expected.toLocaleString('en')} attendees` })
    .waitFor({ timeout: 300_000 });
  return Date.now() - started;
}

async function flushTime(page: Page): Promise<number> {
  return page.evaluate(
    `new Promise((resolve) => {
      const t0 = performance.now();
      navigator.serviceWorker.addEventListener('message', (e) => {
        if (e.data && e.data.type === 'flush-done' && e.data.pending === 0) resolve(performance.now() - t0);
      });
      navigator.serviceWorker.controller.postMessage({ type: 'flush-outbox' });
    })`,
  ) as Promise<number>;
}

/** Resolves (in Node) once the service worker reports the outbox empty after a flush. */
async function outboxEmptied(page: Page): Promise<void> {
  await page.waitForFunction(() => (globalThis as unknown as { __outboxEmpty?: boolean }).__outboxEmpty === true, undefined, { timeout: 0, polling: 50 });
}
const WATCH_OUTBOX = `(() => {
  globalThis.__outboxEmpty = false;
  navigator.serviceWorker.addEventListener('message', (e) => {
    if (e.data && e.data.type === 'flush-done' && e.data.pending === 0) globalThis.__outboxEmpty = true;
  });
})()`;

if (!existsSync(`${distDir}/sw.js`)) spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
const database = await createTestDatabase('postgres', { max: 4 });
const server = await FastCheckServer.start({ databaseUrl: database.url, env: { RATE_LIMIT_SCAN: '1000', RATE_LIMIT_SYNC: '100' } });
const proxy = await DeployProxy.start(server.url);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
try {
  for (const n of [10_000, 100_000]) {
    const seeded = await seedEvent(database.database, { attendees: n });
    const context = await browser.newContext({ viewport: { width: 412, height: 870 } });
    const page = await context.newPage();
    const syncMs = await signInAndSync(page, proxy.url, seeded.eventId, seeded.doorCredential, n + 2);
    console.log(`first sync of ${n.toLocaleString('en')} attendees (sign-in → stored in IndexedDB): ${(syncMs / 1000).toFixed(2)} s`);
    await page.getByTestId('manual-code').waitFor();

    const online = await scanAll(page, seeded.codes.slice(0, n === 10_000 ? 300 : 100));
    console.log(`online verdict at ${n.toLocaleString('en')} cached, scan → verdict painted: ${fmt(online.paint)}`);
    console.log(`  of which decided on the phone (the busy server missed the adaptive deadline): ${online.local} of ${online.paint.length}`);

    // The link is online again (a busy server's missed deadline makes it degraded for a
    // probe or two): the black hole then opens on an online door, as at a real door.
    for (const code of seeded.codes.slice(400, 450)) if ((await scanAll(page, [code])).local === 0) break;
    proxy.blackHole();
    const holed = await scanAll(page, seeded.codes.slice(500, 600));
    if (holed.local !== 100) throw new Error(`expected 100 local verdicts on the black-holed link, got ${holed.local}`);
    const [a, b] = holed.paint;
    console.log(`black-holed link at ${n.toLocaleString('en')} cached, first two scans → verdict painted: ${a.toFixed(0)} ms, ${b.toFixed(0)} ms`);
    console.log(`black-holed link at ${n.toLocaleString('en')} cached, next 98 scans → verdict painted: ${fmt(holed.paint.slice(2))}`);
    await page.evaluate(WATCH_OUTBOX);
    const restoredAt = Date.now();
    proxy.restore();
    await outboxEmptied(page);
    console.log(`black-holed link back → 100 queued scans uploaded (outbox empty): ${((Date.now() - restoredAt) / 1000).toFixed(2)} s`);

    await server.stop();
    const count = n === 10_000 ? 1000 : 300;
    const offline = await scanAll(page, seeded.codes.slice(1000, 1000 + count));
    if (offline.local !== count) throw new Error(`expected ${count} local verdicts, got ${offline.local}`);
    console.log(`local verdict at ${n.toLocaleString('en')} cached, lookup + verdict in the service worker: ${fmt(offline.decision)}`);
    console.log(`local verdict at ${n.toLocaleString('en')} cached, verdict + scan/outbox/attendee committed: ${fmt(offline.stored)}`);
    console.log(`local verdict at ${n.toLocaleString('en')} cached (server down), scan → verdict painted: ${fmt(offline.paint)}`);
    await server.start();
    const flushMs = await flushTime(page);
    console.log(`outbox flush of ${count.toLocaleString('en')} scans: ${(flushMs / 1000).toFixed(2)} s`);
    await context.close();
  }
} finally {
  await browser.close();
  await proxy.stop();
  await server.stop();
  await database.drop();
}
