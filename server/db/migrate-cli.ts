// `npm run db:migrate`: applies migrations to DATABASE_URL, or to the embedded database.
import { loadConfig } from '../config.ts';
import { openDatabase } from './open.ts';

const config = loadConfig();
const database = await openDatabase(config);
await database.close();
console.log(`migrations applied (${config.databaseUrl ? 'postgres' : 'embedded PGlite'})`);
