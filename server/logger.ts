// Structured JSON logs. Known secret-bearing fields are redacted wherever they appear.
import pino, { type Logger } from 'pino';

export type { Logger };

export const redactPaths = [
  'password',
  '*.password',
  'credential',
  '*.credential',
  'api_key',
  '*.api_key',
  'apiKey',
  '*.apiKey',
  'token',
  '*.token',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { app: 'fastcheck' }, redact: { paths: redactPaths, censor: '[redacted]' } }, destination);
}
