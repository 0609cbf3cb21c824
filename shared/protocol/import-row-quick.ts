// The fast path of importRowSchema for the rows it plainly accepts: a 100k-row import spent
// more time in zod than in Postgres. quickImportRow gives exactly what the schema's parse gives,
// or undefined when it cannot tell at a glance; the schema then decides and says what is wrong.
import { z } from 'zod';
import type { ImportRow } from './attendees-import.ts';
import { MAX_TICKET_CODE_LENGTH } from './common.ts';
import { importStatusOf } from './import-columns.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
const controlCharacter = /[\u0000-\u001f\u007f]/;
const digits = /^\d+$/;

/** A text column as `text(max).default('')` reads it; undefined when the schema would refuse it. */
function text(v: unknown, max: number): string | undefined {
  if (v === undefined) return '';
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  return s.length <= max ? s : undefined;
}

/** allowed_checkins as the schema reads it: null when not given; false when it would refuse it. */
function allowance(v: unknown): number | null | false {
  if (v === undefined) return null;
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string') {
    const s = v.trim();
    if (s === '') return null;
    if (!digits.test(s)) return false;
    n = Number(s);
  } else return false;
  return Number.isInteger(n) && n >= 0 && n <= 1000 ? n : false;
}

/** Statuses seen lately (a file holds a handful of spellings; bounded all the same). */
const statusCache = new Map<string, ImportRow['status']>();

function status(v: unknown): ImportRow['status'] | undefined {
  if (v === undefined) return 'valid';
  if (typeof v !== 'string') return undefined;
  const cached = statusCache.get(v);
  if (cached) return cached;
  const s = importStatusOf(v);
  if (s && statusCache.size < 64) statusCache.set(v, s);
  return s;
}

/** The row exactly as `importRowSchema.parse(values)` returns it, or undefined: ask the schema. */
export function quickImportRow(values: unknown): ImportRow | undefined {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return undefined;
  const v = values as Record<string, unknown>;
  const ticket_code = text(v.ticket_code, MAX_TICKET_CODE_LENGTH);
  if (!ticket_code || controlCharacter.test(ticket_code)) return undefined;
  const first_name = text(v.first_name, 200);
  const last_name = text(v.last_name, 200);
  const ticket_type = text(v.ticket_type, 200);
  if (first_name === undefined || last_name === undefined || ticket_type === undefined) return undefined;
  const email = v.email === undefined ? '' : v.email;
  if (typeof email !== 'string' || (email !== '' && (email.length > 254 || !z.regexes.email.test(email)))) return undefined;
  const allowed_checkins = allowance(v.allowed_checkins);
  if (allowed_checkins === false) return undefined;
  const rowStatus = status(v.status);
  if (!rowStatus) return undefined;
  return { ticket_code, first_name, last_name, email, ticket_type, allowed_checkins, status: rowStatus };
}
