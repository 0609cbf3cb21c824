// Every resource router, mounted in one place. Add one line per router.
import type { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { healthRoutes } from './health.ts';

export function mountRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  app.route('/', healthRoutes(deps));
}
