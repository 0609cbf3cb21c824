// GET /api/openapi.json: the OpenAPI 3.1 document of this app, built once from its own
// registered routes on the first request (all routes are mounted by then).
import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { buildOpenApiDocument, type OpenApiDocument } from './document.ts';

export const OPENAPI_PATH = '/api/openapi.json';

const packageVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export function mountOpenApi(app: Hono<AppEnv>): void {
  let document: OpenApiDocument | undefined;
  app.get(OPENAPI_PATH, (c) => {
    document ??= buildOpenApiDocument(app.routes, packageVersion);
    c.header('Cache-Control', 'no-cache');
    return c.json(document);
  });
}
