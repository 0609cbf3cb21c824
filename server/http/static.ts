// Serves the built PWA from dist/: hashed assets cached forever, the service worker and
// the HTML never cached (so updates are seen), unknown non-API GETs fall back to the app.
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';

/** Never pages: the API, and /metrics (served on 127.0.0.1:METRICS_PORT only): a JSON 404 here. */
const notPage = (path: string) => path.startsWith('/api/') || path === '/metrics';

export const distDir = fileURLToPath(new URL('../../dist', import.meta.url));

export function mountStatic(app: Hono<AppEnv>): void {
  const root = relative(process.cwd(), distDir) || '.';
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    await next();
    const type = c.res.headers.get('content-type') ?? '';
    if (c.req.path === '/sw.js' || type.startsWith('text/html') || c.req.path.endsWith('.webmanifest')) {
      c.header('Cache-Control', 'no-cache');
    }
  });
  app.get('*', async (c, next) => (notPage(c.req.path) ? next() : serveStatic({ root })(c, next)));
  // Single-page app: any other page path gets index.html.
  app.get('*', async (c, next) => {
    if (notPage(c.req.path) || c.req.path.includes('.') || !existsSync(`${distDir}/index.html`)) return next();
    return serveStatic({ root, path: /^\/console(\/|$)/.test(c.req.path) ? 'console/index.html' : 'index.html' })(c, next);
  });
}
