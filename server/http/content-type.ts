// The one place that reads a request's Content-Type. Write routes take JSON only: any
// other type is a 415 that says so, rather than a confusing "field missing" from
// validating an empty body.
import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from './app-error.ts';

/** The request's media type, lower case, without parameters ('' when absent). */
export function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

/** application/json or a structured +json type (application/merge-patch+json …). */
export function isJsonMediaType(type: string): boolean {
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}

/** The 415 for a body of the wrong type; `message` says what to send instead. */
export function unsupportedMediaType(type: string, message: string): AppError {
  return new AppError('unsupported_media_type', 415, `${message} (got ${type || 'none'})`, {
    path: '(content-type)',
    content_type: type || null,
  });
}

export const requireJson: MiddlewareHandler = async (c, next) => {
  const type = mediaType(c);
  if (!isJsonMediaType(type)) throw unsupportedMediaType(type, 'Send a JSON body with Content-Type: application/json');
  await next();
};

/** The body parsed as JSON; malformed JSON is the same 400 as Hono's own JSON validator gives. */
export async function readJsonBody(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new AppError('invalid_json', 400, 'Request body is not valid JSON', { path: '(body)' });
  }
}
