// Request validators that answer in the error envelope, naming the field at fault.
import { zValidator } from '@hono/zod-validator';
import type { z } from 'zod';
import { validationError } from './app-error.ts';

type Target = 'json' | 'query' | 'param' | 'form' | 'header';

export const validate = <T extends z.ZodType, K extends Target>(target: K, schema: T) =>
  zValidator(target, schema, (result) => {
    if (!result.success) throw validationError(result.error, target === 'json' ? 'body' : target);
  });
