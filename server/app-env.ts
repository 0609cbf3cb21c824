// What every route can reach: the dependencies and per-request variables.
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { Clock } from './clock.ts';
import type { Bus } from './bus.ts';
import type { Logger } from './logger.ts';

export interface AppDeps {
  database: Database;
  config: Config;
  clock: Clock;
  bus: Bus;
  logger: Logger;
  /** Services started by main (schedulers, stats fan-out) may hang their handles here. */
  services?: Record<string, unknown>;
}

export interface AppVariables {
  requestId: string;
  /** Set by the console session middleware. */
  user?: { id: string; email: string; name: string; role: 'admin' | 'organiser' | 'supervisor' | 'door'; sessionId: string };
  /** Set by the phone bearer-token middleware. */
  device?: {
    eventId: string;
    deviceId: string;
    credentialId: string;
    entranceId: string | null;
    role: 'door' | 'supervisor';
  };
}

export type AppEnv = { Variables: AppVariables };
