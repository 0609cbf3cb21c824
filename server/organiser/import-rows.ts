// Reads an attendee import (CSV, by the fast reader or csv-parse, or JSON) into validated rows.
// Every bad line is found in one read: the first MAX_LISTED_PROBLEMS are listed (for CSV
// the line in the file as the user sees it, header = line 1; for JSON the 1-based
// position), the rest counted, and the import refused as a whole.
import { parse } from 'csv-parse';
import { pipeline } from 'node:stream/promises';
import {
  importJsonRequestSchema,
  importRowSchema,
  MAX_IMPORT_ROWS,
  MAX_LISTED_PROBLEMS,
  type ImportErrorDetails,
  type ImportProblem,
  type ImportRow,
} from '../../shared/protocol/attendees-import.ts';
import { quickImportRow } from '../../shared/protocol/import-row-quick.ts';
import type { ImportColumn } from '../../shared/protocol/import-columns.ts';
import { AppError } from '../http/app-error.ts';
import { CsvIrregular, readCsvRecords } from './csv-records.ts';
import { detectDelimiter, planHeader } from './import-header.ts';

export interface ValidRow extends ImportRow {
  /** 1-based data row. */
  row: number;
  /** CSV only: the file line the row ends on. */
  line?: number;
}

export interface ReadRows {
  rows: ValidRow[];
  /** Header cells read past (Tickera export columns). */
  ignoredColumns: string[];
}

const where = (p: ImportProblem) => (p.line !== undefined ? `Line ${p.line}` : `Row ${p.row}`);
const problemText = (p: ImportProblem) => `${where(p)}, column ${p.column}: ${p.reason}`;

/** The refusal for one or more problems: the first in full, every listed one in `details.problems`. */
export function importProblemsError(problems: ImportProblem[], more = 0): AppError {
  const total = problems.length + more;
  const details: ImportErrorDetails = { ...problems[0], problems, more };
  if (total === 1) return new AppError('validation_failed', 400, `${problemText(problems[0])}. Nothing was imported.`, details);
  const shown = problems.slice(0, 3).map(problemText).join('; ');
  const rest = total - Math.min(3, problems.length);
  return new AppError(
    'validation_failed',
    400,
    `${total.toLocaleString('en')} lines have problems. ${shown}${rest ? `; and ${rest.toLocaleString('en')} more` : ''}. Nothing was imported.`,
    details,
  );
}

export const importRowError = (problem: ImportProblem): AppError => importProblemsError([problem]);

/** Collects the problems of a read: the first MAX_LISTED_PROBLEMS kept, the rest counted. */
class ProblemList {
  readonly listed: ImportProblem[] = [];
  more = 0;
  add(problem: ImportProblem): void {
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(problem);
    else this.more++;
  }
  throwIfAny(): void {
    if (this.listed.length) throw importProblemsError(this.listed, this.more);
  }
}

/** Validates one row; its first problem goes to `problems` (one per line keeps the list readable). */
function checkRow(values: unknown, row: number, line: number | undefined, seen: Map<string, number>, problems: ProblemList): ValidRow | undefined {
  // Ordinary rows skip zod (the bulk of a large import's time); the schema explains the others.
  let valid = quickImportRow(values) as ValidRow | undefined;
  if (!valid) {
    const parsed = importRowSchema.safeParse(values);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.add({ line, row, column: issue.path.length ? String(issue.path[0]) : '(row)', reason: issue.message });
      // Its code still counts as taken: a later line with the same code is a duplicate too.
      const raw = (values as { ticket_code?: unknown } | null)?.ticket_code;
      if (typeof raw === 'string' && raw.trim() && !seen.has(raw.trim())) seen.set(raw.trim(), line ?? row);
      return undefined;
    }
    valid = { ...parsed.data } as ValidRow;
  }
  const code = valid.ticket_code;
  const first = seen.get(code);
  if (first !== undefined) {
    problems.add({ line, row, column: 'ticket_code', reason: `duplicate of the ticket code on ${line !== undefined ? 'line' : 'row'} ${first}` });
    return undefined;
  }
  seen.set(code, line ?? row);
  valid.row = row;
  valid.line = line;
  return valid;
}

function tooMany(row: number, line?: number): AppError {
  return importRowError({ row, line, column: '(row)', reason: `an import holds at most ${MAX_IMPORT_ROWS} rows` });
}

const HEAD_BYTES = 64 * 1024;
/** Valid rows are handed on in chunks of this many, so they are written while the rest is read. */
export const IMPORT_CHUNK_ROWS = 10_000;
/** The file goes to csv-parse in slices of this many bytes, the event loop turning between them. */
const SLICE_BYTES = 64 * 1024;

const wrongFieldCount = 'the row does not have as many fields as the header';

/**
 * The rows of one read as its records come: checked, numbered, kept, and handed on in chunks
 * until a problem is found (the import is refused then, so nothing more is handed on).
 */
class RowCollector {
  readonly rows: ValidRow[] = [];
  readonly problems = new ProblemList();
  private readonly seen = new Map<string, number>();
  private rowCount = 0;
  handed = 0;
  ignoredColumns: string[] = [];

  constructor(private readonly onRows: (rows: ValidRow[]) => void) {}

  /** The header's cells, placed (a header we cannot place refuses the import). */
  header(cells: string[]): Array<ImportColumn | false> {
    const plan = planHeader(cells);
    if ('problems' in plan) throw importProblemsError(plan.problems);
    this.ignoredColumns = plan.ignored;
    return plan.columns;
  }

  record(values: Record<string, string>, line: number): void {
    const row = ++this.rowCount;
    if (row > MAX_IMPORT_ROWS) throw tooMany(row, line);
    const valid = checkRow(values, row, line, this.seen, this.problems);
    if (valid && this.rows.push(valid) - this.handed >= IMPORT_CHUNK_ROWS) this.handOn();
  }

  private lastSkipped: number | undefined;

  /**
   * A record the CSV reader could not take (csv-parse's error, or too few or many fields) on
   * `line`: one problem per line (csv-parse may report a stray quote twice).
   */
  skipped(line: number | undefined, problem: (row: number) => ImportProblem): void {
    if (line !== undefined && line === this.lastSkipped) return;
    this.lastSkipped = line;
    this.problems.add(problem(++this.rowCount));
  }

  /** A csv-parse failure that ended the read, as the problem of the line after the last. */
  failed(err: unknown): void {
    this.problems.add(syntaxProblem(err, this.rowCount + 1));
  }

  handOn(): void {
    if (this.problems.listed.length === 0 && this.handed < this.rows.length) this.onRows(this.rows.slice(this.handed));
    this.handed = this.rows.length;
  }

  finish(): ReadRows {
    this.problems.throwIfAny();
    if (this.rows.length === 0) throw importRowError({ line: 2, row: 1, column: '(row)', reason: 'the file has a header but no attendees' });
    this.handOn();
    return { rows: this.rows, ignoredColumns: this.ignoredColumns };
  }
}

/**
 * Reads a CSV file: delimiter from the header line; BOM, quotes and CRLF handled. Valid rows go
 * to `onRows` in chunks as they are read, until a problem is found; all of them are in the
 * result too. A plain file is read by readCsvRecords; one it is unsure of (see csv-records.ts)
 * by csv-parse from the start, the rows already handed on not handed again.
 */
export async function readCsvRows(file: Uint8Array, onRows: (rows: ValidRow[]) => void = () => {}): Promise<ReadRows> {
  if (file.length === 0) throw importRowError({ line: 1, row: 0, column: '(header)', reason: 'the file is empty' });
  // The first line decides the delimiter (looked for in the first 64 KiB).
  const headText = new TextDecoder().decode(file.subarray(0, HEAD_BYTES), { stream: true });
  const delimiter = detectDelimiter(headText.split('\n', 1)[0]);
  const fast = new RowCollector(onRows);
  let columns: Array<ImportColumn | false> | undefined;
  try {
    const text = Buffer.from(file.buffer, file.byteOffset, file.byteLength).toString('utf8');
    await readCsvRecords(text, delimiter, (fields, line) => {
      if (!columns) {
        columns = fast.header(fields);
        return;
      }
      if (fields.length !== columns.length) {
        fast.skipped(line, (row) => ({ line, row, column: '(row)', reason: wrongFieldCount }));
        return;
      }
      const values: Record<string, string> = {};
      for (let i = 0; i < fields.length; i++) {
        const column = columns[i];
        if (column) values[column] = fields[i];
      }
      fast.record(values, line);
    });
  } catch (err) {
    if (!(err instanceof CsvIrregular)) throw err;
    let skip = fast.handed;
    const slow = new RowCollector((rows) => {
      const from = Math.min(skip, rows.length);
      skip -= from;
      if (from < rows.length) onRows(from ? rows.slice(from) : rows);
    });
    await parseWithCsvParse(file, delimiter, slow);
    return slow.finish();
  }
  return fast.finish();
}

/** The whole file through csv-parse, its records to `rows`. */
async function parseWithCsvParse(file: Uint8Array, delimiter: string, rows: RowCollector): Promise<void> {
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    delimiter,
    // A row with too few or too many fields is listed and the read goes on.
    skip_records_with_error: true,
    on_skip: (err) => {
      if (err) rows.skipped((err as { lines?: number }).lines, (row) => syntaxProblem(err, row));
      return undefined;
    },
    columns: (header: string[]) => rows.header(header),
    // Rows are checked as they are parsed and kept by the collector; nothing flows downstream,
    // which saves the per-record cost of an object-mode stream.
    on_record: (record: Record<string, string>, context: { lines: number }) => {
      rows.record(record, context.lines);
      return null;
    },
  });
  try {
    await pipeline(async function* () {
      for (let at = 0; at < file.length; at += SLICE_BYTES) {
        yield file.subarray(at, at + SLICE_BYTES);
        // Lets the database's answers in, so a chunk handed on is written while parsing goes on.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }, parser.resume());
  } catch (err) {
    if (err instanceof AppError) throw err;
    rows.failed(err);
  }
}

/** csv-parse's own errors (bad quotes, wrong number of fields) as a problem. */
function syntaxProblem(err: unknown, row: number): ImportProblem {
  const e = err as { code?: string; message?: string; lines?: number };
  // csv-parse names one of its own errors without the prefix: a quote inside an unquoted field.
  if (!e.code?.startsWith('CSV_') && e.code !== 'INVALID_OPENING_QUOTE') throw err;
  const reason =
    e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' || e.code === 'CSV_RECORD_INCONSISTENT_COLUMNS'
      ? 'the row does not have as many fields as the header'
      : (e.message ?? 'not valid CSV');
  return { line: e.lines, row, column: '(row)', reason };
}

/** `{attendees: [...]}`; row numbers are positions in the array, from 1. */
export function readJsonRows(body: unknown): ReadRows {
  const parsed = importJsonRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue.code === 'too_big') throw tooMany(MAX_IMPORT_ROWS + 1);
    throw new AppError('validation_failed', 400, `Invalid body: ${issue.path.join('.') || '(body)'}: ${issue.message}`, {
      issues: [{ path: issue.path.join('.') || '(body)', message: issue.message }],
    });
  }
  const seen = new Map<string, number>();
  const problems = new ProblemList();
  const rows: ValidRow[] = [];
  parsed.data.attendees.forEach((values, i) => {
    const valid = checkRow(values, i + 1, undefined, seen, problems);
    if (valid) rows.push(valid);
  });
  problems.throwIfAny();
  return { rows, ignoredColumns: [] };
}
