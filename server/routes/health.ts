import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import type { AppDeps, AppEnv } from '../app-env.ts';

export function healthRoutes({ database, logger }: AppDeps) {
  return new Hono<AppEnv>().get('/health', async (c) => {
    try {
      await database.query(sql`select 1`);
      return c.json({ status: 'ok', db: 'ok' });
    } catch (err) {
      logger.warn({ err }, 'health check: database unreachable');
      return c.json({ status: 'error', db: 'unreachable', reason: 'database did not answer' }, 503);
    }
  });
}
