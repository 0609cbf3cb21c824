import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { pingDatabase } from '../db/repos/health.ts';

export function healthRoutes({ database, logger }: AppDeps) {
  return new Hono<AppEnv>().get('/health', async (c) => {
    try {
      await pingDatabase(database.db);
      return c.json({ status: 'ok', db: 'ok' });
    } catch (err) {
      logger.warn({ err }, 'health check: database unreachable');
      return c.json({ status: 'error', db: 'unreachable', reason: 'database did not answer' }, 503);
    }
  });
}
