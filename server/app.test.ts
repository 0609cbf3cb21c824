import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from './logger.ts';
import { onError } from './http/on-error.ts';
import { validate } from './http/validate.ts';
import { dbKinds, useTestDatabase } from './test/db.ts';
import { makeTestApp } from './test/app.ts';
import { MAX_BODY_BYTES } from './app.ts';

describe.each(dbKinds)('app over %s', (kind) => {
  const t = useTestDatabase(kind);

  it('GET /health queries the database', async () => {
    const { app } = makeTestApp(t().database);
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok' });
  });

  it('an unknown API route is a 404 in the envelope', async () => {
    const { app } = makeTestApp(t().database);
    const res = await app.request('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('a body over 1 MB is refused with 413 before any handler runs', async () => {
    const { app } = makeTestApp(t().database);
    const res = await app.request('/api/v1/check-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(MAX_BODY_BYTES) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });
});

describe('health when the database is gone', () => {
  it('answers 503 with the reason', async () => {
    const { createTestDatabase } = await import('./test/db.ts');
    const tdb = await createTestDatabase('pglite');
    const { app } = makeTestApp(tdb.database);
    await tdb.drop();
    const res = await app.request('/health');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'error', db: 'unreachable' });
  });
});

describe('error envelope', () => {
  const app = new Hono()
    .post('/echo', validate('json', z.object({ ticket_code: z.string().min(1) })), (c) => c.json({ data: c.req.valid('json') }))
    .get('/boom', () => {
      throw new Error('secret internals: password=hunter2');
    });
  app.onError(onError(createLogger('silent')));

  it('malformed JSON is a 400 saying so', async () => {
    const res = await app.request('/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ticket_code":' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_json', message: 'Request body is not valid JSON' } });
  });

  it('a missing field is a 400 naming the field', async () => {
    const res = await app.request('/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: { issues: Array<{ path: string }> } } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.issues[0].path).toBe('ticket_code');
  });

  it('an unexpected error is a 500 without internals', async () => {
    const res = await app.request('/boom');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).toContain('internal_error');
    expect(text).not.toContain('hunter2');
  });
});
