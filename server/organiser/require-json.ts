// Console write routes take JSON only: any other Content-Type is a 415 that says so,
// rather than a confusing "field missing" from validating an empty body.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { AppError } from '../http/app-error.ts';

export const requireJson: MiddlewareHandler<AppEnv> = async (c, next) => {
  const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) {
    throw new AppError('unsupported_media_type', 415, `Send a JSON body with Content-Type: application/json (got ${type || 'none'})`, {
      content_type: type || null,
    });
  }
  await next();
};
