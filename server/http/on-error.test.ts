import { Hono } from 'hono';
import pino from 'pino';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { onError } from './on-error.ts';

function appThrowing(err: unknown) {
  const app = new Hono();
  app.onError(onError(pino({ level: 'silent' })));
  app.get('/x', () => {
    throw err;
  });
  return app;
}

describe('onError with an unreachable database', () => {
  it('answers 503 database_unavailable for a refused postgres.js connection', async () => {
    const sql = postgres('postgres://postgres@127.0.0.1:1/test', { connect_timeout: 1, max: 1 });
    const err = await sql`select 1`.catch((e: unknown) => e);
    await sql.end({ timeout: 0 });
    const res = await appThrowing(err).request('/x');
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('database_unavailable');
  });

  it('answers 503 for an admin shutdown (57P01)', async () => {
    const res = await appThrowing(Object.assign(new Error('terminating connection'), { code: '57P01' })).request('/x');
    expect(res.status).toBe(503);
  });

  it('still answers 500 internal_error for other errors', async () => {
    const res = await appThrowing(new Error('bug')).request('/x');
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('internal_error');
  });
});
