// What every route can reach: the dependencies and per-request variables.
import type { MiddlewareHandler } from 'hono';
import type { CredentialRole, UserRole } from '../shared/protocol/value-lists.ts';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { Clock } from './clock.ts';
import type { Bus } from './bus.ts';
import type { Logger } from './logger.ts';
import type { AcceptedHook } from './checkin/events.ts';
import type { SyncSettings } from './tickera/sync.ts';

/** What the app's parts register with each other at start-up (one object per app). */
export interface AppServices {
  /** Run inside the recording transaction for every batch of admitted scans (checkin/events.ts). */
  checkInAcceptedHooks?: AcceptedHook[];
  /** Tickera sync tuning: tests and benches shrink pages, retries and delays. */
  tickeraSync?: Partial<SyncSettings>;
  /** Times every request when ENABLE_METRICS=true (metrics/registry.ts). */
  requestMetrics?: MiddlewareHandler;
}

export interface AppDeps {
  database: Database;
  config: Config;
  clock: Clock;
  bus: Bus;
  logger: Logger;
  /** Hooks and settings the app's parts share; required to register check-in hooks. */
  services?: AppServices;
}

export interface AppVariables {
  requestId: string;
  /** Set by the console session middleware. */
  user?: { id: string; email: string; name: string; role: UserRole; sessionId: string };
  /** Set by the phone bearer-token middleware. */
  device?: {
    eventId: string;
    deviceId: string;
    credentialId: string;
    entranceId: string | null;
    role: CredentialRole;
    /** The device row's sign-in generation in the token (devices.session_generation). */
    generation: number;
  };
}

export type AppEnv = { Variables: AppVariables };
