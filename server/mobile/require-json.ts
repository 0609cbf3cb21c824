import type { MiddlewareHandler } from 'hono';
import { AppError } from '../http/app-error.ts';

/** A body that is not declared as JSON is a 415, not a list of missing fields. */
export const requireJson: MiddlewareHandler = async (c, next) => {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type)) {
    throw new AppError('unsupported_media_type', 415, 'Send the body as JSON with `Content-Type: application/json`', { path: '(content-type)' });
  }
  await next();
};
