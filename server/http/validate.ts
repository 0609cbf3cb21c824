// Request validators that answer in the error envelope, naming the field at fault. Each is
// filed with its schema so the OpenAPI document is built from the same objects.
import { zValidator } from '@hono/zod-validator';
import type { z } from 'zod';
import { fileRequestSchema, type RequestTarget } from '../openapi/request-schemas.ts';
import { validationError } from './app-error.ts';

export const validate = <T extends z.ZodType, K extends RequestTarget>(target: K, schema: T) =>
  fileRequestSchema(
    zValidator(target, schema, (result) => {
      if (!result.success) throw validationError(result.error, target === 'json' ? 'body' : target);
    }),
    target,
    schema,
  );
