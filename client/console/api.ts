// The console's one door to the server: same-origin fetches (the session is an HttpOnly
// cookie, the browser adds Origin for CSRF), JSON bodies, and every answer read by the
// shared envelope reader. A failure becomes an ApiError carrying the server's own words;
// a 401 also sends the app back to sign-in.
import { z } from 'zod';
import { ApiError, readResponse } from '../../shared/api-answer.ts';
import { fieldIssueSchema } from '../../shared/errors.ts';

export { ApiError };

/** The field problems a validation error names, if any. */
export function fieldProblems(error: unknown): Array<{ path: string; message: string }> {
  if (!(error instanceof ApiError)) return [];
  const details = z.object({ issues: z.array(fieldIssueSchema) }).safeParse(error.details);
  return details.success ? details.data.issues : [];
}

/** Called on any 401 so the app can go back to sign-in. */
let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** A JSON value, or a Blob/File sent as-is with `contentType`. */
  body?: unknown;
  contentType?: string;
}

export async function api<T>(path: string, schema: z.ZodType<T>, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, contentType } = options;
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof Blob) {
    payload = body;
    headers['content-type'] = contentType ?? (body.type || 'application/octet-stream');
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network_error', 'Cannot reach the FastCheck server. Check the connection and try again.');
  }
  if (res.status === 401 && !path.endsWith('/auth/login')) onUnauthorized();
  return readResponse(res, schema);
}
