// The single error handler: AppError → its status and code; Hono's own HTTP errors
// (malformed JSON, body limit) → the matching code; a database that cannot be reached →
// 503 database_unavailable; anything else → 500 without internals.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import type { ErrorEnvelope } from '../../shared/errors.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { AppError } from './app-error.ts';

function envelope(c: Context, err: AppError) {
  const body: ErrorEnvelope = { error: { code: err.code, message: err.message, details: err.details } };
  for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
  return c.json(body, err.status);
}

export function fromHttpException(err: HTTPException): AppError {
  const message = err.message || 'Bad request';
  if (err.status === 413) return new AppError('payload_too_large', 413, 'Request body is larger than allowed');
  if (err.status === 415) return new AppError('unsupported_media_type', 415, message);
  if (err.status === 401) return new AppError('unauthorized', 401, message);
  if (err.status === 400 && /json/i.test(message)) {
    return new AppError('invalid_json', 400, 'Request body is not valid JSON', { path: '(body)' });
  }
  return new AppError(err.status >= 500 ? 'internal_error' : 'bad_request', err.status as AppError['status'], message);
}

export function onError(logger: Logger) {
  return (err: Error, c: Context) => {
    if (err instanceof AppError) return envelope(c, err);
    if (err instanceof HTTPException) return envelope(c, fromHttpException(err));
    const requestId = c.get('requestId') as string | undefined;
    if (isDatabaseUnavailable(err)) {
      logger.warn({ err, requestId, method: c.req.method, path: c.req.path }, 'database unavailable');
      return envelope(c, new AppError('database_unavailable', 503, 'The database is unavailable; try again shortly'));
    }
    logger.error({ err, requestId, method: c.req.method, path: c.req.path }, 'unhandled error');
    return envelope(c, new AppError('internal_error', 500, `Something went wrong on the server (request ${requestId ?? 'unknown'})`));
  };
}
