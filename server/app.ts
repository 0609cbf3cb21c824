// createApp(deps): the whole HTTP surface, with no I/O of its own, so tests can call
// app.request() against a real database.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { AppDeps, AppEnv } from './app-env.ts';
import { AppError } from './http/app-error.ts';
import { onError } from './http/on-error.ts';
import { securityHeaders } from './http/security-headers.ts';
import { mountStatic } from './http/static.ts';
import { PHONE_PATHS, serverTimeHeader } from './http/server-time.ts';
import { mountRoutes } from './routes/index.ts';
import { mountOpenApi } from './openapi/route.ts';

export type { AppDeps, AppEnv };

export const MAX_BODY_BYTES = 1024 * 1024;
/** Routes that take large uploads set their own limit. */
const largeBodyPaths = [/^\/api\/v1\/events\/[^/]+\/attendees\/import$/];

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(onError(deps.logger));
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}` } }, 404));
  app.use('*', requestId());
  if (deps.services?.requestMetrics) app.use('*', deps.services.requestMetrics);
  app.use('*', securityHeaders(deps.config));
  app.use('/api/*', async (c, next) => {
    if (largeBodyPaths.some((re) => re.test(c.req.path))) return next();
    return bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new AppError('payload_too_large', 413, `Request body is larger than ${MAX_BODY_BYTES} bytes`);
      },
    })(c, next);
  });
  const stampTime = serverTimeHeader(deps.clock);
  for (const path of PHONE_PATHS) app.use(path, stampTime);
  mountRoutes(app, deps);
  mountOpenApi(app);
  mountStatic(app);
  return app;
}
