// The CSV read in chunks: a file the fast reader leaves to csv-parse half-way is read again by
// csv-parse, and each valid row is still handed on exactly once, in file order.
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/app-error.ts';
import { IMPORT_CHUNK_ROWS, readCsvRows, type ValidRow } from './import-rows.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const lines = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `C-${from + i},Guest ${from + i},,,,,`);
const HEADER = 'ticket_code,first_name,last_name,email,ticket_type,allowed_checkins,status';

async function read(text: string) {
  const handed: ValidRow[] = [];
  const result = await readCsvRows(encode(text), (rows) => handed.push(...rows));
  return { handed, result };
}

describe('readCsvRows', () => {
  it('hands every row on once when csv-parse takes over after chunks were handed (a CRLF line break inside quotes)', async () => {
    const before = IMPORT_CHUNK_ROWS * 2 + 5;
    const csv = [HEADER, ...lines(before), 'Q-1,"two\r\nlines",,,,,', ...lines(10, before)].join('\r\n');
    const { handed, result } = await read(csv);
    expect(result.rows).toHaveLength(before + 11);
    expect(handed.map((r) => r.ticket_code)).toEqual(result.rows.map((r) => r.ticket_code));
    expect(result.rows[before]).toMatchObject({ ticket_code: 'Q-1', first_name: 'two\r\nlines', row: before + 1 });
    expect(result.rows.at(-1)).toMatchObject({ ticket_code: `C-${before + 9}`, row: before + 11 });
  });

  it("lists a stray quote (csv-parse's words) after rows were handed on, and the other bad lines, as a 400", async () => {
    const csv = [HEADER, ...lines(IMPORT_CHUNK_ROWS + 3), 'X-1,Ann "Nan",,,,,', 'X-2,,,nope,,,'].join('\n');
    const error = await readCsvRows(encode(csv)).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(AppError);
    const problems = (error as AppError).details as { problems: Array<{ line: number; column: string; reason: string }> };
    expect(problems.problems.map((p) => [p.line, p.column])).toEqual([
      [IMPORT_CHUNK_ROWS + 5, '(row)'],
      [IMPORT_CHUNK_ROWS + 6, 'email'],
    ]);
    expect(problems.problems[0].reason).toMatch(/quote/i);
  });

  it('reads the rows of a plain file as the schema does, with their lines', async () => {
    const { result } = await read(`\uFEFF${HEADER}\n\nA-1, Ann ,"Lee, Jr.",ann@example.test, VIP ,2,Paid\n`);
    expect(result.rows).toEqual([
      {
        ticket_code: 'A-1',
        first_name: 'Ann',
        last_name: 'Lee, Jr.',
        email: 'ann@example.test',
        ticket_type: 'VIP',
        allowed_checkins: 2,
        status: 'valid',
        row: 1,
        line: 3,
      },
    ]);
  });
});
