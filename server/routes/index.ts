// Every resource router, mounted in one place. Add one line per router.
import type { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { healthRoutes } from './health.ts';
import { consoleSession } from '../auth/console-session.ts';
import { csrfProtection } from '../http/csrf.ts';
import { authRoutes } from './auth.ts';
import { userRoutes } from './users.ts';
import { eventRoutes } from './events.ts';
import { ticketTypeRoutes } from './ticket-types.ts';
import { entranceRoutes } from './entrances.ts';
import { credentialRoutes } from './credentials.ts';
import { deviceRoutes } from './devices.ts';
import { attendeeRoutes } from './attendees.ts';
import { tickeraRoutes } from './tickera.ts';
import { mobileRoutes } from './mobile.ts';
import { mobileConflictRoutes } from './mobile-conflicts.ts';
import { checkInRoutes } from './check-in.ts';
import { statsRoutes } from './stats.ts';
import { auditRoutes } from './audit.ts';
import { conflictRoutes } from './conflicts.ts';

export function mountRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  app.route('/', healthRoutes(deps));
  // Console session and CSRF check for every /api/v1 route mounted after them (phone paths skip both).
  app.use('/api/v1/*', csrfProtection(deps.config), consoleSession(deps));
  app.route('/', authRoutes(deps));
  app.route('/', userRoutes(deps));
  app.route('/', eventRoutes(deps));
  app.route('/', ticketTypeRoutes(deps));
  app.route('/', entranceRoutes(deps));
  app.route('/', credentialRoutes(deps));
  app.route('/', deviceRoutes(deps));
  app.route('/', attendeeRoutes(deps));
  app.route('/', tickeraRoutes(deps));
  app.route('/', mobileRoutes(deps));
  app.route('/', mobileConflictRoutes(deps));
  app.route('/', checkInRoutes(deps));
  app.route('/', statsRoutes(deps));
  app.route('/', auditRoutes(deps));
  app.route('/', conflictRoutes(deps));
}
