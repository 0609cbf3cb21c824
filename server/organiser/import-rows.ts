// Reads an attendee import (CSV streamed through csv-parse, or JSON) into validated rows.
// The first bad row stops the read with an ImportRowError naming where it is: for CSV the
// line in the file as the user sees it (header = line 1), for JSON the 1-based position.
import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import {
  importColumns,
  importJsonRequestSchema,
  importRowSchema,
  MAX_IMPORT_ROWS,
  type ImportErrorDetails,
  type ImportRow,
} from '../../shared/protocol/attendees-import.ts';
import { AppError } from '../http/app-error.ts';

export interface ValidRow extends ImportRow {
  /** 1-based data row. */
  row: number;
  /** CSV only: the file line the row ends on. */
  line?: number;
}

export function importRowError(details: ImportErrorDetails): AppError {
  const where = details.line !== undefined ? `Line ${details.line}` : `Row ${details.row}`;
  return new AppError('validation_failed', 400, `${where}, column ${details.column}: ${details.reason}. Nothing was imported.`, details);
}

/** Validates one row; the first problem becomes an ImportRowError. */
function checkRow(values: unknown, row: number, line: number | undefined, seen: Map<string, number>): ValidRow {
  const parsed = importRowSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const column = issue.path.length ? String(issue.path[0]) : '(row)';
    throw importRowError({ line, row, column, reason: issue.message });
  }
  const code = parsed.data.ticket_code;
  const first = seen.get(code);
  if (first !== undefined) {
    throw importRowError({ line, row, column: 'ticket_code', reason: `duplicate of the ticket code on ${line !== undefined ? 'line' : 'row'} ${first}` });
  }
  seen.set(code, line ?? row);
  return { ...parsed.data, row, line };
}

function tooMany(row: number, line?: number): AppError {
  return importRowError({ row, line, column: '(row)', reason: `an import holds at most ${MAX_IMPORT_ROWS} rows` });
}

const knownColumns = new Set<string>(importColumns);

/** Lower-cases the header and refuses columns we do not know (a typo would lose data). */
function csvHeader(header: string[]): string[] {
  const names = header.map((h) => h.trim().toLowerCase());
  const unknown = names.find((n) => !knownColumns.has(n));
  if (unknown !== undefined) {
    throw importRowError({ line: 1, row: 0, column: unknown || '(empty)', reason: `unknown column; use ${importColumns.join(', ')}` });
  }
  if (!names.includes('ticket_code')) {
    throw importRowError({ line: 1, row: 0, column: 'ticket_code', reason: 'the header row must name a ticket_code column' });
  }
  return names;
}

/** Streams CSV (header row, BOM, quotes, CRLF all handled by csv-parse). */
export async function readCsvRows(body: ReadableStream<Uint8Array> | null): Promise<ValidRow[]> {
  if (!body) throw importRowError({ line: 1, row: 0, column: '(header)', reason: 'the file is empty' });
  const rows: ValidRow[] = [];
  const seen = new Map<string, number>();
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    columns: csvHeader,
    // Rows are checked as they are parsed and kept here; nothing flows downstream, which
    // saves the per-record cost of an object-mode stream.
    on_record: (record: Record<string, string>, context: { lines: number }) => {
      const row = rows.length + 1;
      if (row > MAX_IMPORT_ROWS) throw tooMany(row, context.lines);
      rows.push(checkRow(record, row, context.lines, seen));
      return null;
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as NodeWebStream<Uint8Array>), parser.resume());
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw csvSyntaxError(err, rows.length + 1);
  }
  if (rows.length === 0) throw importRowError({ line: 2, row: 1, column: '(row)', reason: 'the file has a header but no attendees' });
  return rows;
}

/** csv-parse's own errors (bad quotes, wrong number of fields) → the import error shape. */
function csvSyntaxError(err: unknown, row: number): AppError {
  const e = err as { code?: string; message?: string; lines?: number };
  if (!e.code?.startsWith('CSV_')) throw err;
  const reason = e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' ? 'the row does not have as many fields as the header' : (e.message ?? 'not valid CSV');
  return importRowError({ line: e.lines, row, column: '(row)', reason });
}

/** `{attendees: [...]}`; row numbers are positions in the array, from 1. */
export function readJsonRows(body: unknown): ValidRow[] {
  const parsed = importJsonRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue.code === 'too_big') throw tooMany(MAX_IMPORT_ROWS + 1);
    throw new AppError('validation_failed', 400, `Invalid body: ${issue.path.join('.') || '(body)'}: ${issue.message}`, {
      issues: [{ path: issue.path.join('.') || '(body)', message: issue.message }],
    });
  }
  const seen = new Map<string, number>();
  return parsed.data.attendees.map((values, i) => checkRow(values, i + 1, undefined, seen));
}
