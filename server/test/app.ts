// Builds the real app over a test database, with test config and a quiet logger.
import { createApp } from '../app.ts';
import type { AppDeps } from '../app-env.ts';
import { createBus } from '../bus.ts';
import { systemClock, type Clock } from '../clock.ts';
import { loadConfig, type Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { createLogger } from '../logger.ts';

export const testSecrets = {
  SECRET_KEY_BASE: 'test-secret-key-base-0123456789abcdef0123456789',
  ENCRYPTION_KEY: '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  MOBILE_JWT_SECRET: 'test-mobile-jwt-secret-0123456789abcdef012345',
};

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    FASTCHECK_DATA_DIR: '/tmp/fastcheck-test-data',
    TICKERA_SCHEDULER: 'off',
    // The Tickera simulator listens on 127.0.0.1.
    TICKERA_ALLOW_PRIVATE: 'true',
    ...testSecrets,
    ...overrides,
  });
}

export function makeTestDeps(database: Database, options: { clock?: Clock; config?: Config } = {}): AppDeps {
  const config = options.config ?? testConfig();
  return { database, config, clock: options.clock ?? systemClock, bus: createBus(), logger: createLogger(config.logLevel), services: {} };
}

export function makeTestApp(database: Database, options: { clock?: Clock; config?: Config } = {}) {
  const deps = makeTestDeps(database, options);
  return { app: createApp(deps), deps };
}
