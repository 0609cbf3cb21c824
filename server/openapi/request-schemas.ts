// The request schemas a route really validates with: `validate()` (http/validate.ts) files
// each validator middleware here with its target and zod schema, so the OpenAPI document
// reads them off the app's own routes instead of a copy.
import type { z } from 'zod';

export type RequestTarget = 'json' | 'query' | 'param' | 'form' | 'header';

export interface RequestSchema {
  target: RequestTarget;
  schema: z.ZodType;
}

const bySchemaMiddleware = new WeakMap<object, RequestSchema>();

/** Remembers which schema a validator middleware applies. Returns the middleware. */
export function fileRequestSchema<M extends object>(middleware: M, target: RequestTarget, schema: z.ZodType): M {
  bySchemaMiddleware.set(middleware, { target, schema });
  return middleware;
}

/** The schema a route handler validates with, if it is a validator. */
export function requestSchemaOf(handler: unknown): RequestSchema | undefined {
  return typeof handler === 'function' ? bySchemaMiddleware.get(handler) : undefined;
}
