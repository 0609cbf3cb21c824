// How an attendee file may name its columns and spell its values: our own snake_case
// names, the Title Case a spreadsheet gives them ("Ticket Code"), and the columns of
// Tickera's attendee CSV export. Written once here; the server reads files with it and the
// console shows it.
import { attendeeStatuses } from './value-lists.ts';

export const importColumns = ['ticket_code', 'first_name', 'last_name', 'email', 'ticket_type', 'allowed_checkins', 'status'] as const;
export type ImportColumn = (typeof importColumns)[number];

/** A header compared without case, spaces, underscores, hyphens or other punctuation: "Ticket Code" = "ticket_code". */
export const headerKey = (header: string): string =>
  header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

/** Every spelling of each column (besides the column's own name), compared with headerKey. */
export const importColumnAliases: Record<ImportColumn, readonly string[]> = {
  ticket_code: ['Ticket Code', 'Code', 'Barcode', 'Ticket Number', 'Ticket No'],
  first_name: ['First Name', 'Attendee First Name', 'Firstname', 'Given Name', 'Vorname'],
  last_name: ['Last Name', 'Attendee Last Name', 'Lastname', 'Surname', 'Family Name', 'Nachname'],
  email: ['E-mail', 'Email Address', 'Attendee E-mail', 'Attendee Email'],
  ticket_type: ['Ticket Type', 'Type', 'Ticket Category', 'Ticketart'],
  allowed_checkins: ['Allowed Check-ins', 'Check-ins Allowed', 'Max Check-ins'],
  // Tickera's export has no ticket status, only its order's: read through importStatusAliases.
  status: ['Ticket Status', 'Order Status'],
};

/**
 * Columns of Tickera's attendee CSV export (CSV Export add-on, "Show Columns") that carry
 * nothing a door needs. "Ticket ID" is Tickera's numeric post id, not the code on the ticket.
 * A header holding any of them is a Tickera export: its other unknown columns (custom
 * form fields) are read past as well, and the result names them all.
 */
export const tickeraExportOtherColumns = [
  'Attendee Full Name',
  'Attendee Phone',
  'Payment Date',
  'Order Number',
  'Order Total',
  'Order Total (Shown Once)',
  'Payment Gateway',
  'Discount Code',
  'Ticket ID',
  'Buyer First Name',
  'Buyer Last Name',
  'Buyer Full Name',
  'Buyer Email',
  'Buyer Phone',
  'Checked-in',
  'Check-ins',
  'Api Key',
  'Price',
  'Event',
] as const;

/**
 * Status words read besides valid, cancelled and revoked (any case). Tickera's order statuses:
 * a paid order's ticket is valid; Tickera itself refuses any other at its door, so do we.
 */
export const importStatusAliases: Record<string, (typeof attendeeStatuses)[number]> = {
  paid: 'valid',
  orderpaid: 'valid',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  ordercancelled: 'cancelled',
  refunded: 'cancelled',
  orderrefunded: 'cancelled',
  fraud: 'cancelled',
  frauddetected: 'cancelled',
  orderfraud: 'cancelled',
  received: 'cancelled',
  orderreceived: 'cancelled',
  pending: 'cancelled',
  pendingreceived: 'cancelled',
};

/** The words a status cell may hold, as an error tells them. */
export const importStatusHelp = `one of ${attendeeStatuses.join(', ')} (or empty for valid; Tickera's order statuses Paid, Pending, Cancelled, Refunded and Fraud are read too)`;

/** The status a cell means, or undefined when it is not one we read. Empty = valid. */
export function importStatusOf(cell: string): (typeof attendeeStatuses)[number] | undefined {
  const key = headerKey(cell);
  if (key === '') return 'valid';
  const own = attendeeStatuses.find((s) => s === key);
  return own ?? importStatusAliases[key];
}

/** Ticket type names compared without case or extra spaces: "vip  pass" is "VIP Pass". */
export const ticketTypeKey = (name: string): string => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');

const columnByKey = new Map<string, ImportColumn>();
for (const column of importColumns) {
  columnByKey.set(headerKey(column), column);
  for (const alias of importColumnAliases[column]) columnByKey.set(headerKey(alias), column);
}
const tickeraKeys = new Set<string>(tickeraExportOtherColumns.map(headerKey));

/** What one header cell is: one of our columns, a Tickera column we read past, or unknown. */
export function classifyHeader(header: string): { column: ImportColumn } | { tickera: true } | { unknown: true } {
  const key = headerKey(header);
  const column = columnByKey.get(key);
  if (column) return { column };
  return tickeraKeys.has(key) ? { tickera: true } : { unknown: true };
}
