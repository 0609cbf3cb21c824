// Builds the OpenAPI 3.1 document from the app's registered routes: the request schemas
// are the ones each route validates with (request-schemas.ts), the rest comes from
// route-docs.ts; every schema goes through zod's own JSON Schema (draft 2020-12) output.
import { z } from 'zod';
import { getOrInsert } from '../../shared/get-or-insert.ts';
import { dataEnvelope, errorEnvelopeSchema } from '../../shared/errors.ts';
import { SESSION_COOKIE } from '../../shared/protocol/console-auth.ts';
import { PROTOCOL_HEADER } from '../../shared/protocol/headers.ts';
import { requestSchemaOf, type RequestSchema } from './request-schemas.ts';
import { routeDocs, type RouteDoc } from './route-docs.ts';

type Json = Record<string, unknown>;

/** What Hono keeps per registered handler (`app.routes`). */
export interface RegisteredRoute {
  method: string;
  path: string;
  handler: unknown;
}

/** The routes an API document describes: not middleware (ALL) and not the PWA's page fallback. */
export function apiRoutes(routes: readonly RegisteredRoute[]): RegisteredRoute[] {
  return routes.filter((r) => r.method !== 'ALL' && r.path !== '/*');
}

export const routeKey = (method: string, path: string) => `${method} ${path}`;

/** `/api/v1/events/:id` → `/api/v1/events/{id}`. */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');

const pathParams = (path: string) => [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);

/** One schema as a JSON Schema (draft 2020-12); nested $defs move to components. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output', components: Json): Json {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' }) as Json;
  delete out.$schema;
  const defs = out.$defs as Json | undefined;
  delete out.$defs;
  if (!defs) return out;
  Object.assign(components, defs);
  return JSON.parse(JSON.stringify(out).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json;
}

function objectProperties(schema: z.ZodType, components: Json): Array<{ name: string; required: boolean; schema: Json; description?: string }> {
  const js = jsonSchema(schema, 'input', components);
  const props = (js.properties ?? {}) as Record<string, Json>;
  const required = new Set((js.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, s]) => ({ name, required: required.has(name), schema: s, description: s.description as string | undefined }));
}

const securityOf: Record<RouteDoc['auth'], Json[]> = {
  none: [],
  console: [{ consoleSession: [] }],
  phone: [{ phoneToken: [] }],
  'phone-or-console': [{ phoneToken: [] }, { consoleSession: [] }],
};

function operation(method: string, path: string, doc: RouteDoc, inputs: RequestSchema[], components: Json): Json {
  const parameters: Json[] = [];
  const paramSchema = inputs.find((i) => i.target === 'param');
  const validatedParams = new Map(paramSchema ? objectProperties(paramSchema.schema, components).map((p) => [p.name, p.schema]) : []);
  for (const name of pathParams(path)) parameters.push({ name, in: 'path', required: true, schema: validatedParams.get(name) ?? { type: 'string' } });
  for (const input of inputs.filter((i) => i.target === 'query')) {
    for (const p of objectProperties(input.schema, components)) {
      parameters.push({ name: p.name, in: 'query', required: p.required, schema: p.schema, ...(p.description ? { description: p.description } : {}) });
    }
  }
  if (path.startsWith('/api/v1/mobile/') || path.startsWith('/api/v1/check-in')) {
    parameters.push({
      name: PROTOCOL_HEADER,
      in: 'header',
      required: false,
      schema: { type: 'string' },
      description: 'Phone protocol version (refused with 426/400 when unsupported)',
    });
  }
  const op: Json = {
    operationId: `${method.toLowerCase()}${openApiPath(path).replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    summary: doc.summary,
    tags: [doc.tag],
    security: securityOf[doc.auth],
    ...(parameters.length ? { parameters } : {}),
  };
  const json = inputs.find((i) => i.target === 'json');
  const bodies = doc.body ?? (json ? { 'application/json': json.schema } : undefined);
  if (bodies) {
    op.requestBody = {
      required: true,
      content: Object.fromEntries(Object.entries(bodies).map(([type, schema]) => [type, { schema: jsonSchema(schema, 'input', components) }])),
    };
  }
  const answer = doc.answer;
  const ok =
    'stream' in answer
      ? {
          description: answer.description,
          content: {
            [answer.stream]: {
              schema: { type: 'string' },
              ...(answer.events ? { 'x-event-data-schema': jsonSchema(answer.events, 'output', components) } : {}),
            },
          },
        }
      : {
          description: 'Success',
          content: { 'application/json': { schema: jsonSchema('data' in answer ? dataEnvelope(answer.data) : answer.json, 'output', components) } },
        };
  op.responses = { [String(answer.status ?? 200)]: ok, default: { $ref: '#/components/responses/Error' } };
  return op;
}

export interface OpenApiDocument extends Json {
  openapi: '3.1.0';
  paths: Record<string, Record<string, Json>>;
}

/** The document for these registered routes. Throws when a route has no entry in route-docs.ts. */
export function buildOpenApiDocument(routes: readonly RegisteredRoute[], version: string): OpenApiDocument {
  const components: Json = {};
  const inputsByRoute = new Map<string, RequestSchema[]>();
  for (const r of routes) {
    const input = requestSchemaOf(r.handler);
    if (input && r.method !== 'ALL') getOrInsert(inputsByRoute, routeKey(r.method, r.path), (): RequestSchema[] => []).push(input);
  }
  const paths: OpenApiDocument['paths'] = {};
  const seen = new Set<string>();
  for (const r of apiRoutes(routes)) {
    const key = routeKey(r.method, r.path);
    if (seen.has(key)) continue;
    seen.add(key);
    const doc = routeDocs[key];
    if (!doc) throw new Error(`route ${key} has no entry in server/openapi/route-docs.ts`);
    paths[openApiPath(r.path)] ??= {};
    const item = paths[openApiPath(r.path)];
    item[r.method.toLowerCase()] = operation(r.method, r.path, doc, inputsByRoute.get(key) ?? [], components);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'FastCheck API',
      version,
      description:
        'Event check-in: the console (session cookie) and scanner phones (Bearer token). Every answer is {"data": …} or {"error": {code, message, details}}.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas: { ...components, Error: jsonSchema(errorEnvelopeSchema, 'output', components) },
      responses: {
        Error: { description: 'An error in the one envelope of the API', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
      securitySchemes: {
        consoleSession: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: 'Console session (POST /api/v1/auth/login); requests must come from the same origin (CSRF check)',
        },
        phoneToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Device token from POST /api/v1/mobile/login' },
      },
    },
  };
}
