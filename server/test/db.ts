// Test databases: each test file gets its own fresh, migrated database, on real
// Postgres (TEST_DATABASE_URL) or in-memory PGlite. Never a mock.
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type DbKind, type TestDatabase } from './scratch-db.ts';

export { adminUrl, createTestDatabase, dbKinds, type DbKind, type TestDatabase } from './scratch-db.ts';

/**
 * Registers beforeAll/afterAll for one database of `kind` and returns a getter.
 * Use inside `describe.each(dbKinds)` to run a suite on both drivers.
 */
export function useTestDatabase(kind: DbKind, options: { max?: number } = {}): () => TestDatabase {
  let current: TestDatabase | undefined;
  beforeAll(async () => {
    current = await createTestDatabase(kind, options);
  }, 120_000);
  afterAll(async () => {
    await current?.drop();
  });
  return () => {
    if (!current) throw new Error('test database not ready');
    return current;
  };
}
