// GET /api/openapi.json: every route the app registers is in the document under its
// method, the request schemas are the very ones the routes validate with, and the document
// is valid OpenAPI 3.1 (checked against the official schema by a validator).
import { Validator } from '@seriousme/openapi-schema-validator';
import { z } from 'zod';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkInRequestSchema } from '../../shared/protocol/check-in.ts';
import { listAttendeesQuerySchema } from '../../shared/protocol/attendees-import.ts';
import { makeTestApp } from '../test/app.ts';
import { useTestDatabase } from '../test/db.ts';
import { apiRoutes, openApiPath, routeKey, type OpenApiDocument } from './document.ts';
import { requestSchemaOf } from './request-schemas.ts';
import { routeDocs } from './route-docs.ts';

type Operation = {
  parameters?: Array<{ name: string; in: string; required: boolean }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, unknown>;
};

describe('GET /api/openapi.json', () => {
  const t = useTestDatabase('pglite');
  let app: ReturnType<typeof makeTestApp>['app'];
  let doc: OpenApiDocument;

  beforeAll(async () => {
    ({ app } = makeTestApp(t().database));
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    doc = (await res.json()) as OpenApiDocument;
  });

  const op = (method: string, path: string) => doc.paths[openApiPath(path)]?.[method.toLowerCase()] as Operation | undefined;

  it('holds every route the app registers, under its method', () => {
    const routes = apiRoutes(app.routes);
    const keys = new Set(routes.map((r) => routeKey(r.method, r.path)));
    // The app really has its routes (not an empty list passing vacuously), this one included.
    expect(keys.size).toBeGreaterThan(40);
    expect(keys).toContain('GET /api/openapi.json');
    expect(keys).toContain('POST /api/v1/check-in');
    for (const r of routes) expect(op(r.method, r.path), `${r.method} ${r.path}`).toBeDefined();
    // Only middleware (ALL) and the PWA's page fallback are left out.
    const left = app.routes.filter((r) => !routes.includes(r));
    expect(new Set(left.map((r) => (r.method === 'ALL' ? 'ALL' : `${r.method} ${r.path}`)))).toEqual(new Set(['ALL', 'GET /*']));
    // And the document names nothing the app does not serve.
    const documented = Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));
    expect(new Set(documented)).toEqual(new Set([...keys].map((k) => k.replace(/^(\S+) (.*)$/, (_, m: string, p: string) => `${m} ${openApiPath(p)}`))));
    expect(Object.keys(routeDocs).filter((k) => !keys.has(k))).toEqual([]);
  });

  it('is valid OpenAPI 3.1', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(structuredClone(doc) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    // The validator does reject a broken document (a response without its description).
    const broken = structuredClone(doc) as unknown as { paths: Record<string, Record<string, { responses: Record<string, object> }>> };
    broken.paths['/health'].get.responses['200'] = {};
    expect((await new Validator().validate(broken as never)).valid).toBe(false);
  });

  it('describes each request with the schema its route validates', () => {
    for (const r of app.routes) {
      const input = requestSchemaOf(r.handler);
      if (!input || r.method === 'ALL') continue;
      const o = op(r.method, r.path)!;
      const names = Object.keys((z.toJSONSchema(input.schema, { io: 'input', unrepresentable: 'any' }) as { properties?: object }).properties ?? {});
      if (input.target === 'json') expect(o.requestBody?.content['application/json'], `${r.method} ${r.path}`).toBeDefined();
      if (input.target === 'query')
        for (const n of names)
          expect(
            o.parameters?.find((p) => p.in === 'query' && p.name === n),
            `${r.path} ?${n}`,
          ).toBeDefined();
      if (input.target === 'param')
        for (const n of names)
          expect(
            o.parameters?.find((p) => p.in === 'path' && p.name === n),
            `${r.path} :${n}`,
          ).toBeDefined();
    }
    const checkIn = op('POST', '/api/v1/check-in')!;
    const { $schema: _, ...expected } = z.toJSONSchema(checkInRequestSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    expect(checkIn.requestBody!.content['application/json'].schema).toEqual(expected);
    expect(checkIn.responses).toHaveProperty('200');
    const listQuery = Object.keys((z.toJSONSchema(listAttendeesQuerySchema, { io: 'input' }) as { properties: object }).properties);
    expect(
      op('GET', '/api/v1/events/:id/attendees')!
        .parameters!.map((p) => p.name)
        .sort(),
    ).toEqual(['id', ...listQuery].sort());
    expect(op('POST', '/api/v1/events')!.responses).toHaveProperty('201');
  });
});
