// The errors the organiser use cases share: a 400 naming one field, a 409 for a taken
// name, and recognising a unique-index violation from either driver.
import { AppError } from '../http/app-error.ts';

/** A 400 for one field, in the same shape as the validator's. */
export const fieldError = (path: string, message: string) =>
  new AppError('validation_failed', 400, `Invalid body: ${path}: ${message}`, { issues: [{ path, message }] });

/** A 409 for a unique field that is already used. */
export const taken = (path: string, message: string) => new AppError('conflict', 409, message, { issues: [{ path, message: 'is already taken' }] });

/** True when a query failed on a unique index (SQLSTATE 23505); drizzle wraps it in `cause`. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } } | undefined;
  return e?.code === '23505' || e?.cause?.code === '23505';
}
