import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvIrregular, readCsvRecords } from './csv-records.ts';

/** What csv-parse reads (as the import reads with it): each record's fields and the line it ends on. */
function csvParse(text: string, delimiter: string): Array<[string[], number]> {
  const out = parse(Buffer.from(text), { bom: true, skip_empty_lines: true, delimiter, relax_column_count: true, info: true }) as unknown as Array<{
    record: string[];
    info: { lines: number };
  }>;
  return out.map((r) => [r.record, r.info.lines]);
}

async function fast(text: string, delimiter: string): Promise<Array<[string[], number]> | 'irregular'> {
  const out: Array<[string[], number]> = [];
  try {
    await readCsvRecords(text, delimiter, (fields, line) => out.push([fields, line]));
  } catch (err) {
    if (err instanceof CsvIrregular) return 'irregular';
    throw err;
  }
  return out;
}

describe('readCsvRecords', () => {
  it.each([
    ['a,b\n1,2\n', ','],
    ['\uFEFFa;b\r\n1;"x;y"\r\n\r\n3;""\r\n', ';'],
    ['a\tb\n\n\n1\t"two\nlines"\n2\t"say ""hi"""', '\t'],
    ['a,b\n,\n"",\n', ','],
    ['only a header', ','],
    ['', ','],
  ])('reads %j as csv-parse does', async (text, delimiter) => {
    expect(await fast(text, delimiter)).toEqual(csvParse(text, delimiter));
  });

  it.each([
    ['a,b\r\n1,2\n3,4\n', 'mixed line ends'],
    ['a,b\n1,x"y\n', 'a quote inside a field'],
    ['a,b\n1,"x"y\n', 'text after a closing quote'],
    ['a,b\n1,"x\n', 'a quote not closed'],
    ['a,b\r\n1,"x\r\ny"\r\n', 'a line break inside quotes of a CRLF file'],
  ])('leaves %j to csv-parse (%s)', async (text) => {
    expect(await fast(text, ',')).toBe('irregular');
  });

  it('reads every file it does not leave to csv-parse exactly as csv-parse does', async () => {
    const piece = fc.constantFrom('a', 'Zoë', ' ', ',', ';', '"', '""', '\n', '\r\n', '\r', '\uFEFF', 'x y');
    const text = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));
    // Files shaped like real ones, so most runs take the fast path.
    const cell = fc.oneof(
      fc.stringMatching(/^[a-z ]{0,5}$/),
      fc.stringMatching(/^[a-z ,;"\n]{0,6}$/).map((s) => `"${s.replace(/"/g, '""')}"`),
    );
    const file = fc
      .tuple(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 6 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
      .map(([rows, eol, last]) => rows.map((r) => r.join(',')).join(eol) + (last ? eol : ''));
    await fc.assert(
      fc.asyncProperty(fc.oneof(text, file), fc.constantFrom(',', ';'), async (csv, delimiter) => {
        const got = await fast(csv, delimiter);
        if (got !== 'irregular') expect(got).toEqual(csvParse(csv, delimiter));
      }),
      { numRuns: 3000 },
    );
  });
});
