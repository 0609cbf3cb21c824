// The one error type routes throw; `onError` turns it into the envelope.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { fieldIssues, type ErrorCode } from '../../shared/errors.ts';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: ContentfulStatusCode,
    message: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. Retry-After on 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('not_found', 404, `${what} not found`);
export const forbidden = (message = 'You may not do this') => new AppError('forbidden', 403, message);
export const unauthorized = (message = 'Sign in first') => new AppError('unauthorized', 401, message);

/** A 400 naming each field that is wrong. */
export function validationError(error: Pick<z.ZodError, 'issues'> | z.core.$ZodError, where = 'body'): AppError {
  const issues = fieldIssues(error);
  const first = issues[0];
  const summary = first ? `${first.path}: ${first.message}` : 'invalid input';
  return new AppError('validation_failed', 400, `Invalid ${where}: ${summary}`, { issues });
}
