// Configuration: the environment, parsed once with zod. In production every secret
// is required and all problems are reported together; elsewhere missing secrets are
// generated once and kept in the data dir (0600) so restarts keep sessions valid.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const secretNames = ['SECRET_KEY_BASE', 'ENCRYPTION_KEY', 'MOBILE_JWT_SECRET'] as const;
type SecretName = (typeof secretNames)[number];

const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** A secret: at least 32 characters (ENCRYPTION_KEY: 64 hex characters = 32 bytes). */
const secret = z.string().min(32, 'must be at least 32 characters');
const encryptionKey = z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes), e.g. `openssl rand -hex 32`');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: optionalText.pipe(z.url({ message: 'must be a URL such as https://checkin.example.org' }).optional()),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
  ),
  DATABASE_DIRECT_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
  ),
  PGBOUNCER: boolish,
  /** Embedded PGlite in a worker thread (default); `false` runs it on the main thread. */
  PGLITE_IN_WORKER: z.enum(['true', 'false', '1', '0', 'yes', 'no', '']).optional(),
  FASTCHECK_DATA_DIR: z.string().default('./data'),
  SECRET_KEY_BASE: optionalText.pipe(secret.optional()),
  ENCRYPTION_KEY: optionalText.pipe(encryptionKey.optional()),
  MOBILE_JWT_SECRET: optionalText.pipe(secret.optional()),
  ADMIN_EMAIL: optionalText.pipe(z.email({ message: 'must be an email address' }).optional()),
  ADMIN_PASSWORD: optionalText.pipe(z.string().min(10, 'must be at least 10 characters').optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: boolish,
  REDIS_URL: optionalText.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis://')
      .optional(),
  ),
  RATE_LIMIT_SYNC: z.coerce.number().int().positive().default(3),
  RATE_LIMIT_SCAN: z.coerce.number().int().positive().default(50),
  PHONE_SESSION_MAX_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .max(90 * 24 * 3600)
    .default(7 * 24 * 3600),
  ENABLE_METRICS: boolish,
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  ENABLE_HTTPS: boolish,
  HTTPS_PORT: z.coerce.number().int().min(0).max(65535).default(4443),
  SSL_CERT_PATH: optionalText,
  SSL_KEY_PATH: optionalText,
  TICKERA_SCHEDULER: z.enum(['on', 'off']).default('on'),
  TICKERA_ALLOW_PRIVATE: boolish,
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl?: string;
  databaseUrl?: string;
  /** A direct Postgres connection (not pgBouncer) for LISTEN, so NOTIFYs reach every instance. */
  databaseDirectUrl?: string;
  pgbouncer: boolean;
  /** Without DATABASE_URL: PGlite runs in a worker thread, off the HTTP event loop (PGLITE_IN_WORKER). */
  pgliteInWorker: boolean;
  dataDir: string;
  secrets: Record<SecretName, string>;
  /** Which secrets were generated into the data dir rather than given. */
  generatedSecrets: SecretName[];
  adminEmail?: string;
  adminPassword?: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  trustProxy: boolean;
  redisUrl?: string;
  rateLimitSync: number;
  rateLimitScan: number;
  /** The longest a door's session may last, whatever the event's end (PHONE_SESSION_MAX_SECONDS). */
  phoneSessionMaxMs: number;
  metrics: { enabled: boolean; port: number };
  https: { enabled: boolean; port: number; certPath?: string; keyPath?: string };
  tickeraScheduler: boolean;
  /** Tickera site_url may be a loopback/private/link-local address. */
  tickeraAllowPrivate: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment. Throws ConfigError listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // Never echo the offending value: it may be a secret.
      problems.push(`${issue.path.join('.')}: ${issue.message}`);
    }
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production) {
    for (const name of secretNames) {
      if (!e[name]) problems.push(`${name}: required when NODE_ENV=production`);
    }
    if (e.ENABLE_HTTPS && (!e.SSL_CERT_PATH || !e.SSL_KEY_PATH)) {
      problems.push('SSL_CERT_PATH and SSL_KEY_PATH: required when ENABLE_HTTPS=true');
    }
  }
  if (e.DATABASE_DIRECT_URL && !e.DATABASE_URL) problems.push('DATABASE_DIRECT_URL: only used with DATABASE_URL (it is the direct link beside it)');
  if (problems.length) throw new ConfigError(problems);

  const dataDir = resolve(e.FASTCHECK_DATA_DIR);
  const given: Partial<Record<SecretName, string>> = {
    SECRET_KEY_BASE: e.SECRET_KEY_BASE,
    ENCRYPTION_KEY: e.ENCRYPTION_KEY,
    MOBILE_JWT_SECRET: e.MOBILE_JWT_SECRET,
  };
  const { secrets, generated } = production ? { secrets: given as Record<SecretName, string>, generated: [] } : fillSecretsFromDataDir(dataDir, given);

  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL,
    databaseUrl: e.DATABASE_URL,
    databaseDirectUrl: e.DATABASE_DIRECT_URL,
    pgbouncer: e.PGBOUNCER,
    pgliteInWorker: !['false', '0', 'no'].includes(e.PGLITE_IN_WORKER ?? ''),
    dataDir,
    secrets,
    generatedSecrets: generated,
    adminEmail: e.ADMIN_EMAIL,
    adminPassword: e.ADMIN_PASSWORD,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    redisUrl: e.REDIS_URL,
    rateLimitSync: e.RATE_LIMIT_SYNC,
    rateLimitScan: e.RATE_LIMIT_SCAN,
    phoneSessionMaxMs: e.PHONE_SESSION_MAX_SECONDS * 1000,
    metrics: { enabled: e.ENABLE_METRICS, port: e.METRICS_PORT },
    https: { enabled: e.ENABLE_HTTPS, port: e.HTTPS_PORT, certPath: e.SSL_CERT_PATH, keyPath: e.SSL_KEY_PATH },
    tickeraScheduler: e.TICKERA_SCHEDULER === 'on',
    tickeraAllowPrivate: e.TICKERA_ALLOW_PRIVATE,
  };
}

function generateSecret(name: SecretName): string {
  return randomBytes(32).toString(name === 'ENCRYPTION_KEY' ? 'hex' : 'base64url');
}

/** Missing secrets come from `<dataDir>/secrets.json`, created (mode 0600) on first use. */
function fillSecretsFromDataDir(dataDir: string, given: Partial<Record<SecretName, string>>): { secrets: Record<SecretName, string>; generated: SecretName[] } {
  const file = join(dataDir, 'secrets.json');
  const stored: Partial<Record<SecretName, string>> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const generated: SecretName[] = [];
  let changed = false;
  for (const name of secretNames) {
    if (given[name]) continue;
    if (!stored[name]) {
      stored[name] = generateSecret(name);
      changed = true;
    }
    generated.push(name);
  }
  if (changed) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  const secrets = Object.fromEntries(secretNames.map((n) => [n, given[n] ?? stored[n]!])) as Record<SecretName, string>;
  return { secrets, generated };
}

/** A copy safe to log: secrets and credentials in URLs masked. */
export function redactConfig(config: Config): Record<string, unknown> {
  return {
    ...config,
    secrets: Object.fromEntries(Object.keys(config.secrets).map((k) => [k, '[redacted]'])),
    adminPassword: config.adminPassword ? '[redacted]' : undefined,
    databaseUrl: redactUrlPassword(config.databaseUrl),
    databaseDirectUrl: redactUrlPassword(config.databaseDirectUrl),
    redisUrl: config.redisUrl?.replace(/\/\/([^@/]*)@/, '//[redacted]@'),
  };
}

/** `postgres://user:secret@host/db` → `postgres://user:[redacted]@host/db`. */
export function redactUrlPassword(url: string | undefined): string | undefined {
  return url?.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:[redacted]@');
}
