// The header line of an attendee CSV: which delimiter the file uses (comma, semicolon as
// Excel writes it in much of Europe, or tab), and which of our columns each header cell is.
// A header we cannot place is refused (a typo would silently lose data), except in a
// Tickera export, whose other columns are read past and named in the result.
import { classifyHeader, importColumnAliases, importColumns, type ImportColumn } from '../../shared/protocol/import-columns.ts';
import type { ImportProblem } from '../../shared/protocol/attendees-import.ts';

export type Delimiter = ',' | ';' | '\t';
const delimiters: Delimiter[] = [',', ';', '\t'];

/** The delimiter the header line uses most often outside quotes; comma when it names one column. */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts = new Map<Delimiter, number>(delimiters.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch as Delimiter)) counts.set(ch as Delimiter, counts.get(ch as Delimiter)! + 1);
  }
  let best: Delimiter = ',';
  for (const d of delimiters) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

export interface HeaderPlan {
  /** Per header cell: our column, or false to skip it (csv-parse's `columns`). */
  columns: Array<ImportColumn | false>;
  /** Header cells read past, as the file spells them. */
  ignored: string[];
}

const spellings = (column: ImportColumn) => [column, ...importColumnAliases[column]].map((s) => `"${s}"`).join(', ');

/** Places every header cell; all problems of the header line are returned together. */
export function planHeader(header: string[]): HeaderPlan | { problems: ImportProblem[] } {
  const cells = header.map((h) => h.trim());
  const kinds = cells.map(classifyHeader);
  const tickeraExport = kinds.some((k) => 'tickera' in k);
  const problems: ImportProblem[] = [];
  const at = (column: string, reason: string) => problems.push({ line: 1, row: 0, column, reason });
  const seen = new Map<ImportColumn, string>();
  const columns: Array<ImportColumn | false> = [];
  const ignored: string[] = [];
  cells.forEach((cell, i) => {
    const kind = kinds[i];
    if ('column' in kind) {
      const earlier = seen.get(kind.column);
      if (earlier !== undefined) at(cell, `names the same column as "${earlier}" (${kind.column}); keep one of them`);
      seen.set(kind.column, cell);
      columns.push(kind.column);
      return;
    }
    if ('unknown' in kind && !tickeraExport) {
      at(cell || '(empty)', `unknown column; the columns are ${importColumns.join(', ')} (any case; "Ticket Code" works too)`);
    }
    columns.push(false);
    ignored.push(cell);
  });
  if (!seen.has('ticket_code')) at('ticket_code', `the header row must name the ticket code column: ${spellings('ticket_code')}`);
  return problems.length ? { problems } : { columns, ignored };
}
