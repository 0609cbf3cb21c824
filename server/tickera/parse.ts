// Zod parsers for every Tickera answer. Real sites send both the old native JSON types
// and the current string-typed form ("1"/"" booleans, numeric strings), HTML entities in
// display strings, bare JSON strings for errors and a trailing `additional` element.
import { z } from 'zod';
import { decodeEntities } from './entities.ts';

const trueWords = new Set(['1', 'true', 'yes']);
const falseWords = new Set(['', '0', 'false', 'no']);

/** true / 1 / "1" / "true" → true; false / 0 / "" / "0" / null → false. */
export const boolish = z.union([z.boolean(), z.number(), z.string(), z.null()]).transform((v, ctx) => {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  const w = v.trim().toLowerCase();
  if (trueWords.has(w)) return true;
  if (falseWords.has(w)) return false;
  ctx.addIssue({ code: 'custom', message: `expected a true/false value, got "${v.slice(0, 20)}"` });
  return z.NEVER;
});

/** A number, or a numeric string ("412", "0.0213"). */
export const numberish = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const n = typeof v === 'number' ? v : v.trim() === '' ? Number.NaN : Number(v);
  if (!Number.isFinite(n)) {
    ctx.addIssue({ code: 'custom', message: `expected a number, got "${String(v).slice(0, 20)}"` });
    return z.NEVER;
  }
  return n;
});

export const countish = numberish.pipe(z.number().int('must be a whole number').min(0, 'must not be negative'));

/** A display string: scalars become strings, entities are decoded, null is "". */
export const text = z.union([z.string(), z.number(), z.boolean(), z.null()]).transform((v) => (v === null ? '' : decodeEntities(String(v)).trim()));

export const checkCredentialsSchema = z.object({
  pass: boolish,
  admin_email: text.optional(),
  check_type: text.optional(),
  execution_time: numberish.optional(),
});
export type CheckCredentials = z.output<typeof checkCredentialsSchema>;

export const eventEssentialsSchema = z.object({
  pass: boolish.optional(),
  sold_tickets: countish,
  checked_tickets: countish.optional(),
  event_name: text.default(''),
  event_date_time: text.default(''),
  event_location: text.default(''),
  execution_time: numberish.optional(),
});
export type EventEssentials = z.output<typeof eventEssentialsSchema>;

/** One `[label, value]` pair; add-ons occasionally send longer rows, extra cells are ignored. */
const customFieldSchema = z
  .array(text)
  .min(2, 'a custom field must be a [label, value] pair')
  .transform(([label, value]) => ({ label: label!, value: value! }));

export const ticketRecordSchema = z.object({
  checksum: text.pipe(z.string().min(1, 'the ticket code (checksum) must not be empty').max(256)),
  transaction_id: text.optional(),
  buyer_first: text.default(''),
  buyer_last: text.default(''),
  custom_fields: z.array(customFieldSchema).default([]),
  allowed_checkins: countish,
  date_checked: text.default(''),
  payment_date: text.default(''),
});
export type TicketRecord = z.output<typeof ticketRecordSchema>;

const additionalSchema = z.object({ results_count: countish, execution_time: numberish.optional() });

/**
 * A tickets_info page: `{data}` items then one `{additional}` item. Items are kept raw
 * here so that the sync can name the exact record that fails validation.
 */
export const ticketsPageSchema = z
  .array(z.union([z.object({ data: z.record(z.string(), z.unknown()) }), z.object({ additional: additionalSchema })]))
  .transform((items) => {
    const records: Array<Record<string, unknown>> = [];
    let resultsCount: number | undefined;
    for (const item of items) {
      if ('data' in item) records.push(item.data);
      else resultsCount = item.additional.results_count;
    }
    return { records, resultsCount };
  });
export type TicketsPage = z.output<typeof ticketsPageSchema>;

/** check_in: an object whether admitted or not, or a bare string for unknown / out-of-scope codes. */
export const checkInSchema = z.union([
  z.string().transform((message) => ({ kind: 'refused' as const, message: decodeEntities(message) })),
  z
    .object({ status: boolish, pass: boolish.optional(), checksum: text.optional(), name: text.optional() })
    .transform((o) => ({ kind: 'recorded' as const, admitted: o.status, checksum: o.checksum, name: o.name })),
]);
export type CheckInAnswer = z.output<typeof checkInSchema>;

export const ticketCheckinsSchema = z.array(z.object({ data: z.object({ date_checked: text, status: text }) }).transform((i) => i.data));
export type TicketCheckins = z.output<typeof ticketCheckinsSchema>;

/** The WordPress REST index, for the site's timezone (WP ≥ 4.7.4). */
export const wpIndexSchema = z.object({
  name: text.optional(),
  timezone_string: z.string().optional().catch(undefined),
  gmt_offset: numberish.optional().catch(undefined),
});
export type WpIndex = z.output<typeof wpIndexSchema>;

// Labels are translatable since 3.5.6.8: match several languages, then fall back on position.
const typeLabels = [
  'ticket type',
  'tickettype',
  'ticket-type',
  'tickettyp',
  'type de billet',
  'tipo de entrada',
  'tipo di biglietto',
  'ticketsoort',
  'kaartsoort',
];
const attendeeEmailLabels = ['attendee e-mail', 'attendee email', 'e-mail deelnemer', 'teilnehmer e-mail', 'e-mail du participant', 'correo del asistente'];
const buyerEmailLabels = ['buyer e-mail', 'buyer email', 'e-mail koper', 'käufer e-mail', "e-mail de l'acheteur", 'correo del comprador'];
const looksLikeEmail = (s: string | undefined) => !!s && /^[^\s@]+@[^\s@]+$/.test(s);

function byLabel(fields: TicketRecord['custom_fields'], labels: string[]): string | undefined {
  return fields.find((f) => labels.includes(f.label.toLowerCase()))?.value;
}

/** The parts of a record FastCheck keeps, from labels where they are known, else by position. */
export function recordDetails(record: TicketRecord): { ticketType: string; email: string } {
  const f = record.custom_fields;
  const ticketType = byLabel(f, typeLabels) ?? f[0]?.value ?? '';
  const attendee = byLabel(f, attendeeEmailLabels) ?? (looksLikeEmail(f[4]?.value) ? f[4]!.value : undefined);
  const buyer = byLabel(f, buyerEmailLabels) ?? (looksLikeEmail(f[3]?.value) ? f[3]!.value : undefined);
  return { ticketType: ticketType || 'General', email: attendee || buyer || '' };
}
